"""Field types written as text: ``str``, ``text``, ``email`` and ``url``.

Part of the field-type registry (:mod:`fastgen.model.fieldtypes` lists every type); an email
address and a URL are text with markers, so their lengths and pattern apply to the text sent.
"""

from __future__ import annotations

from fastgen.model.fieldkind import FieldKind, TextKind
from fastgen.model.samples import pattern_sample
from fastgen.spec.field_checks import LONGEST_VALUE
from fastgen.spec.model import DEFAULT_STR_LENGTH, FieldSpec, FieldType

EMAIL_LENGTH = 320
"""Length of an ``email`` column: the longest address RFC 5321 allows."""


class Str(TextKind):
    """``str``: ``VARCHAR(max_length)``, 255 by default."""

    type = FieldType.STR

    def max_length(self, spec: FieldSpec) -> int | None:
        """Return the column length, which requests are held to as well."""
        return spec.max_length or DEFAULT_STR_LENGTH

    def sa_type(self, spec: FieldSpec, column: str) -> str:
        """Return ``String(n)``."""
        return f"String({self.max_length(spec)})"

    def sql_type(self, spec: FieldSpec) -> str:
        """Return ``VARCHAR(n)``."""
        return f"VARCHAR({self.max_length(spec)})"


class TextType(TextKind):
    """``text``: unbounded ``TEXT``; ``max_length`` limits requests only."""

    type = FieldType.TEXT
    sa = "Text()"
    sql = "TEXT"

    def max_length(self, spec: FieldSpec) -> int | None:
        """Return the request limit, if the spec gives one."""
        return spec.max_length


def _within(forms: tuple[str, ...], spec: FieldSpec, longest: int, before: str) -> str:
    """Return the first form no longer than ``longest``, padded to the field's ``min_length``.

    Args:
        forms: Sample values, longest first; each is distinct for its row.
        spec: The field.
        longest: The longest value the field takes (its kind's ``max_length``).
        before: Where padding goes: before this text (the ``@`` of an address), or at the end.
    """
    text = next((form for form in forms if len(form) <= longest), forms[-1])
    missing = (spec.min_length or 0) - len(text)
    if missing > 0:
        cut = text.index(before) if before else len(text)
        text = text[:cut] + "x" * missing + text[cut:]
    return text


class Email(FieldKind):
    """``email``: an address checked like ``EmailStr``, in a ``VARCHAR(320)``.

    Text with markers, not ``EmailStr``: the field's lengths and pattern apply to the text the
    request carries (errors ``string_too_short``...), then ``EMAIL_TEXT`` checks the address.
    """

    type = FieldType.EMAIL
    python = "str"
    orm = "str"
    sa = f"String({EMAIL_LENGTH})"
    sql = f"VARCHAR({EMAIL_LENGTH})"

    def max_length(self, spec: FieldSpec) -> int:
        """Return the spec's ``max_length``, else the longest address email-validator takes."""
        return spec.max_length or LONGEST_VALUE["email"]

    def schema_markers(self, spec: FieldSpec) -> list[str]:
        """Check the address after the lengths and the pattern; document its format."""
        return ["EMAIL_TEXT", "EMAIL_FORMAT"]

    def read_type(self, spec: FieldSpec) -> str:
        """Return text documented as an address: what is stored is not checked again."""
        return "Annotated[str, EMAIL_FORMAT]"

    def sample(self, name: str, spec: FieldSpec, enum_values: list[str], n: int) -> object:
        """Return ``<name><n>@example.com`` (or a pattern-derived value)."""
        if spec.pattern is not None:
            return pattern_sample(spec, n, spec.max_length)
        local = name.replace("_", "-")
        forms = (f"{local}{n}@example.com", f"u{n}@example.com", f"u{n}@a.io")
        return _within(forms, spec, self.max_length(spec), "@")


class Url(FieldKind):
    """``url``: an http(s) URL, stored in its normal form as ``TEXT``.

    Text with markers: the field's lengths and pattern apply to the text the request carries,
    then ``HTTP_URL_TEXT`` checks the URL and keeps it as text in its normal form. The column
    has no length: the normal form may be longer than what was sent (a space becomes ``%20``,
    a non-ASCII letter up to 12 characters, a domain punycode), and a URL that fits the
    field's ``max_length`` as sent must be stored (found by the contract test).
    """

    type = FieldType.URL
    python = "str"
    orm = "str"
    sa = "Text()"
    sql = "TEXT"

    def max_length(self, spec: FieldSpec) -> int:
        """Return the spec's ``max_length``, else the longest URL ``HttpUrl`` takes."""
        return spec.max_length or LONGEST_VALUE["url"]

    def schema_markers(self, spec: FieldSpec) -> list[str]:
        """Check the URL after the lengths and the pattern; document its format."""
        return ["HTTP_URL_TEXT", "URI_FORMAT"]

    def read_type(self, spec: FieldSpec) -> str:
        """Return text documented as a URL: what is stored is not checked again."""
        return "Annotated[str, URI_FORMAT]"

    def sample(self, name: str, spec: FieldSpec, enum_values: list[str], n: int) -> object:
        """Return ``https://example.com/<name>/<n>`` (or a pattern-derived value)."""
        if spec.pattern is not None:
            return pattern_sample(spec, n, spec.max_length)
        forms = (f"https://example.com/{name}/{n}", f"https://example.com/{n}", f"http://a.io/{n}")
        return _within(forms, spec, self.max_length(spec), "")
