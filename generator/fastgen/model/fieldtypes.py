"""The field-type registry: one class per spec field type (see :class:`FieldKind`).

The text types are in :mod:`fastgen.model.texttypes`; the rest are here.

Every other module asks :func:`kind` instead of branching on the type name, so adding a type
means adding a class here (and its name, options and checks in the spec).
"""

from __future__ import annotations

import ipaddress
import json
from decimal import Decimal

from fastgen.model.fieldkind import FieldKind, IntegerKind, NumberKind, ParsedKind
from fastgen.model.samples import (
    InvalidCase,
    Limit,
    float_samples,
    stepped_samples,
)
from fastgen.model.texttypes import Email, Str, TextType, Url
from fastgen.spec.model import (
    INT_RANGE,
    SAMPLE_ROWS,
    ElementType,
    FieldSpec,
    FieldType,
)

FILE_KEY_LENGTH = 1024
"""Length of the column that holds a file's object key (S3 keys are at most 1024 bytes)."""


class Int(IntegerKind):
    """``int``: a 32-bit ``INTEGER``; requests carry JSON integers within its range."""

    type = FieldType.INT
    python = "StrictInt"
    query = "Int32Param"
    limit = -INT_RANGE["int"][0]
    top = INT_RANGE["int"][1]
    sa = "Integer()"
    sql = "INTEGER"


class BigInt(IntegerKind):
    """``bigint``: a 64-bit ``BIGINT``; requests carry JSON integers within its range.

    A body's upper bound is 9223372036854775000 (see :data:`~fastgen.spec.model.INT_RANGE`);
    query parameters keep the column's range.
    """

    type = FieldType.BIGINT
    python = "StrictInt"
    query = "Int64Param"
    limit = -INT_RANGE["bigint"][0]
    top = INT_RANGE["bigint"][1]
    sa = "BigInteger()"
    sql = "BIGINT"


class Float(NumberKind):
    """``float``: ``DOUBLE PRECISION``; infinities and NaN refused, a JSON number only."""

    type = FieldType.FLOAT
    python = "StrictFloat"
    orm = "float"
    sa = "Double()"
    sql = "DOUBLE PRECISION"

    def extra_limits(self, spec: FieldSpec) -> list[tuple[str, Limit]]:
        """Refuse infinities and NaN, which PostgreSQL would store but JSON cannot carry."""
        return [("allow_inf_nan", False)]

    def literal(self, spec: FieldSpec, value: object) -> str:
        """Return the float."""
        return repr(float(str(value)))

    def sample(self, name: str, spec: FieldSpec, enum_values: list[str], n: int) -> object:
        """Return ``1 + n / 4``, or the ``n``-th of distinct values within the bounds."""
        return float_samples(spec, max(SAMPLE_ROWS, n + 1))[n]


class DecimalType(NumberKind):
    """``decimal``: ``NUMERIC(precision, scale)``, exact; a JSON number or decimal text."""

    type = FieldType.DECIMAL
    python = "Decimal"
    compare_as = "Decimal"
    lax = (
        ("exponent", '"1e2"'),
        ("plus_sign", '"+5"'),
        ("underscore", '"1_000"'),
        ("arabic_digits", '"\u0661\u0662"'),
    )
    lax_error = ("decimal_parsing", "Ожидается десятичное число")

    def schema_markers(self, spec: FieldSpec) -> list[str]:
        """Return ``DecimalNumber(p, s)``: the document states the column's digits."""
        return [f"DecimalNumber({spec.precision}, {spec.scale or 0})"]

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
        """Return ``n + 1`` at the field's scale, or the ``n``-th step within the bounds.

        Counted in steps of the scale, so a bound between two steps is rounded inwards and no
        sample leaves the bounds or the column's digits; written as a string.
        """
        scale = spec.scale or 0
        top = None if spec.precision is None else 10**spec.precision - 1
        column = None if top is None else (-top, top)
        steps = stepped_samples(spec, scale, column, max(SAMPLE_ROWS, n + 1))[n]
        return str(Decimal(steps).scaleb(-scale))


class Bool(FieldKind):
    """``bool``: ``BOOLEAN``; requests carry ``true`` or ``false``, not 0, 1 or text."""

    type = FieldType.BOOL
    python = "StrictBool"
    orm = "bool"
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


class Date(ParsedKind):
    """``date``: ``DATE``."""

    type = FieldType.DATE
    python = "DateText"
    orm = "date"
    sa = "Date()"
    sql = "DATE"
    constructor = "date.fromisoformat"
    lax = (("number", "0"), ("basic_format", '"20240131"'))
    lax_error = ("date_type", "Ожидается дата в формате ГГГГ-ММ-ДД")  # noqa: RUF001

    def read_type(self, spec: FieldSpec) -> str:
        """Return ``date``: a response writes it as ``YYYY-MM-DD``."""
        return "date"

    def filter_type(self, spec: FieldSpec) -> str:
        """Return ``DateText``: a filter reads the same text as a body."""
        return self.python

    def sample(self, name: str, spec: FieldSpec, enum_values: list[str], n: int) -> object:
        """Return the ``n + 1``-th of January 2024."""
        return f"2024-01-{n + 1:02d}"


class DateTime(ParsedKind):
    """``datetime``: ``TIMESTAMP WITH TIME ZONE``; requests carry RFC 3339 text with an offset."""

    type = FieldType.DATETIME
    python = "DateTimeText"
    orm = "datetime"
    sa = "DateTime(timezone=True)"
    sql = "TIMESTAMP WITH TIME ZONE"
    constructor = "datetime.fromisoformat"
    compare_as = "datetime.fromisoformat"
    lax = (("number", "0"), ("space_separator", '"2024-01-31 09:30:00Z"'))
    lax_error = ("datetime_type", "Ожидаются дата и время ГГГГ-ММ-ДДTЧЧ:ММ:СС с часовым поясом")  # noqa: RUF001

    def filter_type(self, spec: FieldSpec) -> str:
        """Return ``DateTimeText``: a filter reads the same text as a body."""
        return self.python

    def sample(self, name: str, spec: FieldSpec, enum_values: list[str], n: int) -> object:
        """Return noon UTC of the ``n + 1``-th of January 2024."""
        return f"2024-01-{n + 1:02d}T12:00:00Z"


class Time(ParsedKind):
    """``time``: ``TIME WITHOUT TIME ZONE``: a time of day as ``HH:MM[:SS[.ffffff]]`` text."""

    type = FieldType.TIME
    python = "TimeOfDay"
    orm = "time"
    sa = "Time()"
    sql = "TIME WITHOUT TIME ZONE"
    constructor = "time.fromisoformat"
    lax = (("number", "3600"), ("utc_offset", '"09:30+03:00"'))
    lax_error = ("time_of_day", "Ожидается время суток ЧЧ:ММ[:СС[.ffffff]] без часового пояса")  # noqa: RUF001

    def read_type(self, spec: FieldSpec) -> str:
        """Return ``TimeOfDay``: the response documents the same text as the request."""
        return self.python

    def filter_type(self, spec: FieldSpec) -> str:
        """Return ``TimeOfDay``: a filter reads the same text."""
        return self.python

    def sample(self, name: str, spec: FieldSpec, enum_values: list[str], n: int) -> object:
        """Return ``12:<n>:00``."""
        return f"12:{n:02d}:00"


class Uuid(ParsedKind):
    """``uuid``: ``UUID``; requests carry the hyphenated 36-character text."""

    type = FieldType.UUID
    python = "UuidText"
    orm = "UUID"
    sa = "Uuid()"
    sql = "UUID"
    constructor = "UUID"
    lax = (
        ("braces", '"{123e4567-e89b-12d3-a456-426614174000}"'),
        ("urn", '"urn:uuid:123e4567-e89b-12d3-a456-426614174000"'),
        ("no_hyphens", '"123e4567e89b12d3a456426614174000"'),
    )
    lax_error = ("uuid_type", "Ожидается UUID")

    def filter_type(self, spec: FieldSpec) -> str:
        """Return ``UuidText``: a filter reads the same text as a body."""
        return self.python

    def sample(self, name: str, spec: FieldSpec, enum_values: list[str], n: int) -> object:
        """Return a version-4-shaped UUID ending in ``n``."""
        return f"00000000-0000-4000-8000-{n:012d}"


class Json(FieldKind):
    """``json``: a JSON object in ``JSONB`` (SQL NULL for ``None``)."""

    type = FieldType.JSON
    python = "dict[str, Any]"
    sa = "JSONB(none_as_null=True)"
    sql = "JSONB"

    def schema_markers(self, spec: FieldSpec) -> list[str]:
        """Return ``JSON_DEPTH``: a deeper object could be stored but not sent back."""
        return ["JSON_DEPTH"]

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


class IpAddress(FieldKind):
    """``ip_address``: an IPv4 or IPv6 address in ``INET``; ordered, filterable, sortable."""

    type = FieldType.IP_ADDRESS
    python = "AnyIpAddress"
    orm = "IPv4Address | IPv6Address"
    sa = "INET()"
    sql = "INET"
    compare_as = "ip_address"
    lax = (("number", "16909060"), ("boolean", "False"), ("zone", '"fe80::1%eth0"'))
    lax_error = ("ip_any_address", "Ожидается адрес IPv4 или IPv6")

    def filter_type(self, spec: FieldSpec) -> str:
        """Return ``AnyIpAddress``: a filter reads the same text as a body."""
        return self.python

    def literal(self, spec: FieldSpec, value: object) -> str:
        """Return ``IPv4Address("...")`` or ``IPv6Address("...")``.

        The classes, not ``ip_address()``: a field may be called ``ip_address``, and a model's
        class body reads its defaults after the fields above them are defined. The unspecified
        address (``0.0.0.0``, ``::``) is written as the number 0: its text is what ruff's S104
        (binding to all interfaces) looks for.
        """
        text = str(value)
        version = 6 if ":" in text else 4
        if ipaddress.ip_address(text).is_unspecified:
            return f"IPv{version}Address(0)"
        return f"IPv{version}Address({json.dumps(text)})"

    def migration_type(
        self, spec: FieldSpec, column: str, enum_values: list[str], table: str
    ) -> str:
        """Return the PostgreSQL dialect's type."""
        return "postgresql.INET()"

    def sample(self, name: str, spec: FieldSpec, enum_values: list[str], n: int) -> object:
        """Return the ``n + 1``-th address of TEST-NET-1 (192.0.2.0/24, for documentation)."""
        return f"192.0.2.{n + 1}"


_ELEMENTS: dict[str, tuple[str, str, str]] = {
    ElementType.STR: ("str", "Text()", "TEXT"),
    ElementType.INT: ("int", "BigInteger()", "BIGINT"),
    ElementType.UUID: ("UUID", "Uuid()", "UUID"),
    ElementType.ENUM: ("str", "String(64)", "VARCHAR(64)"),
}
"""Per item type of a list: the item's Python type, SQLAlchemy type and PostgreSQL type."""


class ListType(FieldKind):
    """``list``: a PostgreSQL ``ARRAY`` of str, int, uuid or enum values.

    ``max_items`` limits requests; ``list`` filters keep rows whose list contains the value
    given. Items of an enum list are checked by the schemas (the column holds their values).
    """

    type = FieldType.LIST
    contains = True
    indexable = False

    @staticmethod
    def _item(spec: FieldSpec) -> tuple[str, str, str]:
        python, sa, sql = _ELEMENTS[spec.of or ElementType.STR]
        return (str(spec.enum) if spec.of is ElementType.ENUM else python), sa, sql

    def schema_type(self, spec: FieldSpec) -> str:
        """Return ``list[<item>]``; integer items are JSON integers within ``BIGINT``."""
        if spec.of is ElementType.INT:
            return "list[BigIntItem]"
        return f"list[{self._item(spec)[0]}]"

    def orm_type(self, spec: FieldSpec) -> str:
        """Return ``list[<item>]``; enum items come back from the database as their values."""
        return f"list[{_ELEMENTS[spec.of or ElementType.STR][0]}]"

    def read_type(self, spec: FieldSpec) -> str:
        """Return ``list[<item>]``, enum items as the enum."""
        return f"list[{self._item(spec)[0]}]"

    def filter_type(self, spec: FieldSpec) -> str:
        """Return the item type: the filter names one item the list must contain.

        An integer item is read from the query text within ``BIGINT`` (``Int64Param``).
        """
        if spec.of is ElementType.INT:
            return "Int64Param"
        return self._item(spec)[0]

    def sa_type(self, spec: FieldSpec, column: str) -> str:
        """Return ``ARRAY(<item type>)``."""
        return f"ARRAY({self._item(spec)[1]})"

    def migration_type(
        self, spec: FieldSpec, column: str, enum_values: list[str], table: str
    ) -> str:
        """Return the PostgreSQL dialect's ``ARRAY`` of the item type."""
        return f"postgresql.ARRAY(sa.{self._item(spec)[1]})"

    def sql_type(self, spec: FieldSpec) -> str:
        """Return ``<item type>[]``."""
        return f"{self._item(spec)[2]}[]"

    def max_length(self, spec: FieldSpec) -> int | None:
        """Return ``max_items``: Pydantic's ``max_length`` of a list counts its items."""
        return spec.max_items

    def literal(self, spec: FieldSpec, value: object) -> str:
        """Return a list display of the items' literals."""
        items = value if isinstance(value, list) else [value]
        return "[" + ", ".join(self._item_literal(spec, item) for item in items) + "]"

    @staticmethod
    def _item_literal(spec: FieldSpec, item: object) -> str:
        if spec.of is ElementType.ENUM:
            return f"{spec.enum}.{item}"
        if spec.of is ElementType.UUID:
            return f"UUID({json.dumps(str(item))})"
        return json.dumps(item, ensure_ascii=False)

    def sample(self, name: str, spec: FieldSpec, enum_values: list[str], n: int) -> object:
        """Return a one-item list whose item grows with ``n``."""
        return [self._item_sample(name, spec, enum_values, n)]

    @staticmethod
    def _item_sample(name: str, spec: FieldSpec, enum_values: list[str], n: int) -> object:
        if spec.of is ElementType.ENUM:
            return enum_values[n % len(enum_values)]
        if spec.of is ElementType.INT:
            return n + 1
        if spec.of is ElementType.UUID:
            return f"00000000-0000-4000-8000-{n:012d}"
        return f"{name}-{n}"

    def invalid(self, name: str, spec: FieldSpec, enum_values: list[str]) -> list[InvalidCase]:
        """Return a list one item longer than ``max_items``, if the field has a limit."""
        if spec.max_items is None:
            return []
        item = json.dumps(self._item_sample(name, spec, enum_values, 0), ensure_ascii=False)
        limit = spec.max_items
        message = f"Элементов должно быть не больше {limit}"
        return [InvalidCase(name, "too_long", f"[{item}] * {limit + 1}", "too_long", message)]


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
        IpAddress(),
        ListType(),
    )
}


def kind(field_type: FieldType) -> FieldKind:
    """Return the registry entry of a field type."""
    return _KINDS[field_type]


def literal(spec: FieldSpec, value: object) -> str:
    """Return Python source that evaluates to ``value`` typed for the field (``None`` too)."""
    return "None" if value is None else kind(spec.type).literal(spec, value)
