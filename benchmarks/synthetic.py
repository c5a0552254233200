"""Synthetic specs of any size for the benchmarks: varied entities spread over domains.

``varied_spec(n)`` extends the builder of ``bench_new.py``: instead of one entity shape
repeated, four shapes take turns, so the templates' branches for each field type, id kind,
pagination, soft delete and relation are all exercised in proportion at every size:

- item: str, text, decimal, int, bool, enum, date; offset pagination;
- record: uuid id, unique str, decimal, datetime, email, text; soft delete; a second,
  cross-domain many_to_one (to the first entity of the previous domain);
- contact: str, unique email, url, int with bounds, float, uuid field; no timestamps;
- setting: unique str, json, bool, time, bigint, enum; cursor pagination.

Every entity but a domain's first has a many_to_one ``parent`` to the entity before it in the
same domain; each has filters and sort fields. Domains hold ``per_domain`` entities (default 8),
so a spec of 50 entities has 7 domains and one of 800 has 100: the number of domains grows
with the number of entities, as it does in real projects, and per-domain files keep their size.
No optional feature (auth, messaging, cache, ...) is on: the benchmarks measure the cost of
entities, not of features.
"""

from __future__ import annotations

import math

SHAPES = ("item", "record", "contact", "setting")


def _shape_lines(shape: str) -> tuple[list[str], list[str], list[str], list[str]]:
    """Return (entity options, field lines, filters, sort) of one entity shape."""
    if shape == "item":
        return (
            [],
            [
                "title: {type: str, max_length: 200}",
                "body: {type: text, required: false}",
                "price: {type: decimal, precision: 10, scale: 2, min: 0}",
                "quantity: {type: int, min: 0, default: 0}",
                "active: {type: bool, default: true}",
                "status: {type: enum, enum: Status, default: draft}",
                "published_on: {type: date, required: false}",
            ],
            ["title", "active", "status"],
            ["title", "price", "quantity", "published_on"],
        )
    if shape == "record":
        return (
            ["id: uuid", "soft_delete: true"],
            [
                "code: {type: str, max_length: 32, unique: true}",
                "amount: {type: decimal, precision: 12, scale: 2, gt: 0}",
                "happened_at: {type: datetime, required: false}",
                "contact_email: {type: email, required: false}",
                "note: {type: text, required: false}",
            ],
            ["code"],
            ["amount", "happened_at"],
        )
    if shape == "contact":
        return (
            ["timestamps: false"],
            [
                "name: {type: str, max_length: 100}",
                "email: {type: email, unique: true}",
                "homepage: {type: url, required: false}",
                "age: {type: int, min: 0, max: 150, required: false}",
                "weight: {type: float, min: 0, required: false}",
                "external_id: {type: uuid, required: false}",
            ],
            ["email", "age"],
            ["name", "age"],
        )
    return (
        ["pagination: cursor"],
        [
            "key: {type: str, max_length: 64, unique: true}",
            "value: {type: json, required: false}",
            "enabled: {type: bool, default: true}",
            "starts_at: {type: time, required: false}",
            "priority: {type: bigint, default: 0}",
            "kind: {type: enum, enum: Kind, default: basic}",
        ],
        ["kind", "enabled"],
        ["priority", "key"],
    )


def entity_yaml(index: int, name: str, parent: str | None, foreign: str | None) -> str:
    """Return the YAML of one entity, indented for its place under ``entities``.

    Args:
        index: The entity's number in the spec; picks its shape.
        name: The entity's name.
        parent: ``domain.Entity`` of the previous entity in the domain, or None.
        foreign: ``domain.Entity`` in another domain for a record's second relation, or None.
    """
    shape = SHAPES[index % len(SHAPES)]
    options, fields, filters, sort = _shape_lines(shape)
    lines = [
        f"      {name}:",
        f"        description: Synthetic {shape} number {index}.",
        *(f"        {option}" for option in options),
        "        fields:",
        *(f"          {field}" for field in fields),
    ]
    relations: list[str] = []
    if parent is not None:
        relations.append(f"parent: {{kind: many_to_one, to: {parent}, required: false}}")
        filters = [*filters, "parent"]
    if foreign is not None and shape == "record":
        relations.append(
            f"origin: {{kind: many_to_one, to: {foreign}, required: false, on_delete: set_null}}"
        )
        filters = [*filters, "origin"]
    if relations:
        lines += ["        relations:", *(f"          {relation}" for relation in relations)]
    lines += [f"        filters: [{', '.join(filters)}]", f"        sort: [{', '.join(sort)}]"]
    return "\n".join(lines)


def domain_sizes(entities: int, per_domain: int = 8) -> list[int]:
    """Split ``entities`` as evenly as possible over ``ceil(entities / per_domain)`` domains."""
    domains = max(1, math.ceil(entities / per_domain))
    return [entities // domains + (1 if d < entities % domains else 0) for d in range(domains)]


def varied_spec(entities: int, per_domain: int = 8, name: str | None = None) -> str:
    """Build a spec of ``entities`` varied entities, ``per_domain`` to a domain.

    Args:
        entities: The number of entities.
        per_domain: Entities per domain (the last domains may have one fewer).
        name: The project's name (default ``scale-<entities>``).

    Returns:
        The spec's YAML text.
    """
    parts = [
        "fastgen: 1",
        "project:",
        f"  name: {name or f'scale-{entities}'}",
        f"  title: Benchmark with {entities} varied entities",
        "enums:",
        "  Status: [draft, active, archived]",
        "  Kind: [basic, advanced, internal]",
        "domains:",
    ]
    index = 0
    previous_first: str | None = None
    for d, count in enumerate(domain_sizes(entities, per_domain)):
        domain = f"area{d}"
        parts += [f"  {domain}:", f"    description: Synthetic domain {d}.", "    entities:"]
        parent: str | None = None
        first: str | None = None
        for k in range(count):
            entity = f"Area{d}Thing{k}"
            parts.append(entity_yaml(index, entity, parent, previous_first))
            parent = f"{domain}.{entity}"
            first = first or parent
            index += 1
        previous_first = first
    return "\n".join(parts) + "\n"
