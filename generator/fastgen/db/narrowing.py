"""Narrowing type changes: which rows a new column type would not hold unchanged.

PostgreSQL changes a column's type by converting every value, and some conversions change
data instead of failing: an explicit cast (``USING col::VARCHAR(10)``, which a change across
type families needs) truncates strings, and any conversion to ``NUMERIC(p, s)`` or to an
integer type rounds. A revision that narrows a type therefore first counts the rows whose value
would not survive, and fails (as one transaction, nothing changed) when there are any:
:func:`fit_check` returns that statement, :func:`unfit_condition` the SQL condition it counts.

The conditions are exact: a row is counted when, and only when, the conversion would give a
value that differs from the one stored (or the conversion would fail anyway). Conversions that
PostgreSQL refuses by itself for every row (there is no cast), or that parse text (its value is
what the text says), need no check.
"""

from __future__ import annotations

import json
import re

from fastgen.db.nodes import Column

CHECK_FUNCTION = "_require_fit"
"""The helper a revision defines when it checks rows (see the revision template)."""

_VARCHAR = re.compile(r"^VARCHAR\((\d+)\)$")
_NUMERIC = re.compile(r"^NUMERIC\((\d+), (\d+)\)$")

_TEXT_TYPES = ("TEXT", "VARCHAR")
_INTEGER_RANGE = {
    "INTEGER": (-(2**31), 2**31),
    "BIGINT": (-(2**63), 2**63),
}
"""The values an integer type holds, as a half-open interval ``[low, high)``."""

_INTEGER_DIGITS = {"INTEGER": 10, "BIGINT": 19}
"""Decimal digits of the largest value of an integer type."""

_DOUBLE = "DOUBLE PRECISION"
_DOUBLE_DIGITS = 15
"""A decimal of at most this many significant digits survives a round trip through a double."""

_TIMESTAMP = "TIMESTAMP WITH TIME ZONE"


def _base(sql: str) -> str:
    return sql.split("(", 1)[0]


def _out_of_range(value: str, low: int, high: int) -> str:
    """Values outside ``[low, high)``; NaN counts (PostgreSQL orders it above every number)."""
    return f"{value} < {low} OR {value} >= {high}"


def _too_large(value: str, whole: int) -> str:
    """Values with more than ``whole`` digits before the point (NaN converts, so it fits)."""
    return f"({value} <> 'NaN' AND abs({value}) >= 1{'0' * whole})"


def _to_numeric(column: str, old: str, precision: int, scale: int) -> str | None:
    """Rows that change or overflow when converted to ``NUMERIC(precision, scale)``."""
    whole = precision - scale
    old_numeric = _NUMERIC.match(old)
    if old_numeric:
        old_precision, old_scale = int(old_numeric[1]), int(old_numeric[2])
        conditions = []
        if scale < old_scale:
            conditions.append(f"{column} <> round({column}, {scale})")
        if whole < old_precision - old_scale:
            conditions.append(_too_large(column, whole))
        return " OR ".join(conditions) or None
    if old in _INTEGER_DIGITS:
        if whole >= _INTEGER_DIGITS[old]:
            return None
        return f"abs({column}::numeric) >= 1{'0' * whole}"
    if old == _DOUBLE or _base(old) in _TEXT_TYPES:
        value = f"{column}::numeric"
        return f"{value} <> round({value}, {scale}) OR {_too_large(value, whole)}"
    return None


def _to_integer(column: str, old: str, new: str) -> str | None:
    """Rows that are not whole numbers, or out of range, for the integer type ``new``."""
    low, high = _INTEGER_RANGE[new]
    if old in _INTEGER_RANGE:
        old_low, old_high = _INTEGER_RANGE[old]
        if old_low >= low and old_high <= high:
            return None
        return _out_of_range(column, low, high)
    if old == _DOUBLE or _NUMERIC.match(old):
        return f"{column} <> trunc({column}) OR {_out_of_range(column, low, high)}"
    return None


def _to_double(column: str, old: str) -> str | None:
    """Rows whose value a double precision number does not hold."""
    if old == "BIGINT":
        # A double holds integers up to 2**53 exactly, some larger ones too; the one it rounds
        # a value to is compared exactly (2**63 itself is beyond BIGINT, so checked first).
        double = f"{column}::double precision"
        return f"CASE WHEN {double} >= {2**63} THEN true ELSE {double}::bigint <> {column} END"
    old_numeric = _NUMERIC.match(old)
    if old_numeric and int(old_numeric[1]) > _DOUBLE_DIGITS:
        # The shortest text that reads back as the same double must be the same decimal.
        return f"{column} <> {column}::double precision::text::numeric"
    return None


def unfit_condition(column: Column, new: Column) -> str | None:
    """Return the SQL condition of the rows that ``new``'s type would not hold unchanged.

    Args:
        column: The column as the database has it.
        new: The column as it is to be (the same name).

    Returns:
        A condition on one row (true when the value would change, be cut or fail to convert;
        NULL never counts), or None when every value converts unchanged or none can convert.
    """
    name = json.dumps(new.name)
    old_sql, new_sql = column.sql, new.sql
    if old_sql == new_sql:
        return None
    new_char = _VARCHAR.match(new_sql)
    if new_char:
        length = int(new_char[1])
        old_char = _VARCHAR.match(old_sql)
        if old_char:
            return f"char_length({name}) > {length}" if int(old_char[1]) > length else None
        text = name if old_sql == "TEXT" else f"{name}::text"
        return f"char_length({text}) > {length}"
    new_numeric = _NUMERIC.match(new_sql)
    if new_numeric:
        return _to_numeric(name, old_sql, int(new_numeric[1]), int(new_numeric[2]))
    if new_sql in _INTEGER_RANGE:
        return _to_integer(name, old_sql, new_sql)
    if new_sql == _DOUBLE:
        return _to_double(name, old_sql)
    if new_sql == "BOOLEAN" and old_sql == "INTEGER":
        return f"{name} NOT IN (0, 1)"
    if old_sql == _TIMESTAMP and new_sql == "DATE":
        return f"{name} <> {name}::date::timestamp with time zone"
    if old_sql == _TIMESTAMP and new_sql.startswith("TIME "):
        return f"{name} IS NOT NULL"  # the date goes
    return None


def fit_check(table: str, column: Column, new: Column) -> str | None:
    """Return the statement that fails a migration when rows do not fit ``new``'s type.

    Args:
        table: The table of the column.
        column: The column as the database has it.
        new: The column as it is to be.

    Returns:
        A call of the revision's check helper, to run before the column is altered, or None
        when nothing can change.
    """
    condition = unfit_condition(column, new)
    if condition is None:
        return None
    args = ", ".join(json.dumps(a, ensure_ascii=False) for a in (table, new.name, new.sql))
    return f"{CHECK_FUNCTION}({args}, {json.dumps(condition)})"
