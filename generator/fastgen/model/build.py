"""Assembling the render context from a validated spec.

Entities are built one by one, then linked: inverse relations, the cached reads a delete makes
stale, and each domain's event consumers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from fastgen.model.fieldtypes import kind, literal
from fastgen.model.project import (
    AuthCtx,
    ConsumerCtx,
    DomainCtx,
    EntityCtx,
    EnumCtx,
    FeaturesCtx,
    FieldCtx,
    FileCtx,
    FilterCtx,
    PermissionCtx,
    ProjectCtx,
    RelationCtx,
    StaleRead,
)
from fastgen.spec.auth_checks import AUTHENTICATED, OWNER, PUBLIC
from fastgen.spec.model import (
    SAMPLE_ROWS,
    AuthSpec,
    EntitySpec,
    Event,
    FieldSpec,
    FieldType,
    OnDelete,
    Operation,
    RelationKind,
    Spec,
    seconds,
)
from fastgen.spec.naming import plural, snake

SAMPLES = SAMPLE_ROWS
"""Sample rows per entity in generated tests."""

_Resolver = Callable[[str], tuple[str, str, EntitySpec]]


def _table_name(name: str, entity: EntitySpec) -> str:
    return entity.table or plural(snake(name))


def field_context(name: str, spec: FieldSpec, enums: dict[str, list[str]]) -> FieldCtx:
    """Return the record of one field (also used for the columns of platform tables)."""
    field_kind = kind(spec.type)
    enum_values = list(enums.get(spec.enum or "", []))
    values = [field_kind.sample(name, spec, enum_values, n) for n in range(SAMPLES)]
    return FieldCtx(
        name=name,
        type=spec.type.value,
        nullable=not spec.required,
        has_default=spec.default is not None,
        default_literal=literal(spec, spec.default),
        unique=spec.unique,
        index=spec.index,
        description=spec.description,
        example_literal=literal(spec, spec.example) if spec.example is not None else None,
        schema_type=field_kind.schema_type(spec),
        schema_markers=field_kind.schema_markers(spec),
        orm_type=field_kind.orm_type(spec),
        read_type=field_kind.read_type(spec),
        sa_type=field_kind.sa_type(spec, name),
        enum_values=enum_values,
        limits=field_kind.limits(spec),
        enum=spec.enum,
        samples=[repr(v) for v in values],
        orm_samples=[literal(spec, v) for v in values],
        compare_as=field_kind.compare_as,
        invalid=field_kind.invalid(name, spec, enum_values),
        spec=spec,
    )


def build_context(spec: Spec) -> ProjectCtx:
    """Turn a validated spec into the render context.

    Args:
        spec: A spec that passed :func:`fastgen.spec.load_spec`.

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

    drafts = {
        domain_name: [
            _entity(
                domain_name,
                entity_name,
                entity,
                resolve,
                spec.enums,
                auth=bool(spec.features.auth),
            )
            for entity_name, entity in domain.entities.items()
        ]
        for domain_name, domain in spec.domains.items()
    }
    linked = _linked([e for entities in drafts.values() for e in entities])
    consumers = _consumers(spec, linked)
    domains = [
        DomainCtx(
            name=domain_name,
            description=(spec.domains[domain_name].description or f"Домен «{domain_name}»").rstrip(
                "."
            ),
            entities=[linked[e.name] for e in entities],
            consumers=consumers[domain_name],
        )
        for domain_name, entities in drafts.items()
    ]
    features = spec.features
    auth = _auth(features.auth, redis=features.cache == "redis") if features.auth else None
    return ProjectCtx(
        features=FeaturesCtx(
            cache=features.cache == "redis",
            messaging=features.messaging == "rabbitmq",
            storage=features.storage == "s3",
            mail=features.mail == "smtp",
            http_client=features.http_client,
            rate_limit=features.rate_limit.default if features.rate_limit else None,
            metrics=features.metrics == "prometheus",
            docker=features.docker,
            ci=list(features.ci),
            auth=auth,
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
    )


def _auth(spec: AuthSpec, *, redis: bool) -> AuthCtx:
    lockout = spec.lockout
    return AuthCtx(
        roles=list(spec.roles),
        default_role=spec.registered_role,
        email_verification=spec.email_verification,
        access_ttl=seconds(spec.access_token_ttl),
        refresh_ttl=seconds(spec.refresh_token_ttl),
        login_rate_limit=spec.login_rate_limit,
        lockout_attempts=lockout.attempts if lockout else None,
        lockout_seconds=seconds(lockout.for_) if lockout else None,
        state="redis" if redis else "database",
    )


def _permissions(entity: EntitySpec, auth: bool) -> dict[str, PermissionCtx]:
    """Every operation's permission; an operation the spec does not list is superuser-only."""
    if not auth:
        return {}
    given = entity.permissions or {}
    result: dict[str, PermissionCtx] = {}
    for operation in Operation:
        entries = [str(entry) for entry in given.get(operation, [])]
        result[operation.value] = PermissionCtx(
            roles=[e for e in entries if e not in (OWNER, AUTHENTICATED, PUBLIC)],
            owner=OWNER in entries,
            authenticated=AUTHENTICATED in entries,
            public=PUBLIC in entries,
        )
    return result


def _linked(drafts: list[EntityCtx]) -> dict[str, EntityCtx]:
    """Return every entity with the facts that take other entities to know, by name.

    Each record is made once more from its draft, never changed in place: inverse relations
    (a many_to_one and the one_to_many that mirrors it point at each other), the children
    whose ``restrict`` blocks a delete, and the cached reads a delete makes stale.
    """
    # (entity, its foreign key, the entity it points at) → the one_to_many mirroring it
    back = {
        (rel.target, rel.inverse, e.name): rel.name
        for e in drafts
        for rel in e.one_to_many
        if rel.inverse is not None
    }
    inverse = {
        e.name: replace(
            e,
            one_to_many=[replace(rel, back_populates=rel.inverse) for rel in e.one_to_many],
            foreign_keys=[
                replace(fk, back_populates=back[(e.name, fk.name, fk.target)])
                if (e.name, fk.name, fk.target) in back
                else fk
                for fk in e.foreign_keys
            ],
        )
        for e in drafts
    }
    entities = list(inverse.values())
    children: dict[str, list[tuple[str, RelationCtx]]] = {e.name: [] for e in entities}
    for entity in entities:
        for fk in entity.foreign_keys:
            parent = inverse.get(fk.target)
            hard_delete = parent is not None and not parent.soft_delete
            if fk.on_delete == "RESTRICT" and fk.target != entity.name and hard_delete:
                children[fk.target].append((entity.name, fk))
    stale = _stale_reads(entities)
    return {
        e.name: replace(e, restricting_children=children[e.name], stale_on_delete=stale[e.name])
        for e in entities
    }


def _consumers(spec: Spec, entities: dict[str, EntityCtx]) -> dict[str, list[ConsumerCtx]]:
    """Resolve each domain's consumers to the entities whose events they handle."""
    by_ref = dict(entities)
    for entity in entities.values():
        by_ref[f"{entity.domain}.{entity.name}"] = entity
    out: dict[str, list[ConsumerCtx]] = {}
    for domain_name, domain in spec.domains.items():
        out[domain_name] = []
        for name, consumer in domain.consumers.items():
            source, _, event = consumer.on.rpartition(".")
            description = consumer.description or f"Обрабатывает событие {consumer.on}"
            out[domain_name].append(
                ConsumerCtx(domain_name, name, description.rstrip("."), by_ref[source], event)
            )
    return out


def _stale_reads(entities: list[EntityCtx]) -> dict[str, list[StaleRead]]:
    """Tell each hard-deleted entity which cached reads its delete changes in the database.

    Deleting a row cascades: children with ``on_delete: cascade`` go too (and so on down),
    children with ``set_null`` lose their link, and association rows of many-to-many relations
    to any deleted row disappear. The cached reads of those entities are then stale. The
    links into each entity are indexed once, so the cost grows with the links, not with the
    square of the entities.
    """
    incoming: dict[str, list[tuple[EntityCtx, RelationCtx]]] = {e.name: [] for e in entities}
    for other in entities:
        for rel in (*other.foreign_keys, *other.many_to_many):
            incoming.setdefault(rel.target, []).append((other, rel))
    cached = {e.name for e in entities if e.cache_ttl is not None}
    out: dict[str, list[StaleRead]] = {e.name: [] for e in entities}
    for entity in entities:
        if not entity.hard_delete or not cached:
            continue
        found: list[StaleRead] = []
        deleted = [entity.name]
        for gone in deleted:  # grows while cascades are found
            for other, rel in incoming[gone]:
                direct = gone == entity.name
                if rel.kind == "many_to_many":
                    found.append(StaleRead(other.name, other.domain, rel, "detached", direct))
                    continue
                cascade = rel.on_delete == "CASCADE"
                if cascade and other.name not in deleted:
                    deleted.append(other.name)
                effect = "deleted" if cascade else "unlinked" if rel.nullable else ""
                if effect:
                    found.append(StaleRead(other.name, other.domain, rel, effect, direct))
        seen: set[tuple[str, str]] = set()
        for item in found:
            key = (item.entity, item.relation.name)
            if item.entity in cached and key not in seen:
                seen.add(key)
                out[entity.name].append(item)
    return out


def _entity(
    domain: str,
    name: str,
    entity: EntitySpec,
    resolve: _Resolver,
    enums: dict[str, list[str]],
    *,
    auth: bool,
) -> EntityCtx:
    table = _table_name(name, entity)
    fields = [
        field_context(n, f, enums) for n, f in entity.fields.items() if f.type is not FieldType.FILE
    ]
    files = [
        FileCtx(
            name=n,
            description=f.description,
            max_size=_bytes(f.max_size or DEFAULT_FILE_SIZE),
            content_types=list(f.content_types or []),
            sa_type=kind(f.type).sa_type(f, n),
        )
        for n, f in entity.fields.items()
        if f.type is FieldType.FILE
    ]
    # `list` filters and sorts by these columns: give each an index, unless a unique
    # constraint already provides one.
    queried = set(entity.filters) | set(entity.sort)
    fields = [
        replace(f, index=True)
        if f.name in queried
        and kind(f.spec.type).indexable
        and not (f.unique and not entity.soft_delete)
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
            target_key=target_spec.id,
            target_domain=target_domain,
            target_id_type="UUID" if target_spec.id == "uuid" else "int",
            nullable=not rel.required,
            on_delete=on_delete.value.upper().replace("_", " "),
            inverse=rel.inverse,
            association_table=(
                f"{table}_{rel_name}" if rel.kind is RelationKind.MANY_TO_MANY else None
            ),
            target_owned=target_spec.owned_by is not None,
        )
        if rel.kind in {RelationKind.MANY_TO_ONE, RelationKind.ONE_TO_ONE}:
            foreign_keys.append(ctx)
            depends_on.append(target)
        elif rel.kind is RelationKind.MANY_TO_MANY:
            many.append(ctx)
        else:
            inverse.append(ctx)
    filters: list[FilterCtx] = []
    if entity.owned_by:
        filters.append(FilterCtx("owner_id", "UUID", None))
    by_field = {f.name: f for f in fields}
    by_rel = {r.name: r for r in foreign_keys}
    for item in entity.filters:
        if item in by_field:
            spec = by_field[item].spec
            field_kind = kind(spec.type)
            filters.append(FilterCtx(item, field_kind.filter_type(spec), None, field_kind.contains))
        elif item in by_rel:
            link = by_rel[item]
            maker = link.target_snake if link.nullable else None
            # An integer key is read within its range (``RecordId``), as in bodies and paths.
            key_type = "RecordId" if link.target_id_type == "int" else link.target_id_type
            filters.append(FilterCtx(link.column, key_type, maker))
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
        files=files,
        cache_ttl=seconds(entity.cache.ttl) if entity.cache else None,
        events=[event.value for event in Event if event in entity.events],
        owned=entity.owned_by is not None,
        permissions=_permissions(entity, auth),
    )


DEFAULT_FILE_SIZE = "10MB"
"""The largest upload of a file field that gives no ``max_size``."""

_UNIT_BYTES = {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}


def _bytes(size: str) -> int:
    """Turn a spec size (``512KB``, ``5MB``) into bytes."""
    number = size.rstrip("KMGB")
    return int(number) * _UNIT_BYTES[size[len(number) :]]
