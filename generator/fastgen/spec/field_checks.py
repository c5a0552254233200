"""Checks of one field against its type: constraints, enum reference, default and example.

They need nothing but the field and the spec's enums. Like every semantic check they read
plain data and skip values of the wrong type, which the shape check reports.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from fractions import Fraction
from typing import Any

from fastgen.spec.model import (
    INT_RANGE,
    SAMPLE_ROWS,
    FieldType,
)
from fastgen.spec.patterns import pattern_samples
from fastgen.spec.positions import Issue, Path, did_you_mean, is_int, is_number
from fastgen.spec.value_checks import (
    NUMERIC,
    STR_LENGTH,
    STRINGS,
    article,
    compile_pattern,
    max_length,
    past_document,
    value_problem,
)

__all__ = [
    "LONGEST_VALUE",
    "NUMERIC",
    "SHORTEST_VALUE",
    "STRINGS",
    "STR_LENGTH",
    "check_field",
    "compile_pattern",
]

_ALTERNATIVES = {"min": "min_length", "max": "max_length", "min_length": "min", "max_length": "max"}


def check_field(path: Path, body: dict[str, Any], enums: dict[str, list[str]]) -> list[Issue]:
    """Check the constraints, enum and default of one field against its type.

    Args:
        path: Where the field is in the spec.
        body: The field's plain data.
        enums: The spec's enums: their values by name.

    Returns:
        The problems found; none when the field's type itself is invalid.

    """
    kind = body.get("type")
    if not isinstance(kind, str) or kind not in set(FieldType):
        return []
    given = {key for key, value in body.items() if value is not None}
    issues = _misplaced(path, kind, given)
    if kind == "file":
        return issues + _file_options(path, body, given)
    for key in sorted(given & {"max_size", "content_types"}):
        message = f"`{key}` applies only to file fields, not to {kind} — remove it"
        issues.append(Issue((*path, key), message, "key"))
    if kind == "list":
        element = "enum" if body.get("of") == "enum" else "list"
        return (
            issues
            + _list_options(path, body, given)
            + _enum_reference(path, element, body, enums, given)
        )
    for key in sorted(given & {"of", "max_items"}):
        message = f"`{key}` applies only to list fields, not to {kind} — remove it"
        issues.append(Issue((*path, key), message, "key"))
    if kind == "decimal":
        issues += _decimal_digits(path, body, given)
    if kind in NUMERIC:
        issues += _bounds(path, kind, body)
    if kind in STRINGS:
        issues += _text_constraints(path, body)
    for key in ("unique", "index"):
        if kind == "json" and body.get(key) is True:
            message = f"`{key}` is not supported on json fields — remove it"
            issues.append(Issue((*path, key), message, "key"))
    issues += _enum_reference(path, kind, body, enums, given)
    for key in ("default", "example"):
        if key in given:
            problem = value_problem(kind, body[key], body, enums, key)
            if problem:
                issues.append(Issue((*path, key), problem))
    if not issues:
        issues += _few_values(path, kind, body, enums)
    return issues


_FILE_REFUSES = {
    "unique": "files are not compared",
    "index": "a file's key is never searched",
    "default": "a file is uploaded, never defaulted",
    "example": "an upload has no example value",
}


_LIST_REFUSES = {
    "unique": "lists are not compared as a whole",
    "index": "a B-tree index does not serve item filters",
    "default": "a spec default is a single value, not a list",
    "example": "a spec example is a single value, not a list",
}


def _list_options(path: Path, body: dict[str, Any], given: set[str]) -> list[Issue]:
    """Options of a list field: the item type is required; no whole-value options."""
    issues: list[Issue] = []
    if "of" not in given:
        message = (
            "a list field needs `of`, the type of its items — add e.g. `of: str` (str, int, "
            "uuid or enum)"
        )
        issues.append(Issue((*path, "of"), message, "parent"))
    return issues + _refused(path, body, given, "list", _LIST_REFUSES)


def _file_options(path: Path, body: dict[str, Any], given: set[str]) -> list[Issue]:
    """Options of a file field: always optional, no value options, a known media type."""
    issues: list[Issue] = []
    if body.get("required") is True:
        message = (
            "a file is uploaded after its row exists, so a file field is always optional — "
            "remove `required`"
        )
        issues.append(Issue((*path, "required"), message, "key"))
    return issues + _refused(path, body, given, "file", _FILE_REFUSES)


def _refused(
    path: Path, body: dict[str, Any], given: set[str], kind: str, refusals: dict[str, str]
) -> list[Issue]:
    """Report the options a field type cannot have (given and not ``false``), with why."""
    return [
        Issue((*path, key), f"`{key}` does not apply to {kind} fields: {why} — remove it", "key")
        for key, why in refusals.items()
        if key in given and body.get(key) is not False
    ]


def _misplaced(path: Path, kind: str, given: set[str]) -> list[Issue]:
    """Report constraints that do not apply to the field's type, at their keys."""
    issues: list[Issue] = []
    for key in sorted(given & {"min", "max", "gt", "lt", "min_length", "max_length", "pattern"}):
        numeric = key in {"min", "max", "gt", "lt"}
        if kind in (NUMERIC if numeric else STRINGS):
            continue
        alternative = _ALTERNATIVES.get(key) if kind in (STRINGS if numeric else NUMERIC) else None
        applies = "int, bigint, float and decimal" if numeric else "str, text, email and url"
        hint = f", or use `{alternative}`" if alternative else ""
        message = f"`{key}` applies only to {applies} fields, not to {kind} — remove it{hint}"
        issues.append(Issue((*path, key), message, "key"))
    for key in sorted(given & {"precision", "scale"}):
        if kind != "decimal":
            message = f"`{key}` applies only to decimal fields, not to {kind} — remove it"
            issues.append(Issue((*path, key), message, "key"))
    return issues


def _decimal_digits(path: Path, body: dict[str, Any], given: set[str]) -> list[Issue]:
    precision, scale = body.get("precision"), body.get("scale")
    if "precision" not in given:
        message = (
            "a decimal field needs `precision`, the total number of digits (`scale`, the "
            "digits after the point, defaults to 0) — add e.g. `precision: 10` and `scale: 2`"
        )
        return [Issue((*path, "precision"), message, "parent")]
    if is_int(precision) and is_int(scale) and scale > precision:
        message = (
            f"`scale` {scale} is larger than `precision` {precision}: the digits after the point "
            "are part of the precision — lower `scale` or raise `precision`"
        )
        return [Issue((*path, "scale"), message)]
    return []


def _bounds(path: Path, kind: str, body: dict[str, Any]) -> list[Issue]:
    """Numeric bounds: finite, whole for integer columns, in range, not contradictory."""
    issues: list[Issue] = []
    bounds = {key: body[key] for key in ("min", "max", "gt", "lt") if is_number(body.get(key))}
    span = INT_RANGE.get(kind)
    for key, value in list(bounds.items()):
        if not math.isfinite(value):
            message = f"`{key}` must be a finite number — remove it or give a number"
        elif span and not float(value).is_integer():
            message = f"`{key}` of a {kind} field must be a whole number — use e.g. `{int(value)}`"
        elif past_document(kind, value):
            message = (
                f"`{key}` {value} is past {INT_RANGE[kind][1]}, the largest {kind} the API "
                "document states exactly (its bounds are floats) — use a smaller bound or "
                "`type: decimal`"
            )
        elif span and not span[0] <= value <= span[1]:
            wider = "bigint" if kind == "int" else "decimal"
            message = (
                f"`{key}` {value} does not fit a {kind} column — use `type: {wider}` or a "
                "smaller bound"
            )
        else:
            continue
        issues.append(Issue((*path, key), message))
        del bounds[key]
    for low, high in (("min", "max"), ("min", "lt"), ("gt", "max"), ("gt", "lt")):
        if low in bounds and high in bounds:
            a, b = bounds[low], bounds[high]
            if a > b or (a == b and (low, high) != ("min", "max")):
                message = (
                    f"no number satisfies both `{low}: {a}` and `{high}: {b}` — make `{low}` "
                    f"smaller than `{high}`"
                )
                issues.append(Issue((*path, high), message))
    if not issues and bounds:
        issues += _no_value_fits(path, kind, body, bounds)
    return issues


def _no_value_fits(
    path: Path, kind: str, body: dict[str, Any], bounds: dict[str, float]
) -> list[Issue]:
    """Report bounds no value of an integer or decimal column can satisfy."""
    span = _step_span(kind, body, bounds)
    if span is None or span[0] <= span[1]:
        return []
    given = " and ".join(f"`{key}: {value}`" for key, value in bounds.items())
    key = next(key for key in ("max", "lt", "min", "gt") if key in bounds)
    message = (
        f"no value satisfies {given} in {article(kind)} {kind} column, "
        f"which holds {_holds(kind, body)}"
        " — widen the bounds" + (", or raise `scale` or `precision`" if kind == "decimal" else "")
    )
    return [Issue((*path, key), message)]


def _holds(kind: str, body: dict[str, Any]) -> str:
    """Say what an integer or decimal column holds."""
    if kind in INT_RANGE:
        return "whole numbers"
    return f"numbers of {body['precision']} digits, {body.get('scale', 0)} of them after the point"


def _step_span(kind: str, body: dict[str, Any], bounds: dict[str, float]) -> tuple[int, int] | None:
    """Return the smallest and the largest value an integer or decimal field takes, in steps.

    Counted in steps of the column (1, or ``10**-scale``): the smallest step at or above the
    lower bounds and the largest at or below the upper ones, within what the column holds;
    ``None`` for other types (or digits the shape check refuses).
    """
    if kind in INT_RANGE:
        scale, (low, high) = 0, INT_RANGE[kind]
    elif kind == "decimal" and is_int(body.get("precision")) and is_int(body.get("scale", 0)):
        precision, scale = body["precision"], body.get("scale", 0)
        high = 10**precision - 1
        low = -high
    else:
        return None
    units = {key: Fraction(Decimal(repr(value))) * 10**scale for key, value in bounds.items()}
    if "min" in units:
        low = max(low, math.ceil(units["min"]))
    if "gt" in units:
        low = max(low, math.floor(units["gt"]) + 1)
    if "max" in units:
        high = min(high, math.floor(units["max"]))
    if "lt" in units:
        high = min(high, math.ceil(units["lt"]) - 1)
    return low, high


_UNIQUE_NEEDS = (
    f"the generated tests create {SAMPLE_ROWS} rows of every entity, each with its own value "
    "of a unique field"
)


def _few_values(
    path: Path, kind: str, body: dict[str, Any], enums: dict[str, list[str]]
) -> list[Issue]:
    """Refuse ``unique`` on a field that holds fewer distinct values than the test rows."""
    if body.get("unique") is not True:
        return []
    where = (*path, "unique")
    if kind == "bool":
        message = (
            f"a unique bool field holds two values (true and false), but {_UNIQUE_NEEDS} — "
            "remove `unique`, or use an enum of at least four values"
        )
        return [Issue(where, message)]
    if kind == "enum" and isinstance(body.get("enum"), str):
        values = enums.get(body["enum"])
        if isinstance(values, list) and len(values) < SAMPLE_ROWS:
            message = (
                f"a unique field of enum `{body['enum']}` holds {len(values)} values, but "
                f"{_UNIQUE_NEEDS} — remove `unique`, or give `{body['enum']}` at least "
                f"{SAMPLE_ROWS} values"
            )
            return [Issue(where, message)]
    bounds = {key: body[key] for key in ("min", "max", "gt", "lt") if is_number(body.get(key))}
    span = _step_span(kind, body, bounds) if bounds else None
    if span is not None and 0 < span[1] - span[0] + 1 < SAMPLE_ROWS:
        count = span[1] - span[0] + 1
        message = (
            f"a unique {kind} field within these bounds holds {count} "
            f"value{'s' if count > 1 else ''}, but {_UNIQUE_NEEDS} — widen the bounds, or "
            "remove `unique`"
        )
        return [Issue(where, message)]
    return _few_matches(where, kind, body)


def _few_matches(where: Path, kind: str, body: dict[str, Any]) -> list[Issue]:
    """Refuse ``unique`` on a text field whose pattern admits fewer values than the test rows.

    The values are the ones the generated samples are taken from
    (:func:`fastgen.spec.patterns.pattern_samples`): the example, then matches derived from the
    pattern within the field's lengths.
    """
    pattern, example = body.get("pattern"), body.get("example")
    if kind not in STRINGS or not isinstance(pattern, str) or not isinstance(example, str):
        return []
    if not isinstance(compile_pattern(pattern), re.Pattern):
        return []
    low, (high, _) = body.get("min_length"), max_length(body)
    values = pattern_samples(
        pattern,
        example,
        low if is_int(low) else None,
        high if is_int(high) else None,
        SAMPLE_ROWS,
        kind=kind,
    )
    if len(values) >= SAMPLE_ROWS:
        return []
    found = ", ".join(f"`{value}`" for value in values)
    count = f"{len(values)} value{'s' if len(values) > 1 else ''}"
    message = (
        f"the `pattern` of this unique field admits only {count} within its lengths ({found}), "
        f"but {_UNIQUE_NEEDS} — widen the pattern or the lengths, or remove `unique`"
    )
    return [Issue(where, message)]


SHORTEST_VALUE = {"url": "http://a.io/0", "email": "u0@a.io"}
"""The shortest sample value of a url and an email field (``model.fieldtypes``)."""
LONGEST_VALUE = {"url": 2083, "email": 254}
"""The longest URL ``HttpUrl`` takes and the longest address email-validator takes."""
_WHAT = {"url": "a URL", "email": "an address"}


def _text_constraints(path: Path, body: dict[str, Any]) -> list[Issue]:
    low, pattern = body.get("min_length"), body.get("pattern")
    (high, implicit), issues = max_length(body), []
    if is_int(low) and is_int(high) and low > high:
        limit = f"the default `str` length {high}" if implicit else f"`max_length` {high}"
        message = (
            f"`min_length` {low} is more than {limit}: no text fits — raise `max_length` or "
            "lower `min_length`"
        )
        issues.append(Issue((*path, "min_length" if implicit else "max_length"), message))
    shortest = SHORTEST_VALUE.get(str(body.get("type")))
    if shortest is not None and is_int(high) and not implicit and high < len(shortest):
        what = _WHAT[str(body["type"])]
        message = (
            f"`max_length` {high} leaves no room for {what} (the tests' shortest is "
            f"`{shortest}`, {len(shortest)} characters) — raise it"
        )
        issues.append(Issue((*path, "max_length"), message))
    longest = LONGEST_VALUE.get(str(body.get("type")))
    if longest is not None and is_int(high) and not implicit and high > longest:
        message = (
            f"`max_length` {high} is more than the {longest} characters the API's check of "
            f"{_WHAT[str(body['type'])]} takes — use at most {longest}"
        )
        issues.append(Issue((*path, "max_length"), message))
    compiled = compile_pattern(pattern)
    if pattern is not None and body.get("example") is None and body.get("type") in STRINGS:
        message = (
            "a field with `pattern` needs an `example` that matches it, as generated tests build "
            "their data from it — add `example:` with a matching value"
        )
        issues.append(Issue((*path, "example"), message, "parent"))
    if isinstance(compiled, str):
        message = (
            f"`pattern` is not a valid regular expression ({compiled}) — fix it; it is a Python "
            "`re` pattern"
        )
        issues.append(Issue((*path, "pattern"), message))
    return issues


def _enum_reference(
    path: Path, kind: str, body: dict[str, Any], enums: dict[str, list[str]], given: set[str]
) -> list[Issue]:
    enum = body.get("enum")
    if kind == "enum" and "enum" not in given:
        example = next(iter(enums), "Status")
        message = (
            "a field of type enum needs `enum:` naming one of the `enums` — add e.g. "
            f"`enum: {example}`"
        )
        return [Issue((*path, "enum"), message, "parent")]
    if kind == "enum" and isinstance(enum, str) and enum not in enums:
        message = f"unknown enum `{enum}` — {did_you_mean(enum, list(enums), 'enums')}"
        return [Issue((*path, "enum"), message)]
    if kind != "enum" and "enum" in given:
        message = "`enum` applies only to fields of type enum — remove it or set `type: enum`"
        return [Issue((*path, "enum"), message, "key")]
    return []
