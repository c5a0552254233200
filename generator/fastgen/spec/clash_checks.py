"""Checks of names generated code puts side by side: they must not be the same name.

An entity's table also names its service's data manager attribute (``self.<table>``), its
many_to_many relations name more attributes of that service and module-level association
tables of its model, and every entity gets classes named after it (``OrderRead``,
``OrderService``...). Two of these that are spelt alike would silently replace one another in
the generated code, so each clash is reported at the spec name that causes it; so is a class
pytest would take for a test class. Like every semantic check, these read plain data and skip
values of the wrong type, which the shape check reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastgen.spec import naming
from fastgen.spec.api_checks import field_type, relation_kind
from fastgen.spec.positions import Issue, Path, as_map, str_items

_SERVICE_METHODS = ("list_page", "get", "create", "update", "delete", "ensure_found", "not_found")
"""Methods every generated entity service has (``ensure_found`` comes from its base class)."""

_FILE_METHODS = ("upload_{}", "open_{}", "{}_link", "delete_{}")
"""Service methods generated for each file field."""

_MODEL_MODULE_NAMES = frozenset({"mapped_column", "enum_values"})
"""Snake-case names a model module imports (an association table variable must differ)."""


def check_clashes(data: dict[str, Any]) -> list[Issue]:
    """Check every entity for names the generated code would use twice.

    Args:
        data: The spec as plain data (the top-level mapping).

    Returns:
        The problems found.

    """
    entities = [
        _Entity(("domains", domain, "entities", name), name, entity)
        for domain, body in as_map(data.get("domains")).items()
        for name, entity in as_map(as_map(body).get("entities")).items()
        if isinstance(entity, dict)
    ]
    issues: list[Issue] = []
    for entity in entities:
        issues += _service_attributes(entity)
        issues += _model_names(entity)
    issues += _derived_class_names(data, [entity.name for entity in entities])
    return issues + _test_handlers(data) + _ambiguous_class_names(data)


def _ambiguous_class_names(data: dict[str, Any]) -> list[Issue]:
    """An entity or enum named ``I`` or ``O`` makes a class ruff refuses (E742)."""
    places: list[Path] = [("enums", name) for name in as_map(data.get("enums"))]
    places += [
        ("domains", domain, "entities", name)
        for domain, body in as_map(data.get("domains")).items()
        for name in as_map(as_map(body).get("entities"))
    ]
    return [
        Issue(
            path,
            f"`{path[-1]}` would name a class ruff refuses as ambiguous (E742: it reads as "
            "`1` or `0`) — choose a longer name",
            "key",
        )
        for path in places
        if path[-1] in naming.AMBIGUOUS_CLASSES
    ]


def _test_handlers(data: dict[str, Any]) -> list[Issue]:
    """A domain with consumers gets a handler class named after it, which pytest must not take."""
    issues: list[Issue] = []
    for domain, body in as_map(data.get("domains")).items():
        if naming.is_snake(domain) and domain.startswith("test") and as_map(body).get("consumers"):
            message = (
                f"the consumers of domain `{domain}` get the handler class "
                f"`{naming.pascal(domain)}EventHandler`, which the generated tests import, and "
                "pytest takes classes whose names start with `Test` for test classes — "
                "choose a domain name that does not start with `test`"
            )
            issues.append(Issue(("domains", domain), message, "key"))
    return issues


@dataclass(frozen=True)
class _Entity:
    path: Path
    name: str
    data: dict[str, Any]

    @property
    def table(self) -> str | None:
        """The table (and data manager attribute) name, if it can be known."""
        explicit = self.data.get("table")
        if isinstance(explicit, str):
            return explicit
        if explicit is None and naming.is_pascal(self.name):
            return naming.plural(naming.snake(self.name))
        return None

    @property
    def table_place(self) -> Issue:
        """An issue template at the ``table:`` value, or at the entity's key without one."""
        if isinstance(self.data.get("table"), str):
            return Issue((*self.path, "table"), "")
        return Issue(self.path, "", "key")

    @property
    def many_to_many(self) -> list[str]:
        return [
            name
            for name in as_map(self.data.get("relations"))
            if relation_kind(self.data, name) == "many_to_many"
        ]

    @property
    def owner(self) -> str:
        return naming.snake(self.name) if naming.is_pascal(self.name) else "entity"


def _members(entity: _Entity) -> dict[str, str]:
    """Attributes and methods of the entity's service, with what each one holds."""
    fields = as_map(entity.data.get("fields"))
    files = [name for name, body in fields.items() if field_type(body) == "file"]
    members = {"session": "the database session"}
    if str_items(entity.data.get("events")):
        members["events"] = "the event publisher"
    if files:
        members["files"] = "the file storage"
    if isinstance(entity.data.get("cache"), dict):
        members["cache"] = "the cache of its rows"
    members |= {name: f"the method `{name}`" for name in _SERVICE_METHODS}
    for name in files:
        for pattern in _FILE_METHODS:
            members[pattern.format(name)] = f"a method of the file field `{name}`"
    return members


def _service_attributes(entity: _Entity) -> list[Issue]:
    """The table and the many_to_many relations name service attributes: no two alike."""
    issues: list[Issue] = []
    members, table = _members(entity), entity.table
    service = f"`{entity.name}Service`" if naming.is_pascal(entity.name) else "the service"
    if table in members:
        place = entity.table_place
        message = (
            f"table `{table}` would also name the attribute `self.{table}` in which {service} "
            f"keeps the entity's data manager, but that attribute holds {members[table]} — set "
            f"`table:` to another name, e.g. `{entity.owner}_records`"
        )
        issues.append(Issue(place.path, message, place.at))
    relations = as_map(entity.data.get("relations"))
    for name in entity.many_to_many:
        if name in members:
            holds = members[name]
        elif name == table and _target(relations[name]) != entity.name:
            holds = "the entity's own data manager"
        else:
            continue
        message = (
            f"many_to_many relation `{name}` would name the attribute `self.{name}` in which "
            f"{service} keeps the data manager of its targets, but that attribute holds {holds} "
            f"— rename the relation, e.g. `{entity.owner}_{name}`"
        )
        issues.append(Issue((*entity.path, "relations", name), message, "key"))
    return issues


def _target(relation: object) -> str | None:
    """The entity name a relation's ``to`` names (``domain.Entity`` or ``Entity``)."""
    to = as_map(relation).get("to")
    return to.rpartition(".")[2] if isinstance(to, str) else None


def _model_names(entity: _Entity) -> list[Issue]:
    """Names in the model class: the ids lists and the association tables of many_to_many."""
    issues: list[Issue] = []
    fields, relations = as_map(entity.data.get("fields")), as_map(entity.data.get("relations"))
    ids: dict[str, str] = {}
    for name in entity.many_to_many:
        where = (*entity.path, "relations", name)
        if _target(relations[name]) == entity.name:
            message = (
                f"a many_to_many relation from `{entity.name}` to itself is not supported: its "
                f"association table would get two columns named `{entity.owner}_id` — link the "
                f"rows through an entity of their own with two many_to_one relations to "
                f"`{entity.name}`"
            )
            issues.append(Issue(where, message, "key"))
        column = f"{naming.singular(name)}_ids"
        if column in ids:
            message = (
                f"many_to_many relations `{ids[column]}` and `{name}` would both add the list "
                f"`{column}` of linked ids — rename one of them"
            )
            issues.append(Issue(where, message, "key"))
        ids.setdefault(column, name)
        if entity.table is None:
            continue
        association = f"{entity.table}_{name}"
        if association in _MODEL_MODULE_NAMES:
            message = (
                f"the association table `{association}` of this relation would hide the "
                f"function `{association}` its model module imports — rename the relation"
            )
            issues.append(Issue(where, message, "key"))
        for group, names in (("fields", fields), ("relations", relations)):
            if association in names:
                message = (
                    f"`{association}` is also the name of the association table of the "
                    f"many_to_many relation `{name}`, which the model's class refers to — "
                    f"rename the {group[:-1]}"
                )
                issues.append(Issue((*entity.path, group, association), message, "key"))
    return issues


def _derived_class_names(data: dict[str, Any], entities: list[str]) -> list[Issue]:
    """An entity or enum must not be named like a class generated for another entity."""
    issues: list[Issue] = []
    places: list[tuple[Path, str]] = [(("enums", name), name) for name in as_map(data.get("enums"))]
    places += [
        (("domains", domain, "entities", name), name)
        for domain, body in as_map(data.get("domains")).items()
        for name in as_map(as_map(body).get("entities"))
    ]
    known = set(entities)
    for path, name in places:
        for suffix, meaning in naming.ENTITY_CLASS_SUFFIXES.items():
            base = name.removesuffix(suffix)
            if base != name and base in known:
                message = (
                    f"`{name}` is also the name of the {meaning} fastgen generates for entity "
                    f"`{base}`, so the two would clash — choose another name"
                )
                issues.append(Issue(path, message, "key"))
                break
    return issues
