"""The field-type registry: one class per spec field type, and everything that type knows.

A type says how its column is spelt in PostgreSQL, in SQLAlchemy models and in Alembic
migrations, which Python annotation the schemas and the ORM use, which Pydantic constraints
a field of it gets, how a value of it is written as Python source, which value a generated
test puts in its ``n``-th sample row, and which value rows already in a table get when a NOT
NULL column of it is added. Every other module asks :func:`kind` instead of branching on the
type name, so adding a type means adding a class here (and its name and options in the spec).
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import ClassVar

from fastgen.model.samples import Limit, fit_string, pattern_sample
from fastgen.spec.model import DEFAULT_STR_LENGTH, FieldSpec, FieldType

EMAIL_LENGTH = 320
"""Length of an ``email`` column: the longest address RFC 5321 allows."""

URL_LENGTH = 2083
"""Length of a ``url`` column: the longest URL browsers traditionally accept."""

FILE_KEY_LENGTH = 1024
"""Length of the column that holds a file's object key (S3 keys are at most 1024 bytes)."""


class FieldKind:
    """A field type; subclasses override what differs from this plain, unconstrained type.

    Attributes:
        type: The spec name of the type.
        python: The annotation in request schemas.
        orm: The annotation of the model attribute (``Mapped[...]``); defaults to ``python``.
        sa: The SQLAlchemy column type, as model source.
        sql: The PostgreSQL type.
    """

    type: ClassVar[FieldType]
    python: ClassVar[str]
    orm: ClassVar[str | None] = None
    sa: ClassVar[str]
    sql: ClassVar[str]

    def schema_type(self, spec: FieldSpec) -> str:
        """Return the annotation of the field in request schemas."""
        return self.python

    def orm_type(self, spec: FieldSpec) -> str:
        """Return the annotation of the model attribute."""
        return self.orm or self.schema_type(spec)

    def read_type(self, spec: FieldSpec) -> str:
        """Return the annotation of the field in response schemas."""
        return self.orm_type(spec)

    def sa_type(self, spec: FieldSpec, column: str) -> str:
        """Return the SQLAlchemy column type, as model source."""
        return self.sa

    def migration_type(
        self, spec: FieldSpec, column: str, enum_values: list[str], table: str
    ) -> str:
        """Return the column type as an Alembic migration of ``table`` spells it."""
        return "sa." + self.sa_type(spec, column)

    def sql_type(self, spec: FieldSpec) -> str:
        """Return the PostgreSQL type, as ``ALTER ... USING`` casts to it."""
        return self.sql

    def limits(self, spec: FieldSpec) -> list[tuple[str, Limit]]:
        """Return the Pydantic ``Field(...)`` constraints, typed, in a fixed order."""
        out: list[tuple[str, Limit]] = []
        for key, value in (("ge", spec.min), ("le", spec.max), ("gt", spec.gt), ("lt", spec.lt)):
            if value is not None:
                out.append((key, value))
        if spec.min_length is not None:
            out.append(("min_length", spec.min_length))
        max_length = self.max_length(spec)
        if max_length is not None:
            out.append(("max_length", max_length))
        if spec.pattern is not None:
            out.append(("pattern", spec.pattern))
        return out + self.extra_limits(spec)

    def max_length(self, spec: FieldSpec) -> int | None:
        """Return the longest value a request may carry, when the schema checks it."""
        return None

    def extra_limits(self, spec: FieldSpec) -> list[tuple[str, Limit]]:
        """Return constraints of this type beyond bounds, lengths and pattern."""
        return []

    def literal(self, spec: FieldSpec, value: object) -> str:
        """Return Python source that evaluates to ``value`` typed for the field."""
        return json.dumps(value, ensure_ascii=False)

    def sample(self, name: str, spec: FieldSpec, enum_values: list[str], n: int) -> object:
        """Return the ``n``-th sample value as JSON data; ordered types grow with ``n``."""
        return {"key": name, "n": n}

    def backfill(self, spec: FieldSpec) -> str | None:
        """Return the default as text PostgreSQL casts to the column type, if there is one.

        A migration that adds a NOT NULL column to a table with rows fills them with it.
        """
        return None if spec.default is None else str(spec.default)


class _Text(FieldKind):
    """Text types: samples derived from the name, the example or the pattern."""

    python = "str"

    def sample(self, name: str, spec: FieldSpec, enum_values: list[str], n: int) -> object:
        """Return a distinct string that fits the field's lengths and pattern."""
        if spec.pattern is not None:
            return pattern_sample(spec, n)
        base = str(spec.example) if spec.example else name
        return fit_string(base, n, spec, self.max_length(spec))


class Str(_Text):
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


class TextType(_Text):
    """``text``: unbounded ``TEXT``; ``max_length`` limits requests only."""

    type = FieldType.TEXT
    sa = "Text()"
    sql = "TEXT"

    def max_length(self, spec: FieldSpec) -> int | None:
        """Return the request limit, if the spec gives one."""
        return spec.max_length


class Email(FieldKind):
    """``email``: an address checked by ``EmailStr``, in a ``VARCHAR(320)``."""

    type = FieldType.EMAIL
    python = "EmailStr"
    orm = "str"
    sa = f"String({EMAIL_LENGTH})"
    sql = f"VARCHAR({EMAIL_LENGTH})"

    def sample(self, name: str, spec: FieldSpec, enum_values: list[str], n: int) -> object:
        """Return ``<name><n>@example.com`` (or a pattern-derived value)."""
        if spec.pattern is not None:
            return pattern_sample(spec, n)
        return f"{name.replace('_', '-')}{n}@example.com"


class Url(FieldKind):
    """``url``: an http(s) URL, stored as text in a ``VARCHAR(2083)``."""

    type = FieldType.URL
    python = "HttpUrlStr"
    orm = "str"
    sa = f"String({URL_LENGTH})"
    sql = f"VARCHAR({URL_LENGTH})"

    def read_type(self, spec: FieldSpec) -> str:
        """Return ``HttpUrlStr``: responses serialise the URL as a string."""
        return "HttpUrlStr"

    def sample(self, name: str, spec: FieldSpec, enum_values: list[str], n: int) -> object:
        """Return ``https://example.com/<name>/<n>`` (or a pattern-derived value)."""
        if spec.pattern is not None:
            return pattern_sample(spec, n)
        return f"https://example.com/{name}/{n}"


class _Number(FieldKind):
    """Numeric types: samples start at the lower bound and grow with the row number."""

    @staticmethod
    def bounds(spec: FieldSpec, step: float) -> tuple[float, float | None]:
        """Return the smallest and the largest value the field allows.

        Args:
            spec: The field.
            step: The smallest difference between two values (for ``gt`` and ``lt``).
        """
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


class _Integer(_Number):
    """Integer types."""

    python = "int"

    def literal(self, spec: FieldSpec, value: object) -> str:
        """Return the integer."""
        return str(int(str(value)))

    def sample(self, name: str, spec: FieldSpec, enum_values: list[str], n: int) -> object:
        """Return ``low + n``, capped at the upper bound."""
        low, high = self.bounds(spec, 1)
        value = int(low) + n
        return min(value, int(high)) if high is not None else value


class Int(_Integer):
    """``int``: a 32-bit ``INTEGER``."""

    type = FieldType.INT
    sa = "Integer()"
    sql = "INTEGER"


class BigInt(_Integer):
    """``bigint``: a 64-bit ``BIGINT``."""

    type = FieldType.BIGINT
    sa = "BigInteger()"
    sql = "BIGINT"


class Float(_Number):
    """``float``: ``DOUBLE PRECISION``; infinities and NaN refused."""

    type = FieldType.FLOAT
    python = "float"
    sa = "Double()"
    sql = "DOUBLE PRECISION"

    def extra_limits(self, spec: FieldSpec) -> list[tuple[str, Limit]]:
        """Refuse infinities and NaN, which PostgreSQL would store but JSON cannot carry."""
        return [("allow_inf_nan", False)]

    def literal(self, spec: FieldSpec, value: object) -> str:
        """Return the float."""
        return repr(float(str(value)))

    def sample(self, name: str, spec: FieldSpec, enum_values: list[str], n: int) -> object:
        """Return ``low + n / 4``, capped at the upper bound."""
        low, high = self.bounds(spec, 0.25)
        result = float(low) + n * 0.25
        return min(result, high) if high is not None else result


class DecimalType(_Number):
    """``decimal``: ``NUMERIC(precision, scale)``, exact."""

    type = FieldType.DECIMAL
    python = "Decimal"

    def sa_type(self, spec: FieldSpec, column: str) -> str:
        """Return ``Numeric(p, s)``."""
        return f"Numeric({spec.precision}, {spec.scale or 0})"

    def sql_type(self, spec: FieldSpec) -> str:
        """Return ``NUMERIC(p, s)``."""
        return f"NUMERIC({spec.precision}, {spec.scale or 0})"

    def extra_limits(self, spec: FieldSpec) -> list[tuple[str, Limit]]:
        """Hold requests to the column's digits."""
        return [("max_digits", int(spec.precision or 0)), ("decimal_places", spec.scale or 0)]

    def literal(self, spec: FieldSpec, value: object) -> str:
        """Return ``Decimal("...")``."""
        return f"Decimal({json.dumps(str(value))})"

    def sample(self, name: str, spec: FieldSpec, enum_values: list[str], n: int) -> object:
        """Return ``low + n`` at the field's scale, as a string, capped at the upper bound."""
        step = Decimal(1).scaleb(-(spec.scale or 0))
        low, high = self.bounds(spec, float(step))
        number = Decimal(str(low)) + n
        if high is not None:
            number = min(number, Decimal(str(high)))
        return str(number.quantize(step))


class Bool(FieldKind):
    """``bool``: ``BOOLEAN``."""

    type = FieldType.BOOL
    python = "bool"
    sa = "Boolean()"
    sql = "BOOLEAN"

    def literal(self, spec: FieldSpec, value: object) -> str:
        """Return ``True`` or ``False``."""
        return "True" if value else "False"

    def sample(self, name: str, spec: FieldSpec, enum_values: list[str], n: int) -> object:
        """Alternate, starting with ``True``."""
        return n % 2 == 0

    def backfill(self, spec: FieldSpec) -> str | None:
        """Return ``true`` or ``false``."""
        if spec.default is None:
            return None
        return "true" if spec.default else "false"


class _Parsed(FieldKind):
    """Types written as ISO text and parsed by a constructor in Python source."""

    constructor: ClassVar[str]

    def literal(self, spec: FieldSpec, value: object) -> str:
        """Return ``<constructor>("...")``."""
        return f"{self.constructor}({json.dumps(str(value))})"


class Date(_Parsed):
    """``date``: ``DATE``."""

    type = FieldType.DATE
    python = "date"
    sa = "Date()"
    sql = "DATE"
    constructor = "date.fromisoformat"

    def sample(self, name: str, spec: FieldSpec, enum_values: list[str], n: int) -> object:
        """Return the ``n + 1``-th of January 2024."""
        return f"2024-01-{n + 1:02d}"


class DateTime(_Parsed):
    """``datetime``: ``TIMESTAMP WITH TIME ZONE``; requests must carry an offset."""

    type = FieldType.DATETIME
    python = "AwareDatetime"
    orm = "datetime"
    sa = "DateTime(timezone=True)"
    sql = "TIMESTAMP WITH TIME ZONE"
    constructor = "datetime.fromisoformat"

    def sample(self, name: str, spec: FieldSpec, enum_values: list[str], n: int) -> object:
        """Return noon UTC of the ``n + 1``-th of January 2024."""
        return f"2024-01-{n + 1:02d}T12:00:00Z"


class Time(_Parsed):
    """``time``: ``TIME WITHOUT TIME ZONE``."""

    type = FieldType.TIME
    python = "time"
    sa = "Time()"
    sql = "TIME WITHOUT TIME ZONE"
    constructor = "time.fromisoformat"

    def sample(self, name: str, spec: FieldSpec, enum_values: list[str], n: int) -> object:
        """Return ``12:<n>:00``."""
        return f"12:{n:02d}:00"


class Uuid(_Parsed):
    """``uuid``: ``UUID``."""

    type = FieldType.UUID
    python = "UUID"
    sa = "Uuid()"
    sql = "UUID"
    constructor = "UUID"

    def sample(self, name: str, spec: FieldSpec, enum_values: list[str], n: int) -> object:
        """Return a version-4-shaped UUID ending in ``n``."""
        return f"00000000-0000-4000-8000-{n:012d}"


class Json(FieldKind):
    """``json``: a JSON object in ``JSONB`` (SQL NULL for ``None``)."""

    type = FieldType.JSON
    python = "dict[str, Any]"
    sa = "JSONB(none_as_null=True)"
    sql = "JSONB"

    def migration_type(
        self, spec: FieldSpec, column: str, enum_values: list[str], table: str
    ) -> str:
        """Return the PostgreSQL dialect's type."""
        return "postgresql.JSONB(none_as_null=True)"

    def backfill(self, spec: FieldSpec) -> str | None:
        """Return the default as JSON text."""
        return None if spec.default is None else json.dumps(spec.default, ensure_ascii=False)


class EnumType(FieldKind):
    """``enum``: a ``StrEnum`` of the spec's ``enums``, a CHECK-constrained ``VARCHAR(64)``."""

    type = FieldType.ENUM
    sql = "VARCHAR(64)"

    def schema_type(self, spec: FieldSpec) -> str:
        """Return the enum class."""
        return str(spec.enum)

    def sa_type(self, spec: FieldSpec, column: str) -> str:
        """Return ``SAEnum(...)`` over the enum class, storing values, not names."""
        return (
            f"SAEnum({spec.enum}, name={column!r}, native_enum=False, create_constraint=True, "
            "length=64, values_callable=enum_values)"
        )

    def migration_type(
        self, spec: FieldSpec, column: str, enum_values: list[str], table: str
    ) -> str:
        """Return ``sa.Enum(...)`` with the values, its CHECK named by the convention."""
        values = ", ".join(json.dumps(v) for v in enum_values)
        return (
            f'sa.Enum({values}, name=op.f("ck_{table}_{column}"), native_enum=False, '
            "create_constraint=True, length=64)"
        )

    def literal(self, spec: FieldSpec, value: object) -> str:
        """Return ``Enum.member``."""
        return f"{spec.enum}.{value}"

    def sample(self, name: str, spec: FieldSpec, enum_values: list[str], n: int) -> object:
        """Cycle through the enum's values."""
        return enum_values[n % len(enum_values)]


class File(FieldKind):
    """``file``: the object key in a ``VARCHAR(1024)``; the file itself lives in S3."""

    type = FieldType.FILE
    python = "str"
    sa = f"String({FILE_KEY_LENGTH})"
    sql = f"VARCHAR({FILE_KEY_LENGTH})"


_KINDS: dict[FieldType, FieldKind] = {
    k.type: k
    for k in (
        Str(),
        TextType(),
        Email(),
        Url(),
        Int(),
        BigInt(),
        Float(),
        DecimalType(),
        Bool(),
        Date(),
        DateTime(),
        Time(),
        Uuid(),
        Json(),
        EnumType(),
        File(),
    )
}


def kind(field_type: FieldType) -> FieldKind:
    """Return the registry entry of a field type."""
    return _KINDS[field_type]


def literal(spec: FieldSpec, value: object) -> str:
    """Return Python source that evaluates to ``value`` typed for the field (``None`` too)."""
    return "None" if value is None else kind(spec.type).literal(spec, value)
