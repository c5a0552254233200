"""Entities of a drawn spec: names and tables, fields, relations and API options.

A :class:`Draft` carries what the parts of a spec need to know of each other while they are
drawn: the features, the enums, the entities so far and the names they took. Relations are
drawn after every entity has its fields, so any entity can point to any other: required links
only point to entities drawn earlier (no cycle of required links, no required self link);
optional ones anywhere, itself included; a ``one_to_many`` names (or first adds) the target's
``many_to_one`` back, used as an inverse once.
"""

from __future__ import annotations

import keyword
from dataclasses import dataclass, field
from typing import Any

from fastgen.spec import naming
from hypothesis import strategies as st

from .fields import FIELD_TYPES, fields_of
from .names import ENTITY_NAMES, FIELD_NAMES, RELATION_NAMES, TABLE_NAMES, class_names, snake_names
from .texts import descriptions, tame_texts, titles

OPERATIONS = ["list", "get", "create", "update", "delete"]
EVENTS = {"created": "create", "updated": "update", "deleted": "delete"}
DURATIONS = ["1s", "59s", "1m", "5m", "15m", "1h", "12h", "1d", "30d", "365d"]
SINGLE = ("many_to_one", "one_to_one")
KINDS = [*SINGLE, "one_to_many", "many_to_many"]
CLASS_SUFFIXES = list(naming.ENTITY_CLASS_SUFFIXES)


@dataclass(eq=False)
class Entity:
    """An entity being drawn: its domain, name, plain data and table."""

    domain: str
    name: str
    body: dict[str, Any]
    table: str
    order: int
    taken: set[str] = field(default_factory=set)
    """Attribute names in use: fields, relations, their columns and association tables."""

    @property
    def relations(self) -> dict[str, dict[str, Any]]:
        return self.body.setdefault("relations", {})

    def ref(self, qualified: bool) -> str:
        return f"{self.domain}.{self.name}" if qualified else self.name


@dataclass
class Draft:
    """What the parts of a spec being drawn need to know of each other."""

    features: dict[str, Any]
    enums: dict[str, list[str]]
    text: bool
    avoid_known: bool
    entities: list[Entity] = field(default_factory=list)
    tables: set[str] = field(default_factory=set)
    """Tables in use, association tables included."""
    inverses: set[tuple[int, str]] = field(default_factory=set)
    """(target order, relation) of every many_to_one already named as an inverse."""

    def description(self, short: int) -> st.SearchStrategy[str]:
        return descriptions() if self.text else tame_texts(short)

    @property
    def roles(self) -> list[str] | None:
        auth = self.features.get("auth")
        return auth.get("roles", ["admin", "user"]) if isinstance(auth, dict) else None


def class_name_ok(name: str, others: set[str]) -> bool:
    """Not used yet, and not an entity's generated class name (``OrderRead``)."""
    if name in others:
        return False
    return not any(
        name == f"{other}{suffix}" or other == f"{name}{suffix}"
        for other in others
        for suffix in CLASS_SUFFIXES
    )


def _table_ok(table: str, tables: set[str]) -> bool:
    return (
        table not in tables
        and table not in naming.TABLE_RESERVED
        and table not in naming.MODEL_MODULES
        and naming.is_snake(table)
        and not keyword.iskeyword(table)
    )


def _service_members(entity: Entity) -> set[str]:
    """Attribute and method names of the entity's generated service."""
    body = entity.body
    files = [n for n, f in body["fields"].items() if f["type"] == "file"]
    members = {"session", "list_page", "get", "create", "update", "delete", "ensure_found"}
    members |= {"not_found", *(["events"] if body.get("events") else [])}
    members |= {"files"} if files else set()
    members |= {"cache"} if body.get("cache") else set()
    for name in files:
        members |= {f"upload_{name}", f"open_{name}", f"{name}_link", f"delete_{name}"}
    return members


@st.composite
def entities(draw: st.DrawFn, draft: Draft, domains: list[str], most: int) -> list[Entity]:
    """One to ``most`` entities in ``domains``, with their fields (and ``draft.tables``)."""
    names = draw(st.lists(class_names(ENTITY_NAMES), min_size=1, max_size=most, unique=True))
    used = set(draft.enums)
    for name in names:
        if not class_name_ok(name, used):
            continue
        body: dict[str, Any] = {}
        table = naming.plural(naming.snake(name))
        if not _table_ok(table, draft.tables) or draw(st.integers(0, 5)) == 0:
            options = [t for t in TABLE_NAMES if _table_ok(t, draft.tables)]
            table = draw(st.sampled_from(options)) if options else f"{naming.snake(name)}_rows"
            if not _table_ok(table, draft.tables):
                continue
            body["table"] = table
        used.add(name)
        draft.tables.add(table)
        if draw(st.booleans()):
            body["id"] = draw(st.sampled_from(["int", "uuid"]))
        for key in ("timestamps", "soft_delete"):
            if draw(st.integers(0, 2)) == 0:
                body[key] = draw(st.booleans())
        if draft.roles is not None and draw(st.booleans()):
            body["owned_by"] = "user"
        domain = draw(st.sampled_from(domains))
        draft.entities.append(Entity(domain, name, body, table, len(draft.entities)))
    if not draft.entities:
        draft.entities.append(Entity(domains[0], "Thing", {}, "things", 0))
        draft.tables.add("things")
    for entity in draft.entities:
        draw(_fields(draft, entity))
        if entity.table in _service_members(entity) | {"events", "cache"}:
            # The table names the service's data manager attribute: keep it off the others.
            draft.tables.discard(entity.table)
            entity.table = entity.body["table"] = f"{naming.snake(entity.name)}_records"
            draft.tables.add(entity.table)
    return draft.entities


@st.composite
def _fields(draw: st.DrawFn, draft: Draft, entity: Entity) -> None:
    storage = draft.features.get("storage") == "s3"
    kinds = [k for k in FIELD_TYPES if (k != "file" or storage) and (k != "enum" or draft.enums)]
    names = draw(st.lists(snake_names(FIELD_NAMES), min_size=1, max_size=6, unique=True))
    fields: dict[str, Any] = {}
    for name in names:
        if entity.body.get("owned_by") and name in ("owner", "owner_id"):
            continue
        kind = draw(st.sampled_from(kinds))
        strategy = fields_of(kind, draft.enums, text=draft.text, avoid_known=draft.avoid_known)
        fields[name] = draw(strategy)
    entity.body["fields"] = fields or {"label_text": {"type": "str"}}
    entity.taken |= set(entity.body["fields"])


def _relation_name_ok(draft: Draft, entity: Entity, name: str, kind: str, target: Entity) -> bool:
    """Whether ``name`` is free on ``entity`` for a relation of ``kind``, with its columns."""
    if name in entity.taken or (entity.body.get("owned_by") and name in ("owner", "owner_id")):
        return False
    if kind in SINGLE:
        return f"{name}_id" not in entity.taken
    if kind == "many_to_many":
        association = f"{entity.table}_{name}"
        members = _service_members(entity) | {"events", "files", "cache"}
        return (
            f"{naming.singular(name)}_ids" not in entity.taken
            and association not in draft.tables
            and association not in ("mapped_column", "enum_values")
            and len(association) <= 63
            and name not in members
            and (name != entity.table or target is entity)
        )
    return True


@st.composite
def _relation_name(
    draw: st.DrawFn, draft: Draft, entity: Entity, kind: str, target: Entity
) -> str | None:
    """A free relation name on ``entity`` (claimed with its columns), or None."""
    for _ in range(5):
        name = draw(snake_names(RELATION_NAMES))
        if _relation_name_ok(draft, entity, name, kind, target):
            entity.taken.add(name)
            if kind in SINGLE:
                entity.taken.add(f"{name}_id")
            elif kind == "many_to_many":
                entity.taken |= {f"{naming.singular(name)}_ids", f"{entity.table}_{name}"}
                draft.tables.add(f"{entity.table}_{name}")
            return name
    return None


@st.composite
def _single(draw: st.DrawFn, draft: Draft, source: Entity, target: Entity, kind: str) -> str | None:
    """Add a many_to_one or one_to_one from ``source`` to ``target``; return its name."""
    name = draw(_relation_name(draft, source, kind, target))
    if name is None:
        return None
    body: dict[str, Any] = {"kind": kind, "to": target.ref(draw(st.booleans()))}
    required = target.order < source.order and draw(st.booleans())
    if not required:
        body["required"] = False
    elif draw(st.booleans()):
        body["required"] = True
    actions = ["restrict", "cascade"] + ([] if required else ["set_null"])
    if draw(st.booleans()):
        body["on_delete"] = draw(st.sampled_from(actions))
    if draw(st.integers(0, 4)) == 0:
        body["description"] = draw(draft.description(80))
    source.relations[name] = body
    return name


@st.composite
def relations(draw: st.DrawFn, draft: Draft) -> None:
    """Zero to three relations from each entity, of every kind, to any entity."""
    for source in draft.entities:
        for _ in range(draw(st.integers(0, 3))):
            kind = draw(st.sampled_from(KINDS))
            target = draw(st.sampled_from(draft.entities))
            if kind in SINGLE:
                draw(_single(draft, source, target, kind))
            elif kind == "many_to_many" and target is not source:  # to itself: refused
                name = draw(_relation_name(draft, source, kind, target))
                if name is not None:
                    source.relations[name] = {"kind": kind, "to": target.ref(draw(st.booleans()))}
            elif kind == "one_to_many":
                draw(_one_to_many(draft, source, target))
    for entity in draft.entities:
        if not entity.relations:
            del entity.body["relations"]


@st.composite
def _one_to_many(draw: st.DrawFn, draft: Draft, source: Entity, target: Entity) -> None:
    """A one_to_many naming a many_to_one of ``target`` back to ``source`` (added if need be)."""
    back = [
        name
        for name, relation in target.relations.items()
        if relation["kind"] == "many_to_one"
        and relation["to"].rpartition(".")[2] == source.name
        and (target.order, name) not in draft.inverses
    ]
    inverse = draw(st.sampled_from(back)) if back and draw(st.booleans()) else None
    if inverse is None:
        inverse = draw(_single(draft, target, source, "many_to_one"))
    name = draw(_relation_name(draft, source, "one_to_many", target)) if inverse else None
    if inverse is None or name is None:
        return
    draft.inverses.add((target.order, inverse))
    ref = target.ref(draw(st.booleans()))
    source.relations[name] = {"kind": "one_to_many", "to": ref, "inverse": inverse}


@st.composite
def api(draw: st.DrawFn, draft: Draft, entity: Entity) -> None:
    """Operations, paging, filters, sort, events, cache, permissions, title and description."""
    body = entity.body
    operations = OPERATIONS
    if draw(st.booleans()):
        operations = body["operations"] = draw(
            st.lists(st.sampled_from(OPERATIONS), unique=True, max_size=5)
        )
    if draw(st.booleans()):
        body["pagination"] = draw(st.sampled_from(["offset", "cursor"]))
    if draw(st.integers(0, 2)) == 0:
        most = body["max_page_size"] = draw(st.integers(1, 200) | st.sampled_from([1, 10000]))
        if most < 20 or draw(st.booleans()):  # the default page size is 20
            body["page_size"] = draw(st.integers(1, min(most, 1000)))
    elif draw(st.integers(0, 3)) == 0:
        body["page_size"] = draw(st.integers(1, 100))
    if "list" in operations:
        draw(_list_options(body))
    features = draft.features
    allowed = [event for event, op in EVENTS.items() if op in operations]
    if features.get("messaging") and allowed and draw(st.booleans()):
        body["events"] = draw(st.lists(st.sampled_from(allowed), unique=True, min_size=1))
    if features.get("cache") and "get" in operations and draw(st.booleans()):
        body["cache"] = {"ttl": draw(st.sampled_from(DURATIONS))}
    if draft.roles is not None and operations and draw(st.integers(0, 3)):
        permissions: dict[str, list[str]] = {}
        for operation in draw(st.lists(st.sampled_from(operations), unique=True, min_size=1)):
            entries = [*draft.roles, "authenticated"]
            entries += ["owner"] if body.get("owned_by") else []
            entries += ["public"] if operation in ("list", "get") else []
            permissions[operation] = draw(
                st.lists(st.sampled_from(entries), unique=True, min_size=1, max_size=3)
            )
        body["permissions"] = permissions
    if draw(st.integers(0, 2)) == 0:
        body["title"] = draw(titles() if draft.text else tame_texts(100))
    if draw(st.integers(0, 2)) == 0:
        body["description"] = draw(draft.description(200))


@st.composite
def _list_options(draw: st.DrawFn, body: dict[str, Any]) -> None:
    """Filters (fields and single relations, not the list's own parameters) and sort keys."""
    fields, relations = body["fields"], body.get("relations", {})
    paging = "cursor" if body.get("pagination") == "cursor" else "offset"
    filterable = [
        name
        for name, spec in fields.items()
        if spec["type"] not in ("json", "file") and name not in ("limit", "sort", paging)
    ]
    filterable += [name for name, spec in relations.items() if spec["kind"] in SINGLE]
    if filterable and draw(st.booleans()):
        body["filters"] = draw(st.lists(st.sampled_from(filterable), unique=True, min_size=1))
    sortable = [n for n, f in fields.items() if f["type"] not in ("json", "file", "list")]
    sortable += ["id", *(["created_at", "updated_at"] if body.get("timestamps", True) else [])]
    if draw(st.booleans()):
        body["sort"] = draw(st.lists(st.sampled_from(sortable), unique=True, min_size=1))
