"""Checks of a field's default or example against the field: type, range, digits and form.

A value must be one the generated API itself would take: the same parser, the same range and
the same text form (``value_problem``). The constants here say which field types take which
constraints; :mod:`fastgen.spec.field_checks` checks the constraints themselves.
"""

from __future__ import annotations

import ipaddress
import math
import operator
import re
import uuid
import warnings
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from fastgen.spec.model import (
    DATE,
    DATETIME_START,
    DEFAULT_STR_LENGTH,
    INT_RANGE,
    TIME_OF_DAY,
    UUID_TEXT,
)
from fastgen.spec.patterns import stored_form
from fastgen.spec.positions import describe, did_you_mean, is_int, is_number

NUMERIC = frozenset({"int", "bigint", "float", "decimal"})
"""Field types that take ``min``, ``max``, ``gt`` and ``lt``."""

STRINGS = frozenset({"str", "text", "email", "url"})
"""Field types that take ``min_length``, ``max_length`` and ``pattern``."""


STR_LENGTH = DEFAULT_STR_LENGTH
"""Length of a ``str`` column without ``max_length``."""


_PARSERS: dict[str, tuple[Callable[[str], object], str]] = {
    "date": (date.fromisoformat, "an ISO date `YYYY-MM-DD`, e.g. `2024-01-31`"),
    "datetime": (
        datetime.fromisoformat,
        "an ISO datetime with a UTC offset, e.g. `2024-01-31T09:30:00Z`",
    ),
    "time": (time.fromisoformat, "an ISO time `HH:MM` or `HH:MM:SS`, e.g. `09:30`"),
    "uuid": (uuid.UUID, "a UUID like `123e4567-e89b-12d3-a456-426614174000`"),
    "ip_address": (ipaddress.ip_address, "an IPv4 or IPv6 address, e.g. `192.0.2.10`"),
}
_API_FORMS: dict[str, tuple[str, bool, str]] = {
    "date": (DATE, True, "`YYYY-MM-DD`, e.g. `2024-01-31`"),
    "time": (
        TIME_OF_DAY,
        True,
        "`HH:MM`, `HH:MM:SS` or `HH:MM:SS.ffffff`, without a UTC offset (time fields hold none)",
    ),
    "datetime": (
        DATETIME_START,
        False,
        "`YYYY-MM-DDTHH:MM:SS` with an offset, e.g. `2024-01-31T09:30:00Z`",
    ),
    "ip_address": ("[^%]+", True, "an address without an IPv6 zone (`%eth0`), e.g. `fe80::1`"),
    "uuid": (
        UUID_TEXT,
        True,
        "36 characters with hyphens, e.g. `123e4567-e89b-12d3-a456-426614174000`",
    ),
}
"""The text the generated API takes for a type (its pattern, whether the pattern is the whole
text or its start, and how to write it), stricter than the Python parser in ``_PARSERS``."""

_BOUND_CHECKS: tuple[tuple[str, str, Callable[[Any, Any], bool]], ...] = (
    ("min", "at least", operator.ge),
    ("max", "at most", operator.le),
    ("gt", "greater than", operator.gt),
    ("lt", "less than", operator.lt),
)


def article(word: str) -> str:
    """Return the English article for ``word``: ``an`` before a vowel, else ``a``."""
    return "an" if word[0] in "aeio" else "a"


def past_document(kind: str, value: float) -> bool:
    """Tell whether a bigint value fits the column but not the API's range (``INT_RANGE``)."""
    return kind == "bigint" and INT_RANGE[kind][1] < value < 2**63


def max_length(body: dict[str, Any]) -> tuple[object, bool]:
    """Return the longest text the field takes, and whether that is the `str` default."""
    high = body.get("max_length")
    if high is None and body.get("type") == "str":
        return STR_LENGTH, True
    return high, False


def compile_pattern(pattern: object) -> re.Pattern[str] | str | None:
    """Compile a ``pattern`` constraint; return the error text if it does not compile.

    Args:
        pattern: The plain value of ``pattern`` (``None`` when not given).

    Returns:
        The compiled expression, the reason it is invalid, or ``None`` for no pattern.

    """
    if not isinstance(pattern, str):
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # e.g. FutureWarning "possible nested set"
        try:
            return re.compile(pattern)
        except re.error as error:
            return f"{error.msg} at position {error.pos}"


def value_problem(
    kind: str, value: object, body: dict[str, Any], enums: dict[str, list[str]], label: str
) -> str | None:
    """Check a default or example against its field.

    Args:
        kind: The field type.
        value: The default or example, as plain data.
        body: The field's plain data (for its constraints and enum).
        enums: The spec's enums: their values by name.
        label: ``default`` or ``example``, used in the message.

    Returns:
        The problem, or ``None`` when the value fits.

    """
    if kind == "json":
        return f"a json field holds a JSON object, which a spec {label} cannot be — remove it"
    if kind in NUMERIC:
        return _number_problem(kind, value, body, label)
    if kind == "bool" and not isinstance(value, bool):
        return (
            f"a bool field needs `true` or `false` as {label}, got {describe(value)} — write "
            "`true` or `false` without quotes"
        )
    if kind != "bool" and not isinstance(value, str):
        got = describe(value)
        need = f"{article(kind)} {kind} field needs text as {label}"
        return f"{need}, got {got} — quote it: `'{value}'`"
    if kind in STRINGS and isinstance(value, str):
        return _text_problem(kind, value, body, label)
    return _named_problem(kind, str(value), body, enums)


def _named_problem(
    kind: str, value: str, body: dict[str, Any], enums: dict[str, list[str]]
) -> str | None:
    """Check a text value that must name an enum value, a date, a time or a UUID."""
    if kind == "enum":
        values = enums.get(str(body.get("enum")))
        if values is None or value in values:
            return None
        hint = did_you_mean(value, values, "values")
        return f"`{value}` is not a value of enum `{body.get('enum')}` — {hint}"
    if kind in _PARSERS:
        parse, shape = _PARSERS[kind]
        try:
            parsed = parse(value)
        except ValueError:
            return f"`{value}` is not a valid {kind} — write {shape}"
        if isinstance(parsed, datetime) and parsed.tzinfo is None:
            return (
                f"`{value}` has no UTC offset, but datetime fields are timezone-aware — add one, "
                f"e.g. `{value}Z` or `{value}+03:00`"
            )
        form = _API_FORMS.get(kind)
        if form is not None and re.match(f"(?:{form[0]})$" if form[1] else form[0], value) is None:
            return f"`{value}` is not {kind} text as the API takes it — write {form[2]}"
    return None


def _number_problem(kind: str, value: object, body: dict[str, Any], label: str) -> str | None:
    """Check a numeric default or example: type, range, bounds and decimal digits."""
    whole = kind in INT_RANGE
    if not is_number(value) or (whole and not is_int(value)):
        need = "a whole number" if whole else "a number"
        got = describe(value)
        return f"{article(kind)} {kind} field needs {need} as {label}, got {got} — write e.g. `0`"
    span = INT_RANGE.get(kind)
    if past_document(kind, value):
        top = INT_RANGE[kind][1]
        return f"{label} {value} is past {top}, the largest bigint requests take — use less"
    if not math.isfinite(value) or (span and not span[0] <= value <= span[1]):
        return f"{label} {value} does not fit a {kind} column — use a finite value in range"
    for key, words, fits in _BOUND_CHECKS:
        bound = body.get(key)
        if is_number(bound) and not fits(value, bound):
            return f"{label} {value} is outside `{key}: {bound}` — use a value {words} {bound}"
    precision, scale = body.get("precision"), body.get("scale", 0)
    if kind == "decimal" and is_int(precision) and is_int(scale):
        return _digits_problem(value, precision, scale, label)
    return None


def _digits_problem(value: float, precision: int, scale: int, label: str) -> str | None:
    """Check that a decimal default fits ``precision`` and ``scale``."""
    digits = Decimal(repr(value)).normalize().as_tuple()
    exponent = int(digits.exponent)
    after, before = max(0, -exponent), max(0, len(digits.digits) + exponent)
    if after > scale:
        return (
            f"{label} {value} has {after} digits after the point but `scale` is {scale} "
            f"— round it to {scale} decimal places or raise `scale`"
        )
    if before > precision - scale:
        return (
            f"{label} {value} has {before} digits before the point, more than the "
            f"{precision - scale} that `precision` {precision} and `scale` {scale} leave "
            "— use a smaller value or raise `precision`"
        )
    return None


def _text_problem(kind: str, value: str, body: dict[str, Any], label: str) -> str | None:
    """Check a text default or example: length, pattern, and the email or URL form."""
    low, pattern = body.get("min_length"), body.get("pattern")
    high, implicit = max_length(body)
    if is_int(high) and len(value) > high:
        limit = f"the {high} a str column holds" if implicit else f"`max_length: {high}`"
        return (
            f"{label} is {len(value)} characters long, more than {limit} — shorten it or raise "
            "`max_length`"
        )
    if is_int(low) and len(value) < low:
        return (
            f"{label} is {len(value)} characters long, less than `min_length: {low}` — lengthen "
            "it or lower `min_length`"
        )
    compiled = compile_pattern(pattern)
    if isinstance(compiled, re.Pattern) and not compiled.search(value):
        return f"{label} `{value}` does not match `pattern` — change it to match `{pattern}`"
    stored = stored_form(kind, value)
    if kind == "email" and stored is None:
        return f"`{value}` is not an email address — write it like `name@example.com`"
    if kind == "url" and stored is None:
        return f"`{value}` is not an http(s) URL — write it like `https://example.com/`"
    if stored != value:
        return f"the API keeps `{value}` as `{stored}` — write it that way"
    return None
