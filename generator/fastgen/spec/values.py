"""Values of fields: Python source literals and sample values for generated tests.

Sample values are deterministic functions of the field and a row number, and respect every
constraint the spec puts on the field, so the generated tests can create valid rows without
random data.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

from fastgen.spec.model import DEFAULT_STR_LENGTH, FieldSpec, FieldType

Scalar = str | int | float | bool

_FIRST_DATE = (2024, 1, 1)


def python_literal(spec: FieldSpec, value: object) -> str:
    """Return Python source that evaluates to ``value`` typed for the field.

    Args:
        spec: The field the value belongs to.
        value: A YAML scalar (or a sample value) already checked against the field.

    Returns:
        Source text such as ``Decimal("12.50")``, ``Currency.RUB`` or ``'text'``.
    """
    kind = spec.type
    if value is None:
        return "None"
    if kind is FieldType.ENUM:
        return f"{spec.enum}.{value}"
    if kind is FieldType.DECIMAL:
        return f"Decimal({json.dumps(str(value))})"
    if kind is FieldType.FLOAT:
        return repr(float(str(value)))
    if kind in {FieldType.INT, FieldType.BIGINT}:
        return str(int(str(value)))
    if kind is FieldType.BOOL:
        return "True" if value else "False"
    if kind is FieldType.DATE:
        return f"date.fromisoformat({json.dumps(str(value))})"
    if kind is FieldType.DATETIME:
        return f"datetime.fromisoformat({json.dumps(str(value))})"
    if kind is FieldType.TIME:
        return f"time.fromisoformat({json.dumps(str(value))})"
    if kind is FieldType.UUID:
        return f"UUID({json.dumps(str(value))})"
    return json.dumps(value, ensure_ascii=False)


def _number_bounds(spec: FieldSpec, step: float) -> tuple[float, float | None]:
    low: float = 1
    if spec.min is not None:
        low = spec.min
    elif spec.gt is not None:
        low = spec.gt + step
    high: float | None = None
    if spec.max is not None:
        high = spec.max
    elif spec.lt is not None:
        high = spec.lt - step
    return low, high


def _fit_string(base: str, n: int, spec: FieldSpec, max_length: int | None) -> str:
    text = f"{base}-{n}"
    if max_length is not None and len(text) > max_length:
        suffix = str(n)
        text = (base[: max(max_length - len(suffix), 0)] + suffix)[-max_length:]
    if spec.min_length is not None and len(text) < spec.min_length:
        text = text + "x" * (spec.min_length - len(text))
    return text


def _pattern_sample(spec: FieldSpec, n: int) -> str:
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


def sample_value(name: str, spec: FieldSpec, enum_values: list[str], n: int) -> object:
    """Return the ``n``-th sample value of a field as JSON-compatible data.

    Samples increase with ``n`` for every ordered type, so tests can predict sort order.

    Args:
        name: Field name, used to make strings recognisable.
        spec: The field.
        enum_values: Values of the field's enum (type enum only).
        n: Row number, from 0.

    Returns:
        A str, int, float, bool or dict that passes the field's request validation.
    """
    kind = spec.type
    if kind is FieldType.ENUM:
        return enum_values[n % len(enum_values)]
    if kind in {FieldType.STR, FieldType.TEXT}:
        if spec.pattern is not None:
            return _pattern_sample(spec, n)
        max_length = spec.max_length or (DEFAULT_STR_LENGTH if kind is FieldType.STR else None)
        return _fit_string(str(spec.example) if spec.example else name, n, spec, max_length)
    if kind in {FieldType.EMAIL, FieldType.URL} and spec.pattern is not None:
        return _pattern_sample(spec, n)
    if kind is FieldType.EMAIL:
        return f"{name.replace('_', '-')}{n}@example.com"
    if kind is FieldType.URL:
        return f"https://example.com/{name}/{n}"
    if kind in {FieldType.INT, FieldType.BIGINT}:
        low, high = _number_bounds(spec, 1)
        value = int(low) + n
        return min(value, int(high)) if high is not None else value
    if kind is FieldType.FLOAT:
        low, high = _number_bounds(spec, 0.25)
        result = float(low) + n * 0.25
        return min(result, high) if high is not None else result
    if kind is FieldType.DECIMAL:
        scale = spec.scale or 0
        step = Decimal(1).scaleb(-scale)
        low, high = _number_bounds(spec, float(step))
        number = Decimal(str(low)) + n
        if high is not None:
            number = min(number, Decimal(str(high)))
        return str(number.quantize(step))
    if kind is FieldType.BOOL:
        return n % 2 == 0
    if kind is FieldType.DATE:
        return f"2024-01-{n + 1:02d}"
    if kind is FieldType.DATETIME:
        return f"2024-01-{n + 1:02d}T12:00:00Z"
    if kind is FieldType.TIME:
        return f"12:{n:02d}:00"
    if kind is FieldType.UUID:
        return f"00000000-0000-4000-8000-{n:012d}"
    return {"key": name, "n": n}
