"""Values generated tests send: text samples that fit a field, and values that break it.

Sample strings respect the field's lengths and pattern, so sample rows pass validation. Each
:class:`InvalidCase` breaks exactly one constraint and carries the Russian message the
generated 422 handler gives for it; the cases are computed from the field's typed limits
(:meth:`fastgen.model.fieldtypes.FieldKind.limits`), never from their source text.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from fastgen.spec.model import SAMPLE_ROWS, FieldSpec
from fastgen.spec.patterns import pattern_samples

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
    mismatch = _mismatch(pattern, given) if isinstance(pattern, str) else None
    if mismatch is not None:
        cases.append(
            InvalidCase(
                name,
                "pattern",
                json.dumps(mismatch),
                "string_pattern_mismatch",
                f"Строка не соответствует шаблону {pattern}",
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


_MISMATCH_SIZE = 200
"""The longest text the pattern case of a generated test sends (a longer ``min_length`` leaves
the case out: the test's source would carry the whole text)."""


def _mismatch(pattern: str, given: dict[str, Limit]) -> str | None:
    """Return a text within the field's lengths that the pattern refuses, if there is one.

    Pydantic checks the lengths before the pattern, so the text must fit them for the error to
    be the pattern's.
    """
    shortest, longest = given.get("min_length"), given.get("max_length")
    size = max(shortest, 1) if isinstance(shortest, int) else 1
    if (isinstance(longest, int) and size > longest) or size > _MISMATCH_SIZE:
        return None
    compiled = re.compile(pattern)
    for char in "!~ 0a":
        if compiled.search(char * size) is None:
            return char * size
    return None


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


def _units(value: float, scale: int) -> Fraction:
    """Return a spec bound exactly, counted in steps of ``10 ** -scale``."""
    return Fraction(Decimal(repr(value))) * Fraction(10**scale)


def stepped_samples(
    spec: FieldSpec, scale: int, column: tuple[int, int] | None, count: int
) -> list[int]:
    """Return ``count`` samples of an integer or decimal field, in steps of its column.

    A value is counted in steps of ``10 ** -scale`` (1 for integer columns). The samples are
    1, 2, 3... when they fit; from a lower bound they count up from it, and under an upper bound
    with no lower one they count down from it. When the room is too small for whole steps,
    the step shrinks to spread the samples over the room, so they are distinct wherever the
    bounds and the column hold ``count`` values, and never leave them.

    Args:
        spec: The field, for ``min``, ``max``, ``gt`` and ``lt``.
        scale: The digits after the point (0 for integer columns).
        column: The smallest and the largest value the column holds, in steps (``None``: no
            limit but the bounds).
        count: How many samples.
    """
    unit = 10**scale
    low, high = column if column is not None else (None, None)
    below = False
    if spec.min is not None:
        least = math.ceil(_units(spec.min, scale))
        if low is None or least > low:
            low, below = least, True
    if spec.gt is not None:
        least = math.floor(_units(spec.gt, scale)) + 1
        if low is None or least > low:
            low, below = least, True
    if spec.max is not None:
        most = math.floor(_units(spec.max, scale))
        if high is None or most < high:
            high = most
    if spec.lt is not None:
        most = math.ceil(_units(spec.lt, scale)) - 1
        if high is None or most < high:
            high = most
    start = low if below and low is not None else unit
    last = count - 1
    if (low is None or start >= low) and (high is None or start + last * unit <= high):
        return [start + n * unit for n in range(count)]
    room = None if low is None or high is None else high - low
    step = unit if room is None else min(unit, max(room // max(last, 1), 1))
    if below and low is not None:
        return [low + n * step if high is None else min(low + n * step, high) for n in range(count)]
    assert high is not None  # start fits every lower bound, so it is the upper one that failed
    return [high - n * step if low is None else max(high - n * step, low) for n in range(count)]


def float_samples(spec: FieldSpec, count: int) -> list[float]:
    """Return ``count`` distinct samples of a float field, within its bounds.

    The first plan that keeps every sample finite, within the bounds (never at an exclusive
    one) and distinct wins: quarter steps up from 1 or from the lower bound, quarter steps down
    from the upper bound, the inner fifths of a bounded interval, then steps relative to the
    bound's size (where a quarter is lost to rounding).
    """
    low = spec.min if spec.min is not None else spec.gt
    high = spec.max if spec.max is not None else spec.lt

    def fits(value: float) -> bool:
        return (
            math.isfinite(value)
            and (spec.min is None or value >= spec.min)
            and (spec.gt is None or value > spec.gt)
            and (spec.max is None or value <= spec.max)
            and (spec.lt is None or value < spec.lt)
        )

    plans: list[list[float]] = []
    if low is None:
        plans.append([1 + n * 0.25 for n in range(count)])
    else:
        start = float(low) if spec.min is not None else low + 0.25
        plans.append([start + n * 0.25 for n in range(count)])
    if high is not None:
        top = float(high) if spec.max is not None else high - 0.25
        plans.append([top - n * 0.25 for n in range(count)])
    if low is not None and high is not None:
        fifth = high / (count + 1) - low / (count + 1)
        plans.append([low + fifth * (n + 1) for n in range(count)])
    for bound, sign in ((low, 1), (high, -1)):
        if bound is not None:
            step = max(abs(bound) * 2.0**-20, 2.0**-20)
            plans.append([bound + sign * step * (n + 1) for n in range(count)])
    for plan in plans:
        tidy = [float(f"{value:.12g}") for value in plan]  # 0.3, not 0.30000000000000004
        for values in (tidy, plan):
            if all(fits(value) for value in values) and len(set(values)) == count:
                return values
    fitting = [value for plan in plans for value in plan if fits(value)]
    return [fitting[0] if fitting else float(low if low is not None else 1)] * count


def pattern_sample(spec: FieldSpec, n: int, max_length: int | None) -> str:
    """Return the ``n``-th value of a field with a pattern: its example, then other matches.

    The values come from :func:`fastgen.spec.patterns.pattern_samples` (variations of the
    example, then strings derived from the pattern within the lengths), which the spec also
    asks before it takes ``unique`` on such a field, so a unique field's values are distinct.
    Where the pattern admits no more values (a field that is not unique), the example repeats.

    Args:
        spec: The field, with ``pattern`` and ``example``.
        n: The sample row.
        max_length: The longest value the field takes.
    """
    example = str(spec.example)
    if n == 0 or spec.pattern is None:
        return example
    count = max(SAMPLE_ROWS, n + 1)
    values = pattern_samples(
        spec.pattern, example, spec.min_length, max_length, count, kind=spec.type
    )
    return values[n] if n < len(values) else example
