"""Sample values of the field-type registry: within bounds, columns and patterns, distinct."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from fastgen.model.fieldtypes import kind, literal
from fastgen.spec.model import INT_RANGE, SAMPLE_ROWS, FieldSpec
from fastgen.spec.patterns import pattern_samples


def samples(**body: Any) -> list[object]:
    spec = FieldSpec(**body)
    return [kind(spec.type).sample("x", spec, [], n) for n in range(SAMPLE_ROWS)]


def within(value: Decimal, body: dict[str, Any]) -> bool:
    checks = {"min": value.__ge__, "max": value.__le__, "gt": value.__gt__, "lt": value.__lt__}
    return all(test(Decimal(repr(body[key]))) for key, test in checks.items() if key in body)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"type": "int"}, [1, 2, 3, 4]),
        ({"type": "int", "min": 10}, [10, 11, 12, 13]),
        ({"type": "int", "max": 0}, [0, -1, -2, -3]),
        ({"type": "int", "gt": -5, "lt": -1}, [-4, -3, -2, -2]),
        ({"type": "int", "min": 2147483646}, [2147483646, 2147483647, 2147483647, 2147483647]),
        (
            {"type": "bigint", "max": INT_RANGE["bigint"][0] + 3},
            [INT_RANGE["bigint"][0] + step for step in (3, 2, 1, 0)],
        ),
        ({"type": "decimal", "precision": 10, "scale": 2}, ["1.00", "2.00", "3.00", "4.00"]),
        ({"type": "decimal", "precision": 2, "min": 0, "max": 1.5}, ["0", "1", "1", "1"]),
        ({"type": "decimal", "precision": 3, "min": 0.1, "max": 10}, ["1", "2", "3", "4"]),
        ({"type": "decimal", "precision": 1, "scale": 1}, ["0.9", "0.3", "-0.3", "-0.9"]),
        (
            {"type": "decimal", "precision": 3, "scale": 1, "min": 0, "max": 1},
            ["0.0", "0.3", "0.6", "0.9"],
        ),
        (
            {"type": "decimal", "precision": 4, "scale": 2, "min": -500, "max": 5},
            ["1.00", "2.00", "3.00", "4.00"],
        ),
        ({"type": "float"}, [1.0, 1.25, 1.5, 1.75]),
        ({"type": "float", "gt": -0.25, "lt": 0}, [-0.2, -0.15, -0.1, -0.05]),
        ({"type": "float", "min": 0, "max": 0.5}, [0.1, 0.2, 0.3, 0.4]),
        ({"type": "float", "lt": 10}, [1.0, 1.25, 1.5, 1.75]),
    ],
)
def test_number_samples(body: dict[str, Any], expected: list[object]) -> None:
    assert samples(**body) == expected


@pytest.mark.parametrize(
    "body",
    [
        {"type": "int", "unique": True, "max": 0},
        {"type": "int", "unique": True, "gt": 100, "lt": 105},
        {"type": "bigint", "unique": True, "min": 9_223_372_036_854_774_996},
        {"type": "float", "unique": True, "gt": 1e20},
        {"type": "float", "unique": True, "lt": -1e300},
        {"type": "float", "unique": True, "gt": 0, "lt": 1e-300},
        {"type": "decimal", "precision": 1, "scale": 1, "unique": True},
        {"type": "decimal", "precision": 3, "scale": 2, "unique": True, "gt": 0.001, "lt": 0.05},
        {"type": "decimal", "precision": 5, "scale": 0, "unique": True, "min": 99990},
    ],
)
def test_unique_number_samples_are_distinct_and_within_every_bound(body: dict[str, Any]) -> None:
    values = samples(**body)
    assert len(set(values)) == SAMPLE_ROWS, values
    for value in values:
        number = Decimal(str(value))
        assert within(number, body), (value, body)
        if body["type"] == "decimal":
            scale = body.get("scale", 0)
            assert number == number.quantize(Decimal(1).scaleb(-scale))
            assert abs(number) < 10 ** (body["precision"] - scale)
        if body["type"] == "bigint":
            assert INT_RANGE["bigint"][0] <= number <= INT_RANGE["bigint"][1]


def test_unspecified_addresses_are_written_as_numbers() -> None:
    spec = FieldSpec(type="ip_address")
    assert literal(spec, "0.0.0.0") == "IPv4Address(0)"
    assert literal(spec, "::") == "IPv6Address(0)"
    assert literal(spec, "192.0.2.1") == 'IPv4Address("192.0.2.1")'


@pytest.mark.parametrize(
    ("pattern", "example", "max_length"),
    [
        ("^[A-Z]{2}$", "RU", 2),
        ("^[a-z]+$", "user", None),
        (r"^\d{4}-\d{2}$", "2024-01", None),
        (r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", "user@example.com", 320),
        (r"^(?=.*\d)[a-z0-9]{3}$", "ab1", None),
        (r"^(?:ab|c\d)+[^x]\w.$", "abzz1", None),
        ("^(red|green|blue|black)$", "red", None),
        (r"^(?=.*Z)[a-zA-Z]{8}$", "abcdefgZ", None),
        (r"^(?=.*[A-Z])(?=.*\d)[a-zA-Z0-9]{12}$", "Abcdefghijk1", None),
        (r"(?i)^[a-f]{2}$", "AB", None),
    ],
)
def test_pattern_samples_are_distinct_matches(
    pattern: str, example: str, max_length: int | None
) -> None:
    spec = FieldSpec(
        type="str", unique=True, pattern=pattern, example=example, max_length=max_length
    )
    values = samples(**spec.model_dump(exclude_none=True))
    assert values[0] == example
    assert len(set(values)) == SAMPLE_ROWS, values
    for value in values:
        assert isinstance(value, str)
        assert re.search(pattern, value), value
        assert max_length is None or len(value) <= max_length


def test_pattern_samples_respect_min_length() -> None:
    values = pattern_samples("^[a-z]+$", "abcdefghij", 10, 12, SAMPLE_ROWS)
    assert len(values) == SAMPLE_ROWS
    assert all(10 <= len(value) <= 12 for value in values)


def test_pattern_samples_stop_where_the_pattern_does() -> None:
    assert pattern_samples("^(yes|no)$", "yes", None, None, SAMPLE_ROWS) == ("yes", "no")
    assert pattern_samples(r"^(a)\1$", "aa", None, None, SAMPLE_ROWS) == ("aa",)


def test_samples_are_deterministic() -> None:
    body = {"type": "str", "unique": True, "pattern": "^[A-Z]{2}$", "example": "RU"}
    assert samples(**body) == samples(**body) == ["RU", "AA", "AB", "AC"]
