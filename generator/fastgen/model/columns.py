"""Columns: how each field type is spelt in SQLAlchemy, Alembic and Pydantic.

Also the values a generated test sends to prove each constraint is enforced, with the Russian
message the generated 422 handler gives for it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from fastgen.spec.model import DEFAULT_STR_LENGTH, FieldSpec, FieldType

# Python annotation used in schemas, and in ``Mapped[...]``, per field type.
SCHEMA_TYPES: dict[FieldType, str] = {
    FieldType.STR: "str",
    FieldType.TEXT: "str",
    FieldType.INT: "int",
    FieldType.BIGINT: "int",
    FieldType.FLOAT: "float",
    FieldType.DECIMAL: "Decimal",
    FieldType.BOOL: "bool",
    FieldType.DATE: "date",
    FieldType.DATETIME: "AwareDatetime",
    FieldType.TIME: "time",
    FieldType.UUID: "UUID",
    FieldType.EMAIL: "EmailStr",
    FieldType.URL: "HttpUrlStr",
    FieldType.JSON: "dict[str, Any]",
}
ORM_TYPES: dict[FieldType, str] = {
    **SCHEMA_TYPES,
    FieldType.DATETIME: "datetime",
    FieldType.EMAIL: "str",
    FieldType.URL: "str",
}
STR_TYPES = frozenset({FieldType.STR, FieldType.TEXT, FieldType.EMAIL, FieldType.URL})
EMAIL_LENGTH = 320
URL_LENGTH = 2083


@dataclass(frozen=True)
class InvalidCase:
    """A value a create request must reject, with the Russian message it gets."""

    field: str
    kind: str
    value: str
    error_type: str
    message: str


def sa_type(spec: FieldSpec, name: str) -> str:
    """Return the SQLAlchemy column type of a field, as model source text."""
    kind = spec.type
    if kind is FieldType.STR:
        return f"String({spec.max_length or DEFAULT_STR_LENGTH})"
    if kind is FieldType.DECIMAL:
        return f"Numeric({spec.precision}, {spec.scale or 0})"
    if kind is FieldType.ENUM:
        return (
            f"SAEnum({spec.enum}, name={name!r}, native_enum=False, create_constraint=True, "
            "length=64, values_callable=enum_values)"
        )
    return {
        FieldType.TEXT: "Text()",
        FieldType.INT: "Integer()",
        FieldType.BIGINT: "BigInteger()",
        FieldType.FLOAT: "Double()",
        FieldType.BOOL: "Boolean()",
        FieldType.DATE: "Date()",
        FieldType.DATETIME: "DateTime(timezone=True)",
        FieldType.TIME: "Time()",
        FieldType.UUID: "Uuid()",
        FieldType.EMAIL: f"String({EMAIL_LENGTH})",
        FieldType.URL: f"String({URL_LENGTH})",
        FieldType.JSON: "JSONB(none_as_null=True)",
    }[kind]


def migration_type(spec: FieldSpec, name: str, enums: dict[str, list[str]]) -> str:
    """Return the column type as an Alembic migration spells it."""
    if spec.type is FieldType.ENUM:
        values = ", ".join(json.dumps(v) for v in enums[str(spec.enum)])
        return (
            f'sa.Enum({values}, name=op.f("ck_%(table)s_{name}"), native_enum=False, '
            "create_constraint=True, length=64)"
        )
    if spec.type is FieldType.JSON:
        return "postgresql.JSONB(none_as_null=True)"
    return "sa." + sa_type(spec, name)


def sql_type(spec: FieldSpec) -> str:
    """Return the PostgreSQL type of a field's column, as ``ALTER ... USING`` casts to it."""
    kind = spec.type
    if kind is FieldType.STR:
        return f"VARCHAR({spec.max_length or DEFAULT_STR_LENGTH})"
    if kind is FieldType.DECIMAL:
        return f"NUMERIC({spec.precision}, {spec.scale or 0})"
    return {
        FieldType.TEXT: "TEXT",
        FieldType.INT: "INTEGER",
        FieldType.BIGINT: "BIGINT",
        FieldType.FLOAT: "DOUBLE PRECISION",
        FieldType.BOOL: "BOOLEAN",
        FieldType.DATE: "DATE",
        FieldType.DATETIME: "TIMESTAMP WITH TIME ZONE",
        FieldType.TIME: "TIME WITHOUT TIME ZONE",
        FieldType.UUID: "UUID",
        FieldType.EMAIL: f"VARCHAR({EMAIL_LENGTH})",
        FieldType.URL: f"VARCHAR({URL_LENGTH})",
        FieldType.JSON: "JSONB",
        FieldType.ENUM: "VARCHAR(64)",
    }[kind]


def backfill_text(spec: FieldSpec) -> str | None:
    """Return the field's default as text PostgreSQL casts to the column type, if it has one.

    A migration that adds a NOT NULL column to a table with rows fills them with this value.
    """
    value = spec.default
    if value is None:
        return None
    if spec.type is FieldType.BOOL:
        return "true" if value else "false"
    if spec.type is FieldType.JSON:
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def pydantic_constraints(spec: FieldSpec) -> list[tuple[str, str]]:
    """Pydantic ``Field(...)`` keyword arguments, as source text, in a fixed order."""
    out: list[tuple[str, str]] = []
    pairs = (("ge", spec.min), ("le", spec.max), ("gt", spec.gt), ("lt", spec.lt))
    for key, value in pairs:
        if value is not None:
            out.append((key, repr(value)))
    if spec.min_length is not None:
        out.append(("min_length", str(spec.min_length)))
    max_length = spec.max_length
    if spec.type is FieldType.STR and max_length is None:
        max_length = DEFAULT_STR_LENGTH
    if max_length is not None and spec.type in STR_TYPES - {FieldType.EMAIL, FieldType.URL}:
        out.append(("max_length", str(max_length)))
    if spec.pattern is not None:
        out.append(("pattern", repr(spec.pattern)))
    if spec.type is FieldType.FLOAT:
        out.append(("allow_inf_nan", "False"))
    if spec.type is FieldType.DECIMAL:
        out.append(("max_digits", str(spec.precision)))
        out.append(("decimal_places", str(spec.scale or 0)))
    return out


def invalid_cases(
    name: str, kind: str, constraints: list[tuple[str, str]], enum_values: list[str]
) -> list[InvalidCase]:
    """Values that break one constraint of a field each, and the message each gets.

    Args:
        name: The field name.
        kind: The field type.
        constraints: The field's Pydantic constraints (:func:`pydantic_constraints`).
        enum_values: The values of the field's enum; empty for other types.
    """
    limits = dict(constraints)
    cases: list[InvalidCase] = []
    if "max_length" in limits:
        size = int(limits["max_length"]) + 1
        cases.append(
            InvalidCase(
                name,
                "too_long",
                f'"x" * {size}',
                "string_too_long",
                f"Длина строки должна быть не больше {limits['max_length']}",
            )
        )
    if "min_length" in limits and int(limits["min_length"]) > 0:
        size = int(limits["min_length"]) - 1
        cases.append(
            InvalidCase(
                name,
                "too_short",
                f'"x" * {size}',
                "string_too_short",
                f"Длина строки должна быть не меньше {limits['min_length']}",
            )
        )
    if "pattern" in limits:
        cases.append(
            InvalidCase(
                name,
                "pattern",
                '"!"',
                "string_pattern_mismatch",
                f"Строка не соответствует шаблону {limits['pattern'][1:-1]}",
            )
        )
    bounds = (
        ("gt", "greater_than", "Значение должно быть больше {}", 0),
        ("ge", "greater_than_equal", "Значение должно быть не меньше {}", -1),
        ("lt", "less_than", "Значение должно быть меньше {}", 0),
        ("le", "less_than_equal", "Значение должно быть не больше {}", 1),
    )
    for key, error_type, message, shift in bounds:
        if key in limits:
            number = _plain_number(limits[key])
            if kind == "float":
                number = float(number)
            value = number + shift
            text = f'"{value}"' if kind == "decimal" else str(value)
            cases.append(InvalidCase(name, key, text, error_type, message.format(number)))
    if enum_values:
        cases.append(InvalidCase(name, "enum", '"__unknown__"', "enum", _expected(enum_values)))
    return cases


def _expected(values: list[str]) -> str:
    """Return the Russian list of allowed values, as the generated 422 handler words it."""
    quoted = [f"'{v}'" for v in values]
    listed = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} или {quoted[-1]}"
    return f"Допустимые значения: {listed}"


def _plain_number(text: str) -> int | float:
    value = float(text)
    return int(value) if value.is_integer() and "." not in text else value
