"""Names for generated specs: awkward ones the spec accepts, and plain random ones.

The pools are chosen by hand from the README's name rules, independently of fastgen's own
tables: names that collide with Python (soft keywords, builtins, modules), SQLAlchemy,
Pydantic, FastAPI and the generated modules (``session``, ``payload``, ``text``, ``func``...),
irregular plurals and singulars (``Person`` → ``people``, ``data`` → ``datum_ids``) and
one-letter names. A pooled name the loader refuses is a finding: a strategy bug or a check
that refuses too much. Random names only fill up, and stay clear of the refused words (there
fastgen's tables are used, since a random word hitting one is no finding).
"""

from __future__ import annotations

import keyword

from fastgen.spec import naming
from hypothesis import strategies as st

FIELD_NAMES = [
    # Soft keywords, builtins and stdlib modules the generated code may import or call.
    *("type", "match", "case", "cls", "uuid", "decimal", "enum", "re", "json_data", "typing"),
    *("object", "bytes", "tuple", "set", "frozenset", "range", "len", "any", "all", "sum"),
    *("min", "max", "map", "filter", "sorted", "reversed", "print", "input", "hash"),
    *("format", "vars", "next", "iter", "open", "exec", "eval", "compile", "super", "isinstance"),
    # SQLAlchemy, Pydantic and FastAPI words, and names the generated code uses for locals.
    *("text", "func", "select", "column", "columns", "table", "mapper", "query", "session"),
    *("engine", "sa", "relationship_name", "computed_field", "validator", "field", "fields"),
    *("annotation", "alias", "examples", "default", "default_factory", "depends", "router"),
    *("request", "response", "payload", "values", "data", "body", "params", "filters", "page"),
    *("items", "total", "next_cursor", "limit", "offset", "cursor", "sort", "order", "order_by"),
    *("n", "i", "x", "k", "v", "e", "row", "rows", "stmt", "result", "service", "manager"),
    *("client", "app", "user", "users", "user_id", "role", "status", "code", "message", "error"),
    *("detail", "details", "event_id", "events", "cache", "files", "storage", "upload", "link"),
    *("headers", "token", "password", "email", "name", "value", "title", "description", "label"),
    *("key", "keys", "get", "create", "update", "delete", "list_page", "not_found", "self_ref"),
    *("created", "updated", "deleted", "is_deleted", "owner_name", "tenant_id", "version"),
    *("alembic", "migration", "revision", "upgrade", "downgrade", "op", "base", "test"),
    "shipping_address_postal_code_of_the_recipient",
]
"""Field and relation names the spec accepts although generated code uses them elsewhere."""

RELATION_NAMES = [
    *("parent", "children", "child", "data", "people", "person", "series", "news", "axes"),
    *("status", "statuses", "items", "item", "tags", "tag", "owner_ref", "author", "category"),
    *("type", "match", "case", "links", "link", "matrices", "quizzes", "buses", "oxen"),
    *("session", "query", "payload", "user", "users", "source", "target", "other", "peers"),
]
"""Relation names, with irregular plurals (their ``<singular>_ids`` differ oddly)."""

ENTITY_NAMES = [
    *("A", "X", "Item", "Record", "Model", "Schema", "Session", "Query", "Event"),
    *("Message", "Request", "Response", "Router", "Status", "Type", "Match", "Case", "Order"),
    *("Group", "Datum", "Data", "Person", "Series", "News", "Child", "Matrix", "Ox", "Quiz"),
    *("HTTPLog", "ABCThing", "Item2", "X1Y", "Json", "Str", "Int", "List", "Dict", "Optional"),
    *("Annotated", "Sequence", "Self", "Depends", "APIRouter", "Path", "Body", "Header"),
    *("Form", "File", "BaseModel", "ConfigDict", "DeclarativeBase", "Engine", "Logger"),
    *("Status2", "HTTPStatus", "JSONResponse", "Broker", "Redis", "Mailer", "Template"),
    *("Product", "Category", "Tag", "Note", "Payment", "Invoice", "Account", "Task"),
    "CustomerOrderLineItemDiscountAdjustment",
]
"""Entity names: classes of Python, typing, FastAPI, Pydantic and SQLAlchemy the generated
modules may import, irregular plurals (the table is the plural), one-letter names."""

ENUM_NAMES = [
    *("Kind", "State", "Level", "Color", "Currency", "Mode", "Flag", "Choice", "Priority"),
    *("Type", "Status", "Enum2", "Literal2", "Auto", "Member", "Values", "Names", "Role2"),
]
"""Enum names."""

ENUM_VALUES = [
    *("name", "value", "type", "match", "case", "auto", "Enum", "StrEnum", "property"),
    *("member", "nonmember", "verify", "unique", "label", "values", "items", "keys", "get"),
    *("default", "NONE", "null", "TRUE", "yes", "no", "on", "off", "y", "n", "A", "a", "Z"),
    *("select", "order", "group", "table", "user", "desc", "asc", "draft", "paid", "x_1"),
    *("camelCase", "UPPER_CASE", "v2", "a" * 63, "token", "password", "my_secret", "l", "O"),
    "I",
]
"""Enum values: words YAML reads as booleans when unquoted, Enum's and SQL's own words, names
of attributes of an enum member (``name``, ``value``), one letter, 63 letters."""

ROLE_NAMES = [
    *("admin", "user", "manager", "type", "match", "editor", "viewer", "guest", "staff"),
    *("superuser", "root", "role", "roles", "member", "emperor", "support", "x", "a1"),
    *("token", "secret", "password", "l", "camel_case"),
]
"""Auth roles (the first of a spec's roles is its superuser role)."""

DOMAIN_NAMES = [
    *("core", "mail", "tests", "app", "api", "models", "schemas", "services", "routes", "v1"),
    *("main", "commands", "migrations", "common", "utils", "deps", "dependencies", "events"),
    *("messaging", "cache", "storage", "http", "metrics", "settings", "security", "catalog"),
    *("exceptions", "logging", "lifespan", "middlewares", "connections", "integrations"),
    *("orders", "billing", "test_data", "testing", "x"),
]
"""Domain names: the generated project's own package and module names among them."""

TABLE_NAMES = [
    *("base_items", "enum_values", "mixins", "types", "registry", "metadata", "alembic"),
    *("sessions", "tokens", "roles", "permissions", "settings", "records", "items", "x"),
]
"""Explicit ``table:`` names."""

CONSUMER_NAMES = [
    *("handle", "on_created", "type", "match", "process", "session", "message", "event"),
    *("retry", "dead", "subscriber", "broker", "x"),
]
"""Consumer names (each names a queue and a method ``on_<name>``)."""


def _free_attribute(name: str) -> bool:
    return naming.is_snake(name) and naming.attribute_reason(name) is None


def _free_class(name: str) -> bool:
    return (
        naming.is_pascal(name)
        and not keyword.iskeyword(name)
        and name not in naming.CLASS_RESERVED
        and name not in naming.AMBIGUOUS_CLASSES
        and not name.startswith("Test")
    )


_random_snake = st.from_regex(r"[a-z][a-z0-9]{0,7}(_[a-z0-9]{1,4}){0,2}", fullmatch=True)
_random_pascal = st.from_regex(r"[A-Z][a-z0-9]{0,7}([A-Z][a-z0-9]{1,4}){0,2}", fullmatch=True)


_free_snake = _random_snake.filter(_free_attribute)
_free_pascal = _random_pascal.filter(_free_class)


def snake_names(pool: list[str]) -> st.SearchStrategy[str]:
    """A pooled or random snake_case attribute name."""
    return st.one_of(st.sampled_from(pool), _free_snake)


def class_names(pool: list[str]) -> st.SearchStrategy[str]:
    """A pooled or random PascalCase class name; pooled names the spec refuses are left out,
    so the pool follows the spec's rules as they change."""
    return st.one_of(st.sampled_from([name for name in pool if _free_class(name)]), _free_pascal)


def domain_names() -> st.SearchStrategy[str]:
    """A pooled or random domain name."""
    return st.one_of(
        st.sampled_from(DOMAIN_NAMES),
        _random_snake.filter(
            lambda name: not keyword.iskeyword(name) and name not in naming.DOMAIN_RESERVED
        ),
    )


def enum_values() -> st.SearchStrategy[str]:
    """A pooled or random enum value."""
    random = st.from_regex(r"[A-Za-z][A-Za-z0-9_]{0,10}", fullmatch=True)
    return st.one_of(
        st.sampled_from(ENUM_VALUES),
        random.filter(lambda value: naming.enum_member_reason(value) is None),
    )


def role_names() -> st.SearchStrategy[str]:
    """A pooled or random role name."""
    return st.one_of(
        st.sampled_from(ROLE_NAMES),
        _random_snake.filter(
            lambda name: (
                naming.enum_member_reason(name) is None
                and name not in ("owner", "authenticated", "public", "anonymous")
            )
        ),
    )
