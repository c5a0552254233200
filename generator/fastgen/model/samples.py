"""Values generated tests send: text samples that fit a field, and values that break it.

Sample strings respect the field's lengths and pattern, so sample rows pass validation. Each
:class:`InvalidCase` breaks exactly one constraint and carries the Russian message the
generated 422 handler gives for it; the cases are computed from the field's typed limits
(:meth:`fastgen.model.fieldtypes.FieldKind.limits`), never from their source text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fastgen.spec.model import FieldSpec

Limit = int | float | str | bool
"""A typed Pydantic constraint value; printed as Python source only at the edge."""


@dataclass(frozen=True)
class InvalidCase:
    """A value a create request must reject, with the Russian message it gets.

    Attributes:
        field: The field the value is sent in.
        kind: The constraint broken (``too_long``, ``pattern``, ``gt``, ``enum``...).
        value: Python source of the value.
        error_type: Pydantic's error type for it.
        message: The generated handler's Russian message.
    """

    field: str
    kind: str
    value: str
    error_type: str
    message: str


_BOUNDS = (
    ("gt", "greater_than", "Значение должно быть больше {}", 0),
    ("ge", "greater_than_equal", "Значение должно быть не меньше {}", -1),
    ("lt", "less_than", "Значение должно быть меньше {}", 0),
    ("le", "less_than_equal", "Значение должно быть не больше {}", 1),
)
"""Bound constraints: key, Pydantic error type, message, and the step past the bound."""


def invalid_cases(
    name: str, field_type: str, limits: list[tuple[str, Limit]], enum_values: list[str]
) -> list[InvalidCase]:
    """Return values that break one constraint of a field each, and the message each gets.

    Args:
        name: The field name.
        field_type: The field type.
        limits: The field's typed Pydantic constraints.
        enum_values: The values of the field's enum; empty for other types.
    """
    given = dict(limits)
    cases: list[InvalidCase] = []
    longest = given.get("max_length")
    if isinstance(longest, int):
        cases.append(
            InvalidCase(
                name,
                "too_long",
                f'"x" * {longest + 1}',
                "string_too_long",
                f"Длина строки должна быть не больше {longest}",
            )
        )
    shortest = given.get("min_length")
    if isinstance(shortest, int) and shortest > 0:
        cases.append(
            InvalidCase(
                name,
                "too_short",
                f'"x" * {shortest - 1}',
                "string_too_short",
                f"Длина строки должна быть не меньше {shortest}",
            )
        )
    pattern = given.get("pattern")
    if isinstance(pattern, str):
        cases.append(
            InvalidCase(
                name,
                "pattern",
                '"!"',
                "string_pattern_mismatch",
                f"Строка не соответствует шаблону {repr(pattern)[1:-1]}",
            )
        )
    for key, error_type, message, shift in _BOUNDS:
        bound = given.get(key)
        if isinstance(bound, int | float) and not isinstance(bound, bool):
            number = float(bound) if field_type == "float" else bound
            value = number + shift
            text = f'"{value}"' if field_type == "decimal" else str(value)
            cases.append(InvalidCase(name, key, text, error_type, message.format(number)))
    if enum_values:
        cases.append(InvalidCase(name, "enum", '"__unknown__"', "enum", _expected(enum_values)))
    return cases


def _expected(values: list[str]) -> str:
    """Return the Russian list of allowed values, as the generated 422 handler words it."""
    quoted = [f"'{v}'" for v in values]
    listed = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} или {quoted[-1]}"
    return f"Допустимые значения: {listed}"


def fit_string(base: str, n: int, spec: FieldSpec, max_length: int | None) -> str:
    """Return ``<base>-<n>``, cut or padded to the field's lengths, distinct for each ``n``."""
    text = f"{base}-{n}"
    if max_length is not None and len(text) > max_length:
        suffix = str(n)
        text = (base[: max(max_length - len(suffix), 0)] + suffix)[-max_length:]
    if spec.min_length is not None and len(text) < spec.min_length:
        text = text + "x" * (spec.min_length - len(text))
    return text


def pattern_sample(spec: FieldSpec, n: int) -> str:
    """Derive the ``n``-th value of a field with a pattern from its example.

    The example itself comes first; later rows try a few suffixes and keep the first one the
    pattern accepts, so unique fields get distinct values wherever the pattern allows it.
    """
    example = str(spec.example)
    if n == 0 or spec.pattern is None:
        return example
    pattern = re.compile(spec.pattern)
    for candidate in (f"{example}-{n}", f"{example}{n}", f"{example[: -len(str(n))]}{n}"):
        fits = spec.max_length is None or len(candidate) <= spec.max_length
        if fits and pattern.fullmatch(candidate):
            return candidate
    return example
