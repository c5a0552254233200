"""Names: case conversion, plurals and the words a generated project cannot use.

Every name that reaches a template passes through here, so the rules for what an identifier
may be and how it is spelt in each place live in one module.
"""

from __future__ import annotations

import keyword
import re

import inflection
from pydantic import BaseModel

from fastgen.spec.model import TYPE_IMPORTS

SNAKE_RE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
PASCAL_RE = re.compile(r"^[A-Z][a-zA-Z0-9]*$")
ENUM_VALUE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")

KEYWORD_REASON = "is a Python keyword, so it cannot name an attribute or a keyword argument"
"""Why a keyword cannot be a field or relation. Soft keywords (``type``, ``match``, ``case``)
can: they are keywords only at the start of a statement, never after a dot or before ``=``."""

_BASE_MODEL = frozenset(name for name in dir(BaseModel) if not name.startswith("_"))
"""Public attributes of Pydantic's ``BaseModel`` (``json``, ``copy``, ``model_dump``...)."""

_ANNOTATION_TYPES = ("bool", "date", "datetime", "dict", "float", "int", "list", "str", "time")
"""Types the generated model and schema classes name in their annotations (``x: date``)."""

_CLASS_BODY_CALLS = (
    "enum_values",
    "field_validator",
    "first_page_when_empty",
    "mapped_column",
    "property",
    "reject_null",
    "relationship",
    "without_null",
)
"""Functions the generated model and schema classes call in their bodies, after the fields."""

ATTRIBUTE_RESERVED: dict[str, str] = {
    **dict.fromkeys(keyword.kwlist, KEYWORD_REASON),
    **dict.fromkeys(
        _BASE_MODEL,
        "is an attribute of Pydantic's `BaseModel`, which every generated schema inherits, "
        "and a field would hide it",
    ),
    **dict.fromkeys(
        ("metadata", "registry"),
        # The generated models inherit these from the base; a column would replace them.
        "is reserved by SQLAlchemy's declarative base",
    ),
    "self": "is the first parameter of the model's constructor, so `Model(self=...)` in the "
    "generated code would fail",
    "id": "is the primary key column fastgen adds to every table",
    **dict.fromkeys(
        ("created_at", "updated_at"), "is a column fastgen adds to every table with timestamps"
    ),
    "deleted_at": "is the column fastgen adds to mark soft-deleted rows",
    "l": "is a name ruff refuses as ambiguous (E741: it reads as `1` or `I`), and the generated "
    "code assigns it in classes and passes it as a parameter",
    **{
        name: f"is the type `{name}` the generated model and schema classes use in their "
        "annotations, and a field of that name would hide it from every later line of the class"
        for name in _ANNOTATION_TYPES
    },
    **{
        name: f"is the function `{name}` the generated model and schema classes call in their "
        "bodies, and a field of that name would hide it from every later line of the class"
        for name in _CLASS_BODY_CALLS
    },
}
"""Field and relation names generated code cannot carry, each with the reason why."""

RESERVED_PREFIXES: dict[str, str] = {
    "model_": "starts with `model_`, a prefix Pydantic reserves for its own attributes",
    "_": "starts with `_`, so Pydantic would treat it as a private attribute, not a field",
}
"""Prefixes a field or relation name cannot have, with the reason why."""

LIST_PARAMETERS: dict[str, str] = {
    "limit": "the page size",
    "offset": "the number of rows to skip (offset pagination)",
    "cursor": "the position of the next page (cursor pagination)",
    "sort": "the sort key",
}
"""Query parameters of ``list`` besides the filters, and what each one carries."""


def attribute_reason(name: str) -> str | None:
    """Say why ``name`` cannot be a field or relation name, or return ``None``.

    Args:
        name: A field or relation name.

    Returns:
        A phrase such as ``is a Python keyword, ...``, or ``None`` when the name is free.

    """
    if name in ATTRIBUTE_RESERVED:
        return ATTRIBUTE_RESERVED[name]
    return next((why for prefix, why in RESERVED_PREFIXES.items() if name.startswith(prefix)), None)


_AUTH_PACKAGES = "`app/routes/v1/{0}.py`, `app/schemas/v1/{0}/` and `app/services/v1/{0}/` of auth"
_TESTS = "`tests/{0}.py`"

DOMAIN_RESERVED: dict[str, str] = {
    "base": "`app/schemas/v1/base.py` and `app/services/v1/base.py`, the base classes",
    "errors": "`app/schemas/v1/errors.py`, the error schema",
    "pagination": "`app/schemas/v1/pagination.py`, the page schemas",
    "health": "`app/schemas/v1/health.py`, the health-check schema",
    "files": "`app/schemas/v1/files.py`, the file link schema",
    "auth": _AUTH_PACKAGES.format("auth") + " and `tests/auth/`",
    **{name: _AUTH_PACKAGES.format(name) for name in ("users", "profile", "registration")},
    "verification": "`app/routes/v1/verification.py` of auth (e-mail verification)",
    **{
        name: _TESTS.format(name)
        for name in (
            "conftest",
            "factories",
            "servers",
            "test_platform",
            "test_openapi",
            "test_contract",
            "test_cache",
            "test_messaging",
            "test_http_client",
            "test_mail",
            "test_files",
            "test_outbox",
            "event_writes",
            "test_faults",
            "proxy",
        )
    },
}
"""Domain names whose folders and modules would sit beside modules the generated project owns
(some only with a feature on), by the modules they would collide with."""

MODEL_MODULES: dict[str, str] = {
    "base": "the module of the declarative base and the column mixins",
    "enums": "the module of the spec's enums and the auth roles",
}
"""Model modules the generated project owns besides those of its own tables: an entity's model
module is named after its table, so these names cannot be tables."""

TABLE_RESERVED: frozenset[str] = frozenset(
    {
        "alembic_version",
        "users",
        "user",
        "user_tokens",
        "auth_sessions",
        "login_failures",
        "processed_messages",
        "outbox_messages",
    }
)
"""Table names the generated project keeps for itself."""

_BESIDE = ", which generated modules import beside the entity and enum classes"

CLASS_RESERVED: dict[str, str] = {
    **dict.fromkeys(
        (
            *("AsyncSession", "BigInteger", "Boolean", "Column", "Date", "DateTime", "Double"),
            *("ForeignKey", "Index", "InstrumentedAttribute", "Integer", "IntegrityError"),
            *("JSONB", "Mapped", "Numeric", "SAEnum", "Select", "String", "Table", "Text"),
            *("Time", "Uuid"),
        ),
        f"is a SQLAlchemy name{_BESIDE}",
    ),
    **dict.fromkeys(
        (
            *("Annotated", "Any", "Callable", "ClassVar", "Decimal", "Enum", "Literal"),
            *("StrEnum", "UTC", "UUID"),
        ),
        f"is a name of Python's standard library{_BESIDE}",
    ),
    **dict.fromkeys(
        (
            *("AsyncClient", "AwareDatetime", "ClientError", "EmailStr", "FastAPI", "Field"),
            *("Headers", "HttpUrl", "UploadFile"),
        ),
        f"is the name of a library class (FastAPI, Pydantic, httpx, botocore){_BESIDE}",
    ),
    **dict.fromkeys(
        (
            *("Access", "AppError", "AuthSession", "Authenticator", "BODY", "Base"),
            *("BaseDataManager", "BaseService", "Cache", "CacheSettings", "CursorPage"),
            *("Database", "Download", "EntityCache", "EventPublisher", "FileLink"),
            *("FileNotUploadedError", "IntIdMixin", "IntegrationEvent", "RecordId"),
            *("StringFormat", "HTTP_URL", "HTTP_URL_TEXT", "URI_FORMAT", "EMAIL_TEXT"),
            *("EMAIL_FORMAT", "WHOLE_NUMBER", "ConflictError", "JSON_DEPTH", "JSON_MAX_DEPTH"),
            *("LoginFailure", "Mailbox", "NotFoundError", "ObjectStorage", "OffsetPage"),
            *("OutboxMessage", "OwnedMixin", "PASSWORD", "PROFILE", "Page", "PasswordHasher"),
            *("Permission",),
            *("ProcessedMessage", "ProfileDataManager", "RequestSchema", "ResponseSchema"),
            *("Role", "Settings"),
            *("SoftDeleteMixin", "Storage", "TimestampMixin", "TokenPurpose", "UUIDIdMixin"),
            *("User", "UserDataManager", "UserToken"),
        ),
        f"is the name of a class or constant the generated project defines{_BESIDE}",
    ),
    **{
        name: f"is a class the generated modules import for `{field_type}` fields{_BESIDE}"
        for field_type, names in TYPE_IMPORTS.items()
        for name in names
    },
    "Cursor": "would name its page schema `CursorPage`, the generic cursor page the schemas import",
    "Offset": "would name its page schema `OffsetPage`, the generic offset page the schemas import",
    "Profile": "would name its schemas and service `ProfileRead`, `ProfileUpdate` and "
    "`ProfileService`, the names of the auth profile's",
}
"""Entity and enum names that would clash with names generated code imports or defines in the
same modules as the entity and enum classes (or their schemas), with the reason why."""

AMBIGUOUS_CLASSES = frozenset({"I", "O"})
"""Class names ruff refuses as ambiguous (E742: they read as ``1`` and ``0``)."""

ENTITY_CLASS_SUFFIXES: dict[str, str] = {
    "Create": "create schema",
    "Read": "read schema",
    "Update": "update schema",
    "ListParams": "list parameters schema",
    "Page": "page schema",
    "Service": "service class",
    "ServiceDep": "service dependency",
    "DataManager": "data manager class",
    "Created": "`created` event class",
    "Updated": "`updated` event class",
    "Deleted": "`deleted` event class",
}
"""Suffixes of the classes generated for an entity (``OrderRead``, ``OrderService``...)."""

ENUM_MEMBER_RESERVED: frozenset[str] = frozenset(
    {*(name for name in dir(str) if not name.startswith("_")), "mro"}
)
"""Enum values that cannot be members of a generated ``StrEnum``: ``str``'s methods (a member
would replace one, which mypy refuses) and ``mro``, which ``Enum`` itself refuses."""


def enum_member_reason(value: str) -> str | None:
    """Say why ``value`` cannot be a member of a generated enum, or return ``None``.

    Args:
        value: An enum value or an auth role (roles become members of ``Role``).

    Returns:
        The reason, or ``None`` when the value can be a member.

    """
    if keyword.iskeyword(value):
        return "is a Python keyword"
    if value == "mro":
        return "is a method of every class, and Python's `Enum` refuses a member of that name"
    if value in ENUM_MEMBER_RESERVED:
        return (
            "is a method of `str`, which every generated enum (a `StrEnum`) inherits, and a "
            "member of that name would replace it"
        )
    return None


def snake(name: str) -> str:
    """Convert ``PascalCase`` or ``camelCase`` to ``snake_case``.

    Args:
        name: An identifier.

    Returns:
        The identifier in snake case; acronyms stay together (``HTTPLog`` → ``http_log``).
    """
    step = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    step = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", step)
    return step.lower()


def pascal(name: str) -> str:
    """Convert ``snake_case`` to ``PascalCase``."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


def plural(name: str) -> str:
    """Return the plural of a snake-case noun phrase, pluralising its last word."""
    head, _, last = name.rpartition("_")
    many = inflection.pluralize(last) if last else last
    return f"{head}_{many}" if head else many


def is_snake(name: str) -> bool:
    """Tell whether ``name`` is an ASCII snake-case identifier."""
    return bool(SNAKE_RE.match(name))


def is_pascal(name: str) -> bool:
    """Tell whether ``name`` is an ASCII PascalCase identifier."""
    return bool(PASCAL_RE.match(name))


def singular(name: str) -> str:
    """Return the singular of a snake-case noun phrase (unchanged if already singular)."""
    head, _, last = name.rpartition("_")
    word = inflection.singularize(last) if last else last
    return f"{head}_{word}" if head else word
