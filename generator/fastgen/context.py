"""The render context: a validated spec turned into plain data the templates read.

Templates stay free of logic: every name, Python type, SQLAlchemy column type, Pydantic
constraint and test sample value is computed here once. Everything is a frozen dataclass in a
stable order (spec order for domains, entities and fields), so rendering is deterministic.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from fastgen.columns import (
    ORM_TYPES,
    SCHEMA_TYPES,
    InvalidCase,
    backfill_text,
    invalid_cases,
    migration_type,
    pydantic_constraints,
    sa_type,
    sql_type,
)
from fastgen.spec.model import (
    EntitySpec,
    Event,
    FieldSpec,
    FieldType,
    OnDelete,
    Operation,
    RelationKind,
    Spec,
)
from fastgen.spec.naming import pascal, plural, singular, snake
from fastgen.spec.values import python_literal, sample_value

if TYPE_CHECKING:
    from fastgen.revisions import RevisionCtx

SAMPLES = 4
_Resolver = Callable[[str], tuple[str, str, EntitySpec]]


@dataclass(frozen=True)
class EnumCtx:
    """An enumeration: ``class Name(StrEnum)`` with members named after their values."""

    name: str
    values: list[str]


@dataclass(frozen=True)
class FieldCtx:
    """One column, with everything each layer needs to declare it."""

    name: str
    type: str
    nullable: bool
    has_default: bool
    default_literal: str
    unique: bool
    index: bool
    description: str | None
    example_literal: str | None
    schema_type: str
    orm_type: str
    sa_type: str
    constraints: list[tuple[str, str]]
    enum: str | None
    enum_values: list[str]
    migration_type: str
    sql_type: str
    backfill: str | None
    samples: list[str]
    orm_samples: list[str]

    @property
    def schema_default_literal(self) -> str:
        """Default as the request schema declares it (URLs are ``HttpUrl`` objects there)."""
        if self.type == "url" and self.has_default:
            return f"HttpUrl({self.default_literal})"
        return self.default_literal

    @property
    def read_type(self) -> str:
        """Annotation of the field in the response schema."""
        return "HttpUrlStr" if self.type == "url" else self.orm_type

    @property
    def optional_in_create(self) -> bool:
        """Tell whether a create request may omit the field."""
        return self.nullable or self.has_default


@dataclass(frozen=True)
class RelationCtx:
    """A relation, seen from the entity that declares it."""

    name: str
    kind: str
    target: str
    target_module: str
    target_table: str
    target_id_type: str
    nullable: bool
    on_delete: str
    inverse: str | None
    association_table: str | None
    target_snake: str = ""
    target_sa_type: str = ""
    target_domain: str = ""
    back_populates: str | None = None

    @property
    def column(self) -> str:
        """Name of the foreign-key column (many_to_one / one_to_one)."""
        return f"{self.name}_id"

    @property
    def ids_attribute(self) -> str:
        """Name of the list-of-ids attribute (many_to_many)."""
        return f"{singular(self.name)}_ids"


@dataclass(frozen=True)
class FilterCtx:
    """A query parameter of ``list`` that filters by equality."""

    name: str
    type: str
    relation_target: str | None
    """Set for an optional relation: tests must create the related row themselves."""


@dataclass(frozen=True)
class EntityCtx:
    """An entity with its table, endpoints and naming in every layer."""

    name: str
    domain: str
    description: str
    snake: str
    table: str
    module: str
    url: str
    id_type: str
    id_py: str
    id_sa_type: str
    timestamps: bool
    soft_delete: bool
    fields: list[FieldCtx]
    foreign_keys: list[RelationCtx]
    many_to_many: list[RelationCtx]
    one_to_many: list[RelationCtx]
    operations: list[str]
    pagination: str
    page_size: int
    max_page_size: int
    filters: list[FilterCtx]
    sort: list[str]
    default_sort: str
    described: bool
    label: str
    depends_on: list[str] = field(default_factory=list)
    restricting_children: list[tuple[EntityCtx, RelationCtx]] = field(default_factory=list)
    cache_ttl: int | None = None
    """Seconds a cached single-row read lives; ``None`` when reads are not cached."""
    events: list[str] = field(default_factory=list)
    """Lifecycle events published after commit, in the order created, updated, deleted."""
    stale_on_delete: list[StaleRead] = field(default_factory=list)
    """Cached reads of other entities that a hard delete of this one changes in the database."""

    @property
    def required_in_create(self) -> list[str]:
        """Attributes a create request must carry, sorted."""
        names = [f.name for f in self.fields if not f.optional_in_create]
        return sorted(names + [r.column for r in self.foreign_keys if not r.nullable])

    @property
    def partial_unique_fields(self) -> list[FieldCtx]:
        """Unique fields of a soft-deleting entity: unique among live rows only.

        A deleted row keeps its values, so a plain unique constraint would block reusing them;
        such fields get a partial unique index ``WHERE deleted_at IS NULL`` instead.
        """
        return [f for f in self.fields if f.unique] if self.soft_delete else []

    @property
    def sortable_fields(self) -> list[FieldCtx]:
        """Fields (not ``id`` or timestamps) that ``list`` can sort by."""
        return [f for f in self.fields if f.name in self.sort]

    @property
    def invalid_cases(self) -> list[InvalidCase]:
        """One rejected value per constraint of each field."""
        return [case for f in self.fields for case in invalid_cases(f)]

    @property
    def enum_names(self) -> list[str]:
        """Enums the entity's fields use, sorted."""
        return sorted({f.enum for f in self.fields if f.enum})

    @property
    def not_null_names(self) -> list[str]:
        """Attributes of an update request that may be omitted but never set to null."""
        names = [f.name for f in self.fields if not f.nullable]
        names += [r.column for r in self.foreign_keys if not r.nullable]
        return names + [r.ids_attribute for r in self.many_to_many]

    @property
    def related_models(self) -> list[tuple[str, str]]:
        """(class, module) of every other entity this one has a relation to, sorted."""
        rels = [*self.foreign_keys, *self.many_to_many, *self.one_to_many]
        return sorted({(r.target, r.target_module) for r in rels if r.target != self.name})

    def has(self, operation: str) -> bool:
        """Tell whether the entity exposes ``operation``."""
        return operation in self.operations

    @property
    def hard_delete(self) -> bool:
        """Tell whether the API removes rows (so the database cascades to related rows)."""
        return self.has("delete") and not self.soft_delete

    @property
    def uses_cache(self) -> bool:
        """Tell whether the entity's service talks to the cache (its own or others' reads)."""
        return self.cache_ttl is not None or bool(self.stale_on_delete)

    @property
    def stale_entities(self) -> list[EntityCtx]:
        """Distinct cached entities a hard delete of this one makes stale, in order."""
        found: dict[str, EntityCtx] = {}
        for item in self.stale_on_delete:
            found.setdefault(item.entity.name, item.entity)
        return list(found.values())

    @property
    def defers_work(self) -> bool:
        """Tell whether the service registers work to run after commit."""
        return self.uses_cache or bool(self.events)

    @property
    def routing_key(self) -> str:
        """Routing-key stem of the entity's events: ``<domain>.<entity_snake>``."""
        return f"{self.domain}.{self.snake}"


@dataclass(frozen=True)
class StaleRead:
    """A cached entity whose reads a delete elsewhere changes, and the relation that does it.

    Attributes:
        entity: The cached entity.
        relation: Its relation to the deleted entity (a foreign key or a many-to-many).
        effect: What the delete does to its rows: ``deleted`` (cascade), ``unlinked`` (the
            foreign key set to NULL) or ``detached`` (association rows removed).
        direct: The relation points at the deleted entity itself (not through a cascade).
    """

    entity: EntityCtx
    relation: RelationCtx
    effect: str
    direct: bool


@dataclass(frozen=True)
class ConsumerCtx:
    """A handler in one domain of an event another (or the same) entity publishes.

    Attributes:
        domain: The domain the consumer belongs to.
        name: The consumer's snake_case name (method ``on_<name>``, part of the queue name).
        description: Docstring of the handler.
        source: The entity that publishes the event.
        event: ``created``, ``updated`` or ``deleted``.
    """

    domain: str
    name: str
    description: str
    source: EntityCtx
    event: str

    @property
    def qualified(self) -> str:
        """``domain.name``: the consumer's name in queues and processed-message marks."""
        return f"{self.domain}.{self.name}"

    @property
    def handler_class(self) -> str:
        """The service class holding the consumer's handler, e.g. ``CatalogEventHandler``."""
        return f"{pascal(self.domain)}EventHandler"

    @property
    def local(self) -> str:
        """``domain_name``: a Python name unique across the project."""
        return f"{self.domain}_{self.name}"

    @property
    def event_class(self) -> str:
        """Name of the event's schema, e.g. ``PaymentCreated``."""
        return event_class(self.source, self.event)

    @property
    def routing_key(self) -> str:
        """Routing key the consumer's queue is bound with."""
        return f"{self.source.routing_key}.{self.event}"


def event_class(entity: EntityCtx, event: str) -> str:
    """Return the schema name of an entity's event, e.g. ``PaymentCreated``."""
    return f"{entity.name}{event.capitalize()}"


@dataclass(frozen=True)
class DomainCtx:
    """A bounded context, its entities and its event consumers."""

    name: str
    description: str
    entities: list[EntityCtx]
    consumers: list[ConsumerCtx] = field(default_factory=list)

    @property
    def pascal(self) -> str:
        """The domain name in PascalCase, e.g. ``OrderHistory``."""
        return pascal(self.name)

    @property
    def event_classes(self) -> list[str]:
        """Event schemas the domain's entities publish, in spec order."""
        return [event_class(e, event) for e in self.entities for event in e.events]

    @property
    def consumed_events(self) -> list[tuple[str, str]]:
        """(domain, event schema) of every event the domain's consumers handle, sorted."""
        return sorted({(c.source.domain, c.event_class) for c in self.consumers})

    @property
    def enum_names(self) -> list[str]:
        """Enums used by any entity of the domain, sorted."""
        return sorted({name for e in self.entities for name in e.enum_names})

    @property
    def uses_cache(self) -> bool:
        """Tell whether any entity's service talks to the cache."""
        return any(e.uses_cache for e in self.entities)

    @property
    def defers_work(self) -> bool:
        """Tell whether any entity's service registers work to run after commit."""
        return any(e.defers_work for e in self.entities)

    @property
    def foreign_read_schemas(self) -> list[tuple[str, str]]:
        """(domain, read schema) of cached entities in other domains that deletes here stale."""
        return sorted(
            {
                (stale.domain, f"{stale.name}Read")
                for e in self.entities
                for stale in e.stale_entities
                if stale.domain != self.name
            }
        )

    @property
    def foreign_data_managers(self) -> list[tuple[str, str]]:
        """(domain, data manager class) of many-to-many targets in other domains, sorted."""
        return sorted(
            {
                (r.target_domain, f"{r.target}DataManager")
                for e in self.entities
                for r in e.many_to_many
                if r.target_domain != self.name
            }
        )

    @property
    def schema_names(self) -> list[str]:
        """Every schema class the domain's schema package exports, sorted."""
        names: list[str] = []
        for e in self.entities:
            names.append(f"{e.name}Read")
            names += [f"{e.name}{suffix}" for op, suffix in _SCHEMA_SUFFIXES if e.has(op)]
            if e.has("list"):
                names.append(f"{e.name}ListParams")
        return sorted(names + self.event_classes)


_SCHEMA_SUFFIXES = (("create", "Create"), ("update", "Update"), ("list", "Page"))


@dataclass(frozen=True)
class FeaturesCtx:
    """Optional parts of the project that are switched on."""

    cache: bool
    messaging: bool
    storage: bool
    mail: bool
    rate_limit: str | None
    metrics: bool
    docker: bool
    ci: list[str]


@dataclass(frozen=True)
class ProjectCtx:
    """Everything a template may read."""

    name: str
    package: str
    title: str
    description: str
    version: str
    python: str
    api_versions: list[str]
    enums: list[EnumCtx]
    domains: list[DomainCtx]
    spec_text: str
    features: FeaturesCtx
    revisions: list[RevisionCtx] = field(default_factory=list)
    """Migration revisions, oldest first; filled in from the project's history."""

    @property
    def probe(self) -> tuple[str, str, int]:
        """A request the platform tests send: (URL, route template, expected status).

        The ``get`` of a missing row when some entity has one (a parametrised route), else
        the liveness probe.
        """
        for entity in self.entities:
            if entity.has("get"):
                missing = (
                    "00000000-0000-4000-8000-999999999999"
                    if entity.id_type == "uuid"
                    else "999999999"
                )
                template = f"/api/v1{entity.url}/{{{entity.snake}_id}}"
                return f"/api/v1{entity.url}/{missing}", template, 404
        return "/health/live", "/health/live", 200

    @property
    def modern_generics(self) -> bool:
        """Tell whether the target Python has PEP 695 type parameters (3.12+)."""
        major, minor = (int(part) for part in self.python.split("."))
        return (major, minor) >= (3, 12)

    @property
    def entities(self) -> list[EntityCtx]:
        """Every entity, in spec order."""
        return [e for d in self.domains for e in d.entities]

    @property
    def entities_in_dependency_order(self) -> list[EntityCtx]:
        """Entities ordered so each comes after the entities it references."""
        by_name = {e.name: e for e in self.entities}
        done: dict[str, EntityCtx] = {}
        visiting: set[str] = set()

        def visit(entity: EntityCtx) -> None:
            if entity.name in done or entity.name in visiting:
                return
            visiting.add(entity.name)
            for dependency in entity.depends_on:
                if dependency != entity.name:
                    visit(by_name[dependency])
            done[entity.name] = entity

        for entity in self.entities:
            visit(entity)
        return list(done.values())

    @property
    def cached_entities(self) -> list[EntityCtx]:
        """Entities whose single-row reads are cached, in spec order."""
        return [e for e in self.entities if e.cache_ttl is not None]

    @property
    def publishing_entities(self) -> list[EntityCtx]:
        """Entities that publish lifecycle events, in spec order."""
        return [e for e in self.entities if e.events]

    @property
    def after_commit(self) -> bool:
        """Tell whether services defer work (cache invalidation, events) until commit."""
        return any(e.uses_cache or e.events for e in self.entities)

    @property
    def consumers(self) -> list[ConsumerCtx]:
        """Every event consumer, domain by domain in spec order."""
        return [c for d in self.domains for c in d.consumers]

    @property
    def consumed_events(self) -> list[tuple[str, str]]:
        """(domain, event schema) of every event some consumer handles, sorted."""
        return sorted({(c.source.domain, c.event_class) for c in self.consumers})

    @property
    def events(self) -> bool:
        """Tell whether the project publishes or consumes events."""
        return bool(self.publishing_entities or self.consumers)

    @property
    def integrations(self) -> list[str]:
        """Packages of ``app/core/integrations`` the project needs, sorted."""
        used = {"cache": bool(self.cached_entities), "messaging": self.events}
        return sorted(name for name, needed in used.items() if needed)

    def uses(self, what: str) -> bool:
        """Tell whether any entity uses a feature (a field type, soft_delete, uuid, ...)."""
        entities = self.entities
        checks = {
            "soft_delete": any(e.soft_delete for e in entities),
            "timestamps": any(e.timestamps for e in entities),
            "uuid_id": any(e.id_type == "uuid" for e in entities),
            "int_id": any(e.id_type == "int" for e in entities),
            "cursor": any(e.pagination == "cursor" for e in entities if e.has("list")),
            "offset": any(e.pagination == "offset" for e in entities if e.has("list")),
            "many_to_many": any(e.many_to_many for e in entities),
        }
        if what in checks:
            return checks[what]
        return any(f.type == what for e in entities for f in e.fields)


def _table_name(name: str, entity: EntitySpec) -> str:
    return entity.table or plural(snake(name))


def _field(name: str, spec: FieldSpec, enums: dict[str, list[str]]) -> FieldCtx:
    if spec.type is FieldType.ENUM:
        schema_type = orm_type = str(spec.enum)
    else:
        schema_type, orm_type = SCHEMA_TYPES[spec.type], ORM_TYPES[spec.type]
    has_default = spec.default is not None
    values = [sample_value(name, spec, enums.get(spec.enum or "", []), n) for n in range(SAMPLES)]
    return FieldCtx(
        name=name,
        type=spec.type.value,
        nullable=not spec.required,
        has_default=has_default,
        default_literal=python_literal(spec, spec.default) if has_default else "None",
        unique=spec.unique,
        index=spec.index,
        description=spec.description,
        example_literal=python_literal(spec, spec.example) if spec.example is not None else None,
        schema_type=schema_type,
        orm_type=orm_type,
        sa_type=sa_type(spec, name),
        enum_values=list(enums.get(spec.enum or "", [])),
        migration_type=migration_type(spec, name, enums),
        sql_type=sql_type(spec),
        backfill=backfill_text(spec),
        constraints=pydantic_constraints(spec),
        enum=spec.enum,
        samples=[repr(v) for v in values],
        orm_samples=[python_literal(spec, v) for v in values],
    )


def build_context(spec: Spec, spec_text: str) -> ProjectCtx:
    """Turn a validated spec into the render context.

    Args:
        spec: A spec that passed :func:`fastgen.spec.load_spec`.
        spec_text: The spec file's text, stored in the project as its baseline.

    Returns:
        The context every template is rendered with.

    """
    index: dict[str, tuple[str, EntitySpec]] = {}
    for domain_name, domain in spec.domains.items():
        for entity_name, entity in domain.entities.items():
            index[entity_name] = (domain_name, entity)
            index[f"{domain_name}.{entity_name}"] = (domain_name, entity)

    def resolve(ref: str) -> tuple[str, str, EntitySpec]:
        return index[ref][0], ref.rsplit(".", 1)[-1], index[ref][1]

    domains: list[DomainCtx] = []
    for domain_name, domain in spec.domains.items():
        entities: list[EntityCtx] = []
        for entity_name, entity in domain.entities.items():
            entities.append(_entity(domain_name, entity_name, entity, resolve, spec.enums))
        domains.append(
            DomainCtx(
                name=domain_name,
                description=(domain.description or f"Домен «{domain_name}»").rstrip("."),
                entities=entities,
            )
        )
    _link_inverses(domains)
    _link_stale_reads(domains)
    _add_consumers(spec, domains)
    features = spec.features
    return ProjectCtx(
        features=FeaturesCtx(
            cache=features.cache == "redis",
            messaging=features.messaging == "rabbitmq",
            storage=features.storage == "s3",
            mail=features.mail == "smtp",
            rate_limit=features.rate_limit.default if features.rate_limit else None,
            metrics=features.metrics == "prometheus",
            docker=features.docker,
            ci=list(features.ci),
        ),
        name=spec.project.name,
        package=spec.project.name.replace("-", "_"),
        title=spec.project.title,
        description=spec.project.description or spec.project.title,
        version=spec.project.version,
        python=spec.project.python,
        api_versions=list(spec.api.versions),
        enums=[EnumCtx(name=n, values=list(v)) for n, v in spec.enums.items()],
        domains=domains,
        spec_text=spec_text,
    )


def _link_inverses(domains: list[DomainCtx]) -> None:
    """Point each many_to_one side at the one_to_many relation that mirrors it."""
    entities = {e.name: e for d in domains for e in d.entities}
    for entity in entities.values():
        for index, rel in enumerate(entity.one_to_many):
            target = entities[rel.target]
            entity.one_to_many[index] = replace(rel, back_populates=rel.inverse)
            for fk_index, fk in enumerate(target.foreign_keys):
                if fk.name == rel.inverse and fk.target == entity.name:
                    target.foreign_keys[fk_index] = replace(fk, back_populates=rel.name)
    for entity in entities.values():
        for fk in entity.foreign_keys:
            parent = entities.get(fk.target)
            hard_delete = parent is not None and not parent.soft_delete
            if fk.on_delete == "RESTRICT" and fk.target != entity.name and hard_delete:
                entities[fk.target].restricting_children.append((entity, fk))


def _add_consumers(spec: Spec, domains: list[DomainCtx]) -> None:
    """Resolve each domain's consumers to the entities whose events they handle."""
    entities: dict[str, EntityCtx] = {}
    for domain in domains:
        for entity in domain.entities:
            entities.setdefault(entity.name, entity)
            entities[f"{domain.name}.{entity.name}"] = entity
    for domain in domains:
        for name, consumer in spec.domains[domain.name].consumers.items():
            source, _, event = consumer.on.rpartition(".")
            description = consumer.description or f"Обрабатывает событие {consumer.on}"
            domain.consumers.append(
                ConsumerCtx(domain.name, name, description.rstrip("."), entities[source], event)
            )


def _link_stale_reads(domains: list[DomainCtx]) -> None:
    """Tell each hard-deleted entity which cached reads its delete changes in the database.

    Deleting a row cascades: children with ``on_delete: cascade`` go too (and so on down),
    children with ``set_null`` lose their link, and association rows of many-to-many relations
    to any deleted row disappear. The cached reads of those entities are then stale.
    """
    entities = [e for d in domains for e in d.entities]
    by_name = {e.name: e for e in entities}
    for entity in entities:
        if not entity.hard_delete:
            continue
        stale: list[StaleRead] = []
        deleted = [entity.name]
        for gone in deleted:  # grows while cascades are found
            for other in entities:
                for fk in other.foreign_keys:
                    if fk.target != gone:
                        continue
                    cascade = fk.on_delete == "CASCADE"
                    if cascade and other.name not in deleted:
                        deleted.append(other.name)
                    effect = "deleted" if cascade else "unlinked" if fk.nullable else ""
                    if effect:
                        stale.append(StaleRead(other, fk, effect, gone == entity.name))
                for rel in other.many_to_many:
                    if rel.target == gone:
                        stale.append(StaleRead(other, rel, "detached", gone == entity.name))
        seen: set[tuple[str, str]] = set()
        for item in stale:
            key = (item.entity.name, item.relation.name)
            target = by_name[item.entity.name]
            if target.cache_ttl is not None and key not in seen:
                seen.add(key)
                entity.stale_on_delete.append(item)


def _entity(
    domain: str,
    name: str,
    entity: EntitySpec,
    resolve: _Resolver,
    enums: dict[str, list[str]],
) -> EntityCtx:
    table = _table_name(name, entity)
    fields = [_field(n, f, enums) for n, f in entity.fields.items()]
    # `list` filters and sorts by these columns: give each an index, unless a unique
    # constraint already provides one.
    queried = set(entity.filters) | set(entity.sort)
    fields = [
        replace(f, index=True)
        if f.name in queried and not (f.unique and not entity.soft_delete)
        else f
        for f in fields
    ]
    foreign_keys: list[RelationCtx] = []
    many: list[RelationCtx] = []
    inverse: list[RelationCtx] = []
    depends_on: list[str] = []
    for rel_name, rel in entity.relations.items():
        target_domain, target, target_spec = resolve(rel.to)
        target_table = _table_name(target, target_spec)
        on_delete = rel.on_delete or (OnDelete.RESTRICT if rel.required else OnDelete.SET_NULL)
        ctx = RelationCtx(
            name=rel_name,
            kind=rel.kind.value,
            target=target,
            target_module=target_table,
            target_table=target_table,
            target_snake=snake(target),
            target_sa_type="Uuid" if target_spec.id == "uuid" else "BigInteger",
            target_domain=target_domain,
            target_id_type="UUID" if target_spec.id == "uuid" else "int",
            nullable=not rel.required,
            on_delete=on_delete.value.upper().replace("_", " "),
            inverse=rel.inverse,
            association_table=(
                f"{table}_{rel_name}" if rel.kind is RelationKind.MANY_TO_MANY else None
            ),
        )
        if rel.kind in {RelationKind.MANY_TO_ONE, RelationKind.ONE_TO_ONE}:
            foreign_keys.append(ctx)
            depends_on.append(target)
        elif rel.kind is RelationKind.MANY_TO_MANY:
            many.append(ctx)
        else:
            inverse.append(ctx)
    filters: list[FilterCtx] = []
    by_field = {f.name: f for f in fields}
    by_rel = {r.name: r for r in foreign_keys}
    for item in entity.filters:
        if item in by_field:
            filters.append(FilterCtx(item, by_field[item].orm_type, None))
        elif item in by_rel:
            link = by_rel[item]
            maker = link.target_snake if link.nullable else None
            filters.append(FilterCtx(link.column, link.target_id_type, maker))
    operations = [op.value for op in Operation if op in entity.operations]
    sort = ["id", *(s for s in entity.sort if s != "id")]
    # A uuid key is random: page through such rows in creation order unless told otherwise.
    default_sort = "created_at" if entity.id == "uuid" and entity.timestamps else "id"
    if default_sort not in sort:
        sort.append(default_sort)
    return EntityCtx(
        name=name,
        domain=domain,
        description=(entity.description or f"Сущность «{name}»").rstrip("."),
        snake=snake(name),
        table=table,
        module=table,
        url="/" + table.replace("_", "-"),
        id_type=entity.id,
        id_py="UUID" if entity.id == "uuid" else "int",
        id_sa_type="Uuid" if entity.id == "uuid" else "BigInteger",
        timestamps=entity.timestamps,
        soft_delete=entity.soft_delete,
        fields=fields,
        foreign_keys=foreign_keys,
        many_to_many=many,
        one_to_many=inverse,
        operations=operations,
        pagination=entity.pagination,
        page_size=entity.page_size,
        max_page_size=entity.max_page_size,
        filters=filters,
        sort=sort,
        default_sort=default_sort,
        described=entity.description is not None,
        label=entity.title or name,
        depends_on=depends_on,
        cache_ttl=_seconds(entity.cache.ttl) if entity.cache else None,
        events=[event.value for event in Event if event in entity.events],
    )


_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _seconds(duration: str) -> int:
    """Turn a spec duration (``60s``, ``5m``, ``1h``, ``1d``) into seconds."""
    return int(duration[:-1]) * _UNIT_SECONDS[duration[-1]]
