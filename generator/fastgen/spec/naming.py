"""Names: case conversion, plurals and the words a generated project cannot use.

Every name that reaches a template passes through here, so the rules for what an identifier
may be and how it is spelt in each place live in one module.
"""

from __future__ import annotations

import keyword
import re

import inflection

SNAKE_RE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
PASCAL_RE = re.compile(r"^[A-Z][a-zA-Z0-9]*$")
ENUM_VALUE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")

PYTHON_RESERVED: frozenset[str] = frozenset(
    # `type` is a soft keyword from Python 3.12 on, which generated projects may target.
    [*keyword.kwlist, *keyword.softkwlist, "type", "self", "cls"]
)
"""Words that are keywords or soft keywords, plus names generated code uses itself."""

ATTRIBUTE_RESERVED: frozenset[str] = frozenset(
    {
        # SQLAlchemy declarative attributes
        "metadata",
        "registry",
        "query",
        "type_annotation_map",
        # Pydantic BaseModel attributes
        "model_config",
        "model_fields",
        "model_computed_fields",
        "model_extra",
        "model_fields_set",
        "model_dump",
        "model_validate",
        "schema",
        "json",
        "dict",
        "copy",
        "construct",
        "validate",
        # columns and parameters every generated entity already has
        "id",
        "created_at",
        "updated_at",
        "deleted_at",
        "limit",
        "offset",
        "cursor",
        "sort",
        "session",
    }
)
"""Field and relation names that would shadow SQLAlchemy, Pydantic or generated attributes."""

RESERVED_PREFIXES: tuple[str, ...] = ("model_", "_")
"""Pydantic reserves the ``model_`` namespace; a leading underscore makes an attribute private."""

DOMAIN_RESERVED: frozenset[str] = frozenset(
    {
        "app",
        "base",
        "core",
        "main",
        "errors",
        "pagination",
        "health",
        "auth",
        "users",
        "profile",
        "registration",
        "verification",
        "mail",
        "tests",
        "conftest",
        "migrations",
    }
)
"""Domain names that collide with modules the generated project owns."""

TABLE_RESERVED: frozenset[str] = frozenset(
    {
        "alembic_version",
        "users",
        "user",
        "user_tokens",
        "auth_sessions",
        "login_failures",
        "processed_messages",
    }
)
"""Table names the generated project keeps for itself."""

CLASS_RESERVED: frozenset[str] = frozenset(
    {
        "Base",
        "Page",
        "User",
        "Settings",
        "AppError",
        "Enum",
        "StrEnum",
        "Decimal",
        "UUID",
        "Any",
        "IntegrationEvent",
        "ProcessedMessage",
        "Role",
        "UserToken",
        "AuthSession",
        "LoginFailure",
        "Access",
        "Permission",
    }
)
"""Entity and enum names that would clash with classes generated code imports or defines."""


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
