"""Pydantic models of the spec, format version 1.

These models check the *shape* of a spec: keys, types and value ranges. Everything that needs
more than one node at a time (references, duplicates, defaults against their field, reserved
names) is checked afterwards in :mod:`fastgen.spec.validate`, so that every problem is reported
at once. The JSON Schema printed by ``fastgen schema`` is generated from these models.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict, StringConstraints

SPEC_VERSION = 1

Identifier = Annotated[str, StringConstraints(min_length=1, max_length=63)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
Duration = Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]*(s|m|h|d)$")]
RateText = Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]*/(second|minute|hour|day)$")]
Size = Annotated[
    str, StringConstraints(pattern=r"^(1[6-9]B|[2-9][0-9]B|[1-9][0-9]{2,}B|[1-9][0-9]*(KB|MB|GB))$")
]
"""A file size limit: at least 16 bytes, so that a file of every format the generated project
checks by content (its signature, up to 12 bytes, and a little data) fits."""
MediaType = Annotated[
    str, StringConstraints(pattern=r"^[a-z]+/([a-z0-9][a-z0-9.+-]*|\*)$", max_length=127)
]


PROJECT_NAME = r"^[a-z][a-z0-9]*([-_][a-z0-9]+)*$"
"""A project name: what Python packaging allows, in lowercase, without dots."""

_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def seconds(duration: str) -> int:
    """Turn a valid spec duration (``60s``, ``5m``, ``1h``, ``1d``) into seconds."""
    return int(duration[:-1]) * _UNIT_SECONDS[duration[-1]]


class StrictModel(BaseModel):
    """Base of every spec node: unknown keys are errors, values are not coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class FieldType(StrEnum):
    """Column types a field can have."""

    STR = "str"
    TEXT = "text"
    INT = "int"
    BIGINT = "bigint"
    FLOAT = "float"
    DECIMAL = "decimal"
    BOOL = "bool"
    DATE = "date"
    DATETIME = "datetime"
    TIME = "time"
    UUID = "uuid"
    EMAIL = "email"
    URL = "url"
    JSON = "json"
    ENUM = "enum"
    FILE = "file"
    IP_ADDRESS = "ip_address"
    LIST = "list"


UNFILTERABLE = frozenset({FieldType.JSON, FieldType.FILE})
"""Field types ``list`` cannot filter on."""

UNSORTABLE = UNFILTERABLE | {FieldType.LIST}
"""Field types ``list`` cannot sort by (a ``list`` field is filtered by an item it contains)."""

TYPE_IMPORTS: dict[FieldType, tuple[str, ...]] = {
    FieldType.IP_ADDRESS: ("IPv4Address", "IPv6Address", "IPvAnyAddress", "INET", "AnyIpAddress"),
    FieldType.LIST: ("ARRAY", "StrictInt", "Int64Param", "BigIntItem"),
    FieldType.INT: ("StrictInt", "Int32Param"),
    FieldType.BIGINT: ("StrictInt", "Int64Param"),
    FieldType.FLOAT: ("StrictFloat",),
    FieldType.BOOL: ("StrictBool",),
    FieldType.TIME: ("TimeOfDay",),
    FieldType.DATE: ("DateText",),
    FieldType.DATETIME: ("DateTimeText",),
    FieldType.UUID: ("UuidText",),
    FieldType.DECIMAL: ("DecimalNumber",),
}
"""Class names the generated modules import for a field type, beside the entity and enum
classes: no entity or enum may take them (the older types' names are in ``naming``)."""


class ElementType(StrEnum):
    """Types the items of a ``list`` field can have."""

    STR = "str"
    INT = "int"
    UUID = "uuid"
    ENUM = "enum"


class Operation(StrEnum):
    """HTTP operations generated for an entity."""

    LIST = "list"
    GET = "get"
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


class RelationKind(StrEnum):
    """Kinds of relation between two entities."""

    MANY_TO_ONE = "many_to_one"
    ONE_TO_ONE = "one_to_one"
    ONE_TO_MANY = "one_to_many"
    MANY_TO_MANY = "many_to_many"


class OnDelete(StrEnum):
    """What the database does with a row when the row it points to is deleted."""

    CASCADE = "cascade"
    RESTRICT = "restrict"
    SET_NULL = "set_null"


class Event(StrEnum):
    """Entity lifecycle events that can be published."""

    CREATED = "created"
    UPDATED = "updated"
    DELETED = "deleted"


Scalar = str | int | float | bool

DEFAULT_STR_LENGTH = 255
"""Length of a ``str`` column (and request limit) when the field gives no ``max_length``."""

INT_RANGE = {
    "int": (-(2**31), 2**31 - 1),
    "bigint": (-9_223_372_036_854_775_000, 9_223_372_036_854_775_000),
}
"""What an integer field holds in the API: the column's range, except that a ``bigint`` stops
at ±9223372036854775000. FastAPI writes the bounds of a body's schema into the OpenAPI document
as floats, and ``2**63 - 1`` would print as ``9.223372036854776e+18``, which a client reading
the decimal exactly takes for 9223372036854776000, past the column; 9223372036854775000 prints
as ``9.223372036854775e+18`` and reads back as itself (as a double it is 9223372036854774784,
also within). Bounds, defaults and examples stay within it."""

DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
"""A ``date`` value as the spec takes it and the API accepts it: ``YYYY-MM-DD`` (RFC 3339).

Patterns here spell digits ``[0-9]``: Python's ``\\d`` also matches other scripts' digits."""

TIME_OF_DAY = r"([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?"
"""A ``time`` value: a time of day without a UTC offset, as the spec takes it and the generated
API accepts it (``TimeOfDay`` in ``app/schemas/v1/base.py``)."""

DATETIME_START = DATE + r"[Tt][0-9]{2}:[0-9]{2}"
"""How a ``datetime`` value starts, as the spec and the generated API take it: the date, ``T``
and the hours and minutes (RFC 3339); the parser checks the rest (seconds, offset). Pydantic
alone would also read a number as seconds since 1970 and a space for the ``T``."""

UUID_TEXT = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
"""A ``uuid`` value as the spec and the generated API take it: 36 characters, hyphenated
(RFC 9562); Python would also read the braced, ``urn:uuid:`` and 32-digit forms."""

DECIMAL_TEXT = r"-?[0-9]+(\.[0-9]+)?"
"""A ``decimal`` value sent as text to the generated API: digits with an optional fraction;
Python would also read ``1e2``, ``+5``, ``1_000`` and other scripts' digits."""

SAMPLE_ROWS = 4
"""Sample rows the generated tests make of every entity (``tests/factories.py``, ``n`` 0 to 3);
a unique field needs as many distinct values."""

# Strict models refuse enum *values* in Python mode; the enums below are read from YAML strings.
FieldTypeName = Annotated[FieldType, Strict(False)]
OperationName = Annotated[Operation, Strict(False)]
RelationKindName = Annotated[RelationKind, Strict(False)]
OnDeleteName = Annotated[OnDelete, Strict(False)]
EventName = Annotated[Event, Strict(False)]
ElementTypeName = Annotated[ElementType, Strict(False)]


class FieldSpec(StrictModel):
    """One column of an entity."""

    type: FieldTypeName = Field(description="Column type.")
    required: bool = Field(True, description="The value must be given on create; NOT NULL.")
    unique: bool = Field(False, description="A unique constraint on the column.")
    index: bool = Field(False, description="A B-tree index on the column.")
    default: Scalar | None = Field(
        None, description="Default value on create; makes the field optional in requests."
    )
    min: int | float | None = Field(None, description="Smallest allowed number (inclusive).")
    max: int | float | None = Field(None, description="Largest allowed number (inclusive).")
    gt: int | float | None = Field(None, description="The number must be greater than this.")
    lt: int | float | None = Field(None, description="The number must be less than this.")
    min_length: int | None = Field(None, ge=0, description="Shortest allowed string.")
    max_length: int | None = Field(None, ge=1, le=10485760, description="Longest string.")
    pattern: str | None = Field(None, description="Regular expression the string must match.")
    precision: int | None = Field(None, ge=1, le=1000, description="Decimal digits in total.")
    scale: int | None = Field(None, ge=0, le=1000, description="Decimal digits after the point.")
    enum: Identifier | None = Field(None, description="Name of an enum from `enums` (type enum).")
    description: Text | None = Field(None, description="Shown in the OpenAPI schema.")
    example: Scalar | None = Field(None, description="Example value for the OpenAPI schema.")
    max_size: Size | None = Field(
        None, description="file: the largest upload, e.g. `5MB` (default 10MB)."
    )
    content_types: list[MediaType] | None = Field(
        None, description="file: media types an upload may have, e.g. `[image/png, image/*]`."
    )
    of: ElementTypeName | None = Field(
        None, description="list: the type of the items (str, int, uuid or enum)."
    )
    max_items: int | None = Field(
        None, ge=1, le=10000, description="list: the most items a value may have."
    )


class RelationSpec(StrictModel):
    """A relation from this entity to another one."""

    kind: RelationKindName = Field(description="Cardinality of the relation.")
    to: Identifier = Field(description="Target entity: `Entity` or `domain.Entity`.")
    on_delete: OnDeleteName | None = Field(
        None,
        description="many_to_one / one_to_one: what happens to this row when the target is "
        "deleted (default restrict, or set_null when the relation is optional).",
    )
    required: bool = Field(True, description="many_to_one / one_to_one: the link must be set.")
    inverse: Identifier | None = Field(
        None,
        description="one_to_many: the many_to_one relation on the target that points back here.",
    )
    description: Text | None = Field(None, description="Shown in the OpenAPI schema.")


class CacheSpec(StrictModel):
    """Read-through caching of single rows (used once the cache integration is on)."""

    ttl: Duration = Field(description="How long a cached row lives, e.g. `60s`, `5m`, `1h`.")


class EntitySpec(StrictModel):
    """A table with its API."""

    description: Text | None = Field(None, description="Docstring and OpenAPI tag text.")
    title: Annotated[str, StringConstraints(min_length=1, max_length=100)] | None = Field(
        None,
        description="Human name of one row (e.g. `Платёж`), used in messages and OpenAPI; "
        "defaults to the entity name.",
    )
    table: Identifier | None = Field(None, description="Table name (default: plural snake case).")
    id: Literal["int", "uuid"] = Field("int", description="Primary key type.")
    timestamps: bool = Field(True, description="`created_at` and `updated_at` columns.")
    soft_delete: bool = Field(False, description="Delete sets `deleted_at` instead of removing.")
    owned_by: Literal["user"] | None = Field(
        None,
        description="Rows belong to the user who created them (needs `features.auth`); "
        "`owner` in `permissions` limits a role to its own rows.",
    )
    fields: dict[Identifier, FieldSpec] = Field(description="Columns, by name.")
    relations: dict[Identifier, RelationSpec] = Field(
        default_factory=dict, description="Relations to other entities, by name."
    )
    operations: list[OperationName] = Field(
        default_factory=lambda: list(Operation), description="Endpoints to generate."
    )
    pagination: Literal["offset", "cursor"] = Field("offset", description="List pagination.")
    page_size: int = Field(20, ge=1, le=1000, description="Default page size of `list`.")
    max_page_size: int = Field(100, ge=1, le=10000, description="Largest page size allowed.")
    filters: list[Identifier] = Field(
        default_factory=list, description="Fields and relations `list` can filter on (equality)."
    )
    sort: list[Identifier] = Field(
        default_factory=list,
        description="Fields `list` can sort by (`?sort=field` or `?sort=-field`); `id` always.",
    )
    permissions: dict[OperationName, list[Identifier]] | None = Field(
        None,
        description="Per operation, who may call it (needs `features.auth`): role names, "
        "`owner` (own rows only), `authenticated` (any logged-in user) or `public` (anyone; "
        "list and get only). An operation not listed is for the superuser role only.",
    )
    events: list[EventName] = Field(
        default_factory=list, description="Events published (used once messaging is on)."
    )
    cache: CacheSpec | None = Field(None, description="Row cache (used once the cache is on).")


class ConsumerSpec(StrictModel):
    """A handler in this domain of an event another entity publishes."""

    on: Identifier = Field(
        description="The event: `domain.Entity.event` or `Entity.event` (created, updated, "
        "deleted); the entity must list it in `events`."
    )
    description: Text | None = Field(None, description="Docstring of the generated handler.")


class DomainSpec(StrictModel):
    """A bounded context: one folder per layer."""

    description: Text | None = Field(None, description="Docstring and OpenAPI tag text.")
    entities: dict[Identifier, EntitySpec] = Field(description="Entities, by PascalCase name.")
    consumers: dict[Identifier, ConsumerSpec] = Field(
        default_factory=dict,
        description="Event handlers, by snake_case name (needs `messaging: rabbitmq`).",
    )


class ProjectSpec(StrictModel):
    """The project as a whole."""

    name: Annotated[str, StringConstraints(pattern=PROJECT_NAME)] = Field(
        description="Distribution name (lowercase, single dashes or underscores between words); "
        "the package inside is `app`."
    )
    title: Text = Field(description="Human title, shown in OpenAPI.")
    description: Text | None = Field(None, description="Shown in OpenAPI and the README.")
    version: Annotated[str, StringConstraints(pattern=r"^\d+\.\d+\.\d+$")] = Field(
        "0.1.0", description="Project version."
    )
    python: Literal["3.11", "3.12", "3.13"] = Field("3.12", description="Python version.")


def _default_versions() -> list[Literal["v1"]]:
    return ["v1"]


class ApiSpec(StrictModel):
    """HTTP API options."""

    versions: list[Literal["v1"]] = Field(
        default_factory=_default_versions, description="API versions mounted under `/api/<v>`."
    )


class RateLimitSpec(StrictModel):
    """Redis-backed rate limiting of every endpoint, keyed by client IP."""

    default: RateText = Field(description="Limit per client IP, e.g. `100/minute`.")


DEFAULT_ROLES = ("admin", "user")
"""Roles of ``features.auth`` when the spec lists none."""


def _default_roles() -> list[str]:
    return list(DEFAULT_ROLES)


class LockoutSpec(StrictModel):
    """Locking an account after repeated failed logins."""

    attempts: int = Field(
        10, ge=1, le=1000, description="Failed logins in a row that lock the account."
    )
    for_: Duration = Field(
        "15m", alias="for", description="How long the account stays locked, e.g. `15m`."
    )


def _default_lockout() -> LockoutSpec | Literal[False]:
    return LockoutSpec.model_validate({})


class AuthSpec(StrictModel):
    """Users, tokens, registration and role-based access."""

    roles: list[Identifier] = Field(
        default_factory=_default_roles,
        min_length=1,
        description="Role names; the first is the superuser role (every operation, every row).",
    )
    default_role: Identifier | None = Field(
        None, description="Role of a newly registered user (default: the last role)."
    )
    email_verification: bool = Field(
        default=True, description="New users confirm their e-mail before they can log in."
    )
    access_token_ttl: Duration = Field("15m", description="Lifetime of an access token.")
    refresh_token_ttl: Duration = Field("30d", description="Lifetime of a refresh token.")
    login_rate_limit: RateText = Field(
        "5/minute",
        description="Login, registration and e-mail requests allowed per client IP and, "
        "separately, per e-mail address.",
    )
    lockout: LockoutSpec | Literal[False] = Field(
        default_factory=_default_lockout,
        description="Lock an account after repeated failed logins (or `false`).",
    )

    @property
    def registered_role(self) -> str:
        """The role a newly registered user gets."""
        return self.default_role or self.roles[-1]


def _default_ci() -> list[Literal["github", "gitlab"]]:
    return ["github"]


class FeaturesSpec(StrictModel):
    """Optional parts of the generated project; a part switched off leaves no trace."""

    auth: AuthSpec | Literal[False] = Field(
        default=False,
        description="Users, JWT access and refresh tokens, secure cookies, registration and "
        "role-based access to the entities' endpoints.",
    )
    cache: Literal["redis", False] = Field(default=False, description="Redis connection and cache.")
    messaging: Literal["rabbitmq", False] = Field(
        default=False,
        description="RabbitMQ connection through FastStream (publishers and consumers later).",
    )
    storage: Literal["s3", False] = Field(
        default=False,
        description="S3-compatible storage through aioboto3 (MinIO in docker-compose).",
    )
    mail: Literal["smtp", False] = Field(
        default=False, description="SMTP mail through aiosmtplib (Mailpit in docker-compose)."
    )
    http_client: bool = Field(
        default=False,
        description="A shared httpx client for external APIs: timeouts, retries with backoff.",
    )
    rate_limit: RateLimitSpec | Literal[False] = Field(
        default=False, description="Rate limiting (needs `cache: redis`)."
    )
    metrics: Literal["prometheus", False] = Field(default=False, description="`/metrics` endpoint.")
    docker: bool = Field(default=True, description="Dockerfile, docker-compose.yml.")
    ci: list[Literal["github", "gitlab"]] = Field(
        default_factory=_default_ci, description="CI pipelines to generate."
    )


class Spec(StrictModel):
    """A fastgen spec, format version 1."""

    fastgen: Literal[1] = Field(description="Spec format version; must be 1.")
    project: ProjectSpec
    api: ApiSpec = Field(default_factory=ApiSpec)
    features: FeaturesSpec = Field(FeaturesSpec(), description="Optional parts of the project.")
    enums: dict[Identifier, list[Identifier]] = Field(
        default_factory=dict, description="Enumerations by PascalCase name: their values."
    )
    domains: dict[Identifier, DomainSpec] = Field(description="Bounded contexts by name.")


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema of the spec, for editors and ``fastgen schema``."""
    schema = Spec.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "fastgen spec v1"
    return schema
