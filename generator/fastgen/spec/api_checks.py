"""Checks of an entity's API options: operations, filters, sort, page sizes, permissions, events.

They need nothing but the entity itself. Like every semantic check they read plain data and
skip values of the wrong type, which the shape check reports.
"""

from __future__ import annotations

from typing import Any

from fastgen.spec import naming
from fastgen.spec.model import UNFILTERABLE, UNSORTABLE, EntitySpec, Operation, RelationKind
from fastgen.spec.positions import (
    Issue,
    Path,
    as_map,
    did_you_mean,
    is_int,
    str_items,
    text_or_none,
)

SINGLE = frozenset({"many_to_one", "one_to_one"})
"""Relation kinds that add a foreign-key column ``<name>_id`` to the entity."""

_EVENT_OPERATION = {"created": "create", "updated": "update", "deleted": "delete"}
_DEFAULT_PAGE = EntitySpec.model_fields["page_size"].default
_DEFAULT_MAX_PAGE = EntitySpec.model_fields["max_page_size"].default


def relation_kind(entity: dict[str, Any], name: str) -> str | None:
    """Return the valid kind of the entity's relation ``name``, or ``None``."""
    kind = text_or_none(as_map(as_map(entity.get("relations")).get(name)).get("kind"))
    return kind if kind in set(RelationKind) else None


def field_type(field: object) -> str | None:
    """Return the ``type`` of a field's plain data when it is text, else ``None``."""
    return text_or_none(as_map(field).get("type"))


def check_api(path: Path, entity: dict[str, Any]) -> list[Issue]:
    """Check an entity's operations, filters, sort, page sizes, permissions, events and cache.

    Args:
        path: Where the entity is in the spec.
        entity: The entity's plain data.

    Returns:
        The problems found.

    """
    issues: list[Issue] = []
    operations = [op for _, op in _unique(issues, path, entity, "operations")]
    if not isinstance(entity.get("operations"), list):
        operations = [str(operation) for operation in Operation]
    if entity.get("cache") and "get" not in operations:
        message = "`cache` keeps `get` results — add `get` to `operations` or remove `cache`"
        issues.append(Issue((*path, "cache"), message, "key"))
    for key in ("filters", "sort"):
        if entity.get(key) and "list" not in operations:
            message = (
                f"`{key}` needs the `list` operation — add `list` to `operations` or remove it"
            )
            issues.append(Issue((*path, key), message, "key"))
    for index, name in _unique(issues, path, entity, "filters"):
        problem = _filter_problem(entity, name)
        if problem:
            issues.append(Issue((*path, "filters", index), problem))
    for index, name in _unique(issues, path, entity, "sort"):
        problem = _sort_problem(entity, name)
        if problem:
            issues.append(Issue((*path, "sort", index), problem))
    page = entity.get("page_size", _DEFAULT_PAGE)
    most = entity.get("max_page_size", _DEFAULT_MAX_PAGE)
    if is_int(page) and is_int(most) and page > most:
        key = "page_size" if "page_size" in entity else "max_page_size"
        message = (
            f"`page_size` {page} is larger than `max_page_size` {most} — lower `page_size` or "
            "raise `max_page_size`"
        )
        issues.append(Issue((*path, key), message))
    issues += _permissions(path, entity, operations)
    for index, event in _unique(issues, path, entity, "events"):
        operation = _EVENT_OPERATION.get(event)
        if operation and operation not in operations:
            message = (
                f"`{event}` is never published: the entity has no `{operation}` operation — add "
                f"`{operation}` to `operations` or remove the event"
            )
            issues.append(Issue((*path, "events", index), message))
    return issues


def _unique(
    issues: list[Issue], path: Path, parent: dict[str, Any], key: str
) -> list[tuple[int, str]]:
    """Report repeated items of the list ``parent[key]``; return the first of each."""
    items: dict[str, int] = {}
    for index, item in str_items(parent.get(key)):
        if item in items:
            message = f"`{item}` is listed twice in `{key}` — remove the repetition"
            issues.append(Issue((*path, key, index), message))
        items.setdefault(item, index)
    return [(index, item) for item, index in items.items()]


def _filter_problem(entity: dict[str, Any], name: str) -> str | None:
    """Tell why ``name`` cannot be a filter of the entity, or return ``None``."""
    fields, relations = as_map(entity.get("fields")), as_map(entity.get("relations"))
    if isinstance(fields.get(name), dict) and name in _list_parameters(entity):
        return (
            f"`{name}` is also the query parameter of `list` that carries "
            f"{naming.LIST_PARAMETERS[name]}, so it cannot be a filter too — remove it from "
            "`filters`, or rename the field"
        )
    if isinstance(fields.get(name), dict):
        kind = field_type(fields[name])
        unsupported = kind in UNFILTERABLE
        return f"{kind} fields cannot be filtered on — remove it" if unsupported else None
    kind = relation_kind(entity, name)
    if kind is not None and kind not in SINGLE:
        return (
            f"`{name}` is a {kind} relation; only many_to_one and one_to_one relations can be "
            "filtered on — remove it"
        )
    base = name.removesuffix("_id")
    if kind is None and base != name and relation_kind(entity, base) in SINGLE:
        return f"`{name}` is the column of relation `{base}` — write the relation name `{base}`"
    if kind is None:
        names = [n for n, f in fields.items() if field_type(f) not in UNFILTERABLE]
        names += [n for n in relations if relation_kind(entity, n) in SINGLE]
        return f"unknown field or relation `{name}` — {did_you_mean(name, names, 'fields')}"
    return None


def _list_parameters(entity: dict[str, Any]) -> set[str]:
    """The query parameters of the entity's ``list`` besides its filters."""
    paging = "cursor" if entity.get("pagination") == "cursor" else "offset"
    return {"limit", "sort", paging}


def _sort_problem(entity: dict[str, Any], name: str) -> str | None:
    """Tell why ``name`` cannot be a sort key of the entity, or return ``None``."""
    fields = as_map(entity.get("fields"))
    timestamps = ["created_at", "updated_at"] if entity.get("timestamps") is not False else []
    if name.startswith("-"):
        return (
            f"`{name}` starts with `-`: list the field only — clients choose the direction "
            f"with `?sort=-{name[1:]}`"
        )
    if name in ("created_at", "updated_at") and not timestamps:
        return f"`{name}` exists only with `timestamps: true` — remove it or enable timestamps"
    kind = field_type(fields.get(name))
    if kind in UNSORTABLE:
        return f"{kind} fields cannot be sorted by — remove it"
    if name in as_map(entity.get("relations")) and name not in fields:
        return f"`{name}` is a relation, which cannot be sorted by — sort by a field instead"
    names = [n for n, f in fields.items() if field_type(f) not in UNSORTABLE]
    names += ["id", *timestamps]
    if name not in names:
        return f"unknown field `{name}` — {did_you_mean(name, names, 'sortable fields')}"
    return None


def _permissions(path: Path, entity: dict[str, Any], operations: list[str]) -> list[Issue]:
    """Permission keys are enabled operations; roles are snake_case names or `owner`."""
    issues: list[Issue] = []
    permissions = as_map(entity.get("permissions"))
    for operation, roles in permissions.items():
        where = (*path, "permissions", operation)
        if operation in set(Operation) and operation not in operations:
            message = (
                f"`{operation}` is not one of this entity's operations — add it to `operations` "
                "or remove this permission"
            )
            issues.append(Issue(where, message, "key"))
        if roles == []:
            message = (
                f"an empty role list would allow `{operation}` to nobody — remove the operation "
                "from `operations` instead"
            )
            issues.append(Issue(where, message))
        for index, role in _unique(issues, (*path, "permissions"), permissions, operation):
            if role == "owner" and not entity.get("owned_by"):
                message = "`owner` needs `owned_by: user` on the entity — add it, or name a role"
                issues.append(Issue((*where, index), message))
            elif role != "owner" and not naming.is_snake(role):
                message = (
                    f"role `{role}` is not a snake_case name — use lowercase ASCII letters, "
                    "digits and underscores, e.g. `admin`, or `owner`"
                )
                issues.append(Issue((*where, index), message))
    return issues
