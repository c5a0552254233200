"""Field bodies for generated specs: every field type with the options it accepts.

Each strategy returns the plain data of one field (``{"type": "str", "max_length": 2, ...}``).
Values the spec checks compare (defaults and examples against lengths, patterns, bounds,
precision and scale) are built to fit by construction; the edges are drawn on purpose: an
example exactly at ``max_length``, a bound range holding one number or none of the column's
type, ``precision: 1``, ISO forms Python reads and other software may not.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

from fastgen.spec.field_checks import LONGEST_VALUE, SHORTEST_VALUE
from fastgen.spec.model import INT_RANGE
from hypothesis import strategies as st

from .texts import descriptions, tame_texts

PATTERNS = [
    r"^[a-z0-9-]+$",
    r"^[A-Z]{2}$",
    r"^\d{4}$",
    r"^SKU-\d+$",
    r"[a-z]",
    r"^(foo|bar)$",
    r'^[^"\\]+$',
    r"^[\"'`]+$",
    r"^\w+$",
    r"^[a-z]+(?:-[a-z]+)*$",
    r"^.{2,5}$",
    r"^\S+$",
    r"^[A-Z][a-z]*$",
    r"^x$",
]
"""Patterns of str and text fields; examples are drawn to match them."""

LOOKAROUND = {r"^(?!admin)[a-z]+$": ["user", "guest", "adm"], r"^[a-z]+(?<!x)$": ["ab", "yz"]}
"""Patterns Hypothesis cannot draw from, with examples that match."""

EMAILS = [
    *("a@b.co", "sales@example.com", "first.last+tag@sub.example.org", "x@y.test"),
    *("Юзер@пример.рф", "UPPER@example.com", "a_b@c-d.io"),
]
URLS = [
    *("https://example.com/", "https://example.com/a/b?c=1&d=%20", "http://example.com/A?b=1#c"),
    *(
        "https://xn--e1afmkfd.xn--p1ai/%D0%BF%D1%83%D1%82%D1%8C",
        "http://user:pw@host.example:8080/",
    ),
    "https://example.com/a%20b",
]
"""Email addresses and URLs in the form the API keeps them (the spec refuses others, e.g.
``https://example.com`` or ``UPPER@EXAMPLE.COM``, saying how to write them)."""
DATES = ["2024-01-31", "0001-01-01", "9999-12-31", "2000-02-29"]
"""Dates as the spec takes them (``YYYY-MM-DD`` only, not ``20240131`` or ``2024-W05-3``)."""
DATETIMES = [
    *("2024-01-31T09:30:00Z", "2024-01-31t09:30:00+03:00", "2024-01-31T09:30:00.123456+05:45"),
    *("0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59Z", "2024-01-31T09:30Z"),
    "2024-01-31T09:30:00-12:00",
]
"""Datetimes as the spec takes them (RFC 3339: not ``2024-01-31 09:30:00Z`` or the basic
``20240131T093000Z`` form, which the API refuses)."""
TIMES = ["09:30", "23:59:59", "00:00", "12:00:00.5", "23:59:59.999999"]
"""Times of day as the spec takes them (no UTC offset, no basic ``0930`` form)."""
UUIDS = [
    *("123e4567-e89b-12d3-a456-426614174000", "123E4567-E89B-12D3-A456-426614174000"),
    *("00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff"),
]
"""UUIDs as the spec takes them (hyphenated; not braced, ``urn:uuid:`` or 32 digits)."""
IPS = [
    *("192.0.2.10", "::1", "2001:db8::1", "::ffff:192.0.2.1", "fe80::1", "0.0.0.0"),
    "255.255.255.255",
]
"""Addresses as the spec takes them (no IPv6 zone such as ``%eth0``, which the API refuses)."""
SIZES = ["16B", "10MB", "5MB", "1KB", "2GB", "1024KB"]
MEDIA_TYPES = [
    *("image/png", "image/jpeg", "image/*", "application/pdf", "text/plain", "image/webp"),
    *("application/vnd.ms-excel", "audio/*", "application/octet-stream", "image/svg+xml"),
]


def _common(draw: st.DrawFn, body: dict[str, Any], text: bool, *, unique: bool = True) -> None:
    """Options every comparable field takes: required, unique, index, description."""
    if draw(st.integers(0, 3)) == 0:
        body["required"] = draw(st.booleans())
    if unique and draw(st.integers(0, 4)) == 0:
        body["unique"] = True
    if draw(st.integers(0, 5)) == 0:
        body["index"] = draw(st.booleans())
    if draw(st.integers(0, 3)) == 0:
        body["description"] = draw(descriptions() if text else tame_texts(80))


_EXAMPLES = {
    pattern: st.from_regex(pattern, fullmatch=True).filter(
        lambda e: 1 <= len(e) <= 20 and "\n" not in e
    )
    for pattern in PATTERNS
}
"""Examples of each pattern (built once: a regex strategy costs to build)."""


@st.composite
def _pattern_and_example(draw: st.DrawFn, awkward: bool) -> tuple[str, str]:
    if draw(st.integers(0, 5)) == 0:
        pattern = draw(st.sampled_from(sorted(LOOKAROUND)))
        return pattern, draw(st.sampled_from(LOOKAROUND[pattern]))
    pattern = draw(st.sampled_from(PATTERNS if awkward else PATTERNS[:6]))
    return pattern, draw(_EXAMPLES[pattern])


@st.composite
def string_field(draw: st.DrawFn, kind: str, text: bool) -> dict[str, Any]:
    """A str, text, email or url field: lengths, a pattern with its example, a default."""
    body: dict[str, Any] = {"type": kind}
    _common(draw, body, text)
    samples: list[str] = []
    if kind in ("str", "text") and draw(st.integers(0, 2)) == 0:
        pattern, example = draw(_pattern_and_example(text))
        body["pattern"], body["example"] = pattern, example
        samples.append(example)
        if draw(st.booleans()):
            body["default"] = example
    elif kind == "email":
        samples = draw(st.lists(st.sampled_from(EMAILS), min_size=1, max_size=2))
    elif kind == "url":
        samples = draw(st.lists(st.sampled_from(URLS), min_size=1, max_size=2))
    elif draw(st.booleans()):
        samples = [draw(tame_texts(30).filter(bool))]
    if kind in ("email", "url") or (samples and "pattern" not in body):
        for key, value in zip(("example", "default"), samples, strict=False):
            if draw(st.booleans()):
                body[key] = value
    # The spec leaves room for the tests' shortest URL or address (field_checks.SHORTEST_VALUE).
    floor = len(SHORTEST_VALUE.get(kind, ""))
    longest = max([floor, *(len(s) for s in samples)])
    shortest = min((len(s) for s in samples), default=1000)
    if draw(st.booleans()) or (kind == "str" and longest > 255):
        # Often exactly as long as the longest sample: its derived values must still fit.
        body["max_length"] = draw(
            st.one_of(
                st.just(max(longest, 1)),
                st.integers(max(longest, 1), max(longest, 1) + 300),
                st.sampled_from([max(longest, 1), 10485760]),
            )
        )
        if kind in LONGEST_VALUE:  # what the API's URL or address check takes
            body["max_length"] = min(body["max_length"], LONGEST_VALUE[kind])
    if draw(st.integers(0, 2)) == 0:
        high = body.get("max_length", 255 if kind == "str" else 1000)
        body["min_length"] = draw(st.integers(0, min(high, shortest)))
    return body


def _bound_values(kind: str) -> st.SearchStrategy[int | float]:
    if kind in INT_RANGE:
        low, high = INT_RANGE[kind]
        return st.one_of(
            st.integers(-5, 5),
            st.integers(low, high),
            st.sampled_from([low, high, 0]),
        )
    return st.one_of(
        st.integers(-5, 5),
        st.floats(-1e6, 1e6, allow_nan=False).map(lambda f: round(f, 2)),
        st.sampled_from([0, 0.1, 0.5, 1.5, -0.25]),
    )


@st.composite
def number_field(draw: st.DrawFn, kind: str, text: bool) -> dict[str, Any]:
    """An int, bigint, float or decimal field: bounds (narrow ones too) and a default inside."""
    body: dict[str, Any] = {"type": kind}
    _common(draw, body, text)
    if kind == "decimal":
        precision = draw(st.one_of(st.integers(1, 18), st.sampled_from([1, 2, 38, 1000])))
        scale = draw(st.integers(0, min(precision, 12)))
        body["precision"] = precision
        if scale or draw(st.booleans()):
            body["scale"] = scale
    low = draw(st.none() | _bound_values(kind))
    high = draw(st.none() | _bound_values(kind))
    if low is not None and high is not None and low > high:
        low, high = high, low
    if low is not None:
        strict = draw(st.booleans()) and (high is None or low < high)
        body["gt" if strict else "min"] = low
    if high is not None:
        strict = draw(st.booleans()) and (low is None or low < high)
        body["lt" if strict else "max"] = high
    for keys in (("lt", "max"), ("gt", "min")):
        if not _has_value(kind, body):
            for key in keys:
                body.pop(key, None)  # no value of the column fits: the spec refuses such bounds
    if kind == "int" and low is not None and draw(st.integers(0, 9)) == 0:
        for key in ("gt", "min"):
            if key in body:
                body[key] = float(body[key])  # a whole number written as a float
    default = draw(st.none() | _default_number(kind, body))
    if default is not None and _fits(kind, default, body):
        body["default" if draw(st.booleans()) else "example"] = default
    return body


def _has_value(kind: str, body: dict[str, Any]) -> bool:
    """Whether some value the column holds satisfies the bounds (counted in its steps)."""
    if kind == "float":
        return True
    scale = body.get("scale", 0) if kind == "decimal" else 0
    if kind == "decimal":
        low, high = -(10 ** body["precision"]) + 1, 10 ** body["precision"] - 1
    else:
        low, high = INT_RANGE[kind]
    step = Fraction(1, 10**scale)
    for key, value in body.items():
        if key in ("min", "gt", "max", "lt"):
            units = Fraction(Decimal(repr(value))) / step
            if key == "min":
                low = max(low, math.ceil(units))
            elif key == "gt":
                low = max(low, math.floor(units) + 1)
            elif key == "max":
                high = min(high, math.floor(units))
            else:
                high = min(high, math.ceil(units) - 1)
    return low <= high


def _default_number(kind: str, body: dict[str, Any]) -> st.SearchStrategy[int | float]:
    if kind == "decimal":
        scale, digits = body.get("scale", 0), min(body["precision"], 15)
        units = st.integers(-(10 ** min(digits, 15)) + 1, 10 ** min(digits, 15) - 1)
        return units.map(lambda k: float(Decimal(k).scaleb(-scale)) if scale else k)
    if kind == "float":
        return st.floats(-1e6, 1e6, allow_nan=False).map(lambda f: round(f, 3))
    return st.one_of(st.integers(-10, 10), st.integers(*INT_RANGE[kind]))


def _fits(kind: str, value: float, body: dict[str, Any]) -> bool:
    """Whether a default satisfies the field's bounds and digits (else it is left out)."""
    checks = [("min", value >= body.get("min", value)), ("max", value <= body.get("max", value))]
    checks += [("gt", "gt" not in body or value > body["gt"])]
    checks += [("lt", "lt" not in body or value < body["lt"])]
    if not all(ok for _, ok in checks):
        return False
    if kind == "decimal":
        digits = Decimal(repr(value)).normalize().as_tuple()
        exponent = int(digits.exponent)
        after, before = max(0, -exponent), max(0, len(digits.digits) + exponent)
        scale = body.get("scale", 0)
        return after <= scale and before <= body["precision"] - scale
    return True


@st.composite
def valued_field(draw: st.DrawFn, kind: str, text: bool) -> dict[str, Any]:
    """A bool, date, datetime, time, uuid or ip_address field with an optional default."""
    body: dict[str, Any] = {"type": kind}
    _common(draw, body, text)
    values = {
        "bool": [True, False],
        "date": DATES,
        "datetime": DATETIMES,
        "time": TIMES,
        "uuid": UUIDS,
        "ip_address": IPS,
    }[kind]
    for key in ("default", "example"):
        if draw(st.integers(0, 2)) == 0:
            body[key] = draw(st.sampled_from(values))
    return body


@st.composite
def enum_field(draw: st.DrawFn, enums: dict[str, list[str]], text: bool) -> dict[str, Any]:
    """An enum field naming one of the spec's enums, with a default among its values."""
    name = draw(st.sampled_from(sorted(enums)))
    body: dict[str, Any] = {"type": "enum", "enum": name}
    _common(draw, body, text)
    if draw(st.booleans()):
        body["default"] = draw(st.sampled_from(enums[name]))
    return body


@st.composite
def other_field(
    draw: st.DrawFn, kind: str, enums: dict[str, list[str]], text: bool
) -> dict[str, Any]:
    """A json, file or list field: only the options each of them takes."""
    body: dict[str, Any] = {"type": kind}
    _common(draw, body, text, unique=False)
    body.pop("index", None)
    if kind == "file":
        body.pop("required", None)
        if draw(st.booleans()):
            body["required"] = False
        if draw(st.booleans()):
            body["max_size"] = draw(st.sampled_from(SIZES))
        if draw(st.booleans()):
            body["content_types"] = draw(st.lists(st.sampled_from(MEDIA_TYPES), max_size=3))
    elif kind == "list":
        choices = ["str", "int", "uuid", *(["enum"] if enums else [])]
        body["of"] = draw(st.sampled_from(choices))
        if body["of"] == "enum":
            body["enum"] = draw(st.sampled_from(sorted(enums)))
        if draw(st.booleans()):
            body["max_items"] = draw(st.one_of(st.integers(1, 5), st.just(10000)))
    return body


FIELD_TYPES = [
    *("str", "text", "int", "bigint", "float", "decimal", "bool", "date", "datetime", "time"),
    *("uuid", "email", "url", "json", "enum", "file", "ip_address", "list"),
]


def fields_of(
    kind: str, enums: dict[str, list[str]], *, text: bool, avoid_known: bool = False
) -> st.SearchStrategy[dict[str, Any]]:
    """The strategy for one field of type ``kind`` (see :func:`clear_of_known`)."""
    if kind in ("str", "text", "email", "url"):
        strategy = string_field(kind, text)
    elif kind in ("int", "bigint", "float", "decimal"):
        strategy = number_field(kind, text)
    elif kind == "enum":
        strategy = enum_field(enums, text)
    elif kind in ("json", "file", "list"):
        strategy = other_field(kind, enums, text)
    else:
        strategy = valued_field(kind, text)
    if avoid_known:
        return strategy.map(lambda body: clear_of_known(body, enums))
    return strategy


def clear_of_known(body: dict[str, Any], enums: dict[str, list[str]]) -> dict[str, Any]:
    """Keep a field clear of the open failure classes (``tests/spec/data/regressions``).

    Each rule names the regression spec that holds its class; drop the rule once the class
    is fixed (its xfail then fails loudly).
    """
    body = dict(body)
    kind = body["type"]
    few_values = kind == "bool" or (kind == "enum" and len(enums[body["enum"]]) < 4)
    if "pattern" in body or few_values:
        body.pop("unique", None)  # unique-pattern-samples, unique-few-values
    if kind in INT_RANGE or kind in ("float", "decimal"):
        lower = [body[key] for key in ("min", "gt") if key in body]
        upper = [body[key] for key in ("max", "lt") if key in body]
        if body.get("unique") or (lower and upper and upper[0] - lower[0] < 4):
            body.pop("max", None)  # narrow-range-samples
            body.pop("lt", None)
        if kind == "decimal":
            step = Fraction(1, 10 ** body.get("scale", 0))
            body["precision"] = max(body["precision"], body.get("scale", 0) + 1)
            top = 10 ** (body["precision"] - body.get("scale", 0))
            for key in ("min", "max", "gt", "lt"):
                value = Fraction(Decimal(repr(body[key]))) if key in body else None
                if value is not None and (value % step or abs(value) >= top):
                    del body[key]  # decimal-bound-off-the-scale
        limit = INT_RANGE[kind][1] + 1 if kind in INT_RANGE else None
        if kind == "decimal":
            limit = 10 ** (body["precision"] - body.get("scale", 0))
        low = body.get("min", body.get("gt", 0))
        if limit is not None and low + 4 >= limit:
            body.pop("min", None)  # number-samples-past-the-column
            body.pop("gt", None)
        if kind == "decimal" and not _fits("decimal", body.get("default", 0), body):
            body.pop("default", None)
    if kind == "ip_address":
        for key in ("default", "example"):
            if body.get(key) == "0.0.0.0":
                body[key] = "192.0.2.1"  # ip-any-address-literal
    if "description" in body:
        body["description"] = body["description"][:30]  # long-column-comment
    return body
