"""The render context: a validated spec turned into plain data the templates read.

Templates stay free of logic: every name, Python type, SQLAlchemy column type, Pydantic
constraint and test sample value is computed once (by :mod:`fastgen.model.build`). Everything is
a frozen dataclass in a stable order (spec order for domains, entities and fields), so
rendering is deterministic. The records of one entity live in :mod:`fastgen.model.entity`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from fastgen.model.access import AccessCase, AuthCtx, access_cases
from fastgen.model.entity import (
    EntityCtx,
    EnumCtx,
    FieldCtx,
    FileCtx,
    FilterCtx,
    PermissionCtx,
    RelationCtx,
    StaleRead,
)
from fastgen.spec.naming import pascal

__all__ = [
    "AccessCase",
    "AuthCtx",
    "ConsumerCtx",
    "DomainCtx",
    "EntityCtx",
    "EnumCtx",
    "FeaturesCtx",
    "FieldCtx",
    "FileCtx",
    "FilterCtx",
    "PermissionCtx",
    "ProjectCtx",
    "RelationCtx",
    "StaleRead",
    "event_class",
]


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
    def files(self) -> bool:
        """Tell whether any entity has file fields."""
        return any(e.files for e in self.entities)

    @property
    def cursor_lists(self) -> bool:
        """Tell whether any entity lists its rows with cursor pagination."""
        return any(e.has("list") and e.pagination == "cursor" for e in self.entities)

    @property
    def answers_errors(self) -> bool:
        """Tell whether the domain's routes answer errors of their own (404, 409, bad cursor).

        Such a domain gets ``schemas/v1/<domain>/exception.py`` describing them; a domain
        whose entities only list rows a page at a time by offset has none to describe.
        """
        single = ("get", "create", "update", "delete")
        return self.cursor_lists or any(
            e.files or any(e.has(op) for op in single) for e in self.entities
        )

    @property
    def foreign_read_schemas(self) -> list[tuple[str, str]]:
        """(domain, read schema) of cached entities in other domains that deletes here stale."""
        return sorted(
            {
                (stale.domain, f"{stale.entity}Read")
                for e in self.entities
                for stale in e.stale_on_delete
                if stale.domain != self.name
            }
        )

    @property
    def foreign_data_managers(self) -> list[tuple[str, str]]:
        """(domain, data manager class) of other domains' entities the services query, sorted.

        Many-to-many targets (their rows are loaded) and owned targets of foreign keys (the
        owner of a linked row is checked).
        """
        return sorted(
            {
                (r.target_domain, f"{r.target}DataManager")
                for e in self.entities
                for r in (*e.many_to_many, *e.owned_links)
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
    http_client: bool
    rate_limit: str | None
    metrics: bool
    docker: bool
    ci: list[str]
    auth: AuthCtx | None = None


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
    features: FeaturesCtx

    @property
    def probe(self) -> tuple[str, str, int]:
        """A request the platform tests send: (URL, route template, expected status).

        The ``get`` of a missing row when some entity has one (a parametrised route, 404 to
        the tests' superuser), else the liveness probe.
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
    def anonymous_probe_status(self) -> int:
        """The status of :attr:`probe` for a caller without a token (the rate-limit tests).

        401 when the probed entity's ``get`` is not open to anonymous callers.
        """
        url, _, status = self.probe
        auth = self.features.auth
        for entity in self.entities:
            if auth is not None and url.startswith(f"/api/v1{entity.url}/") and entity.has("get"):
                if entity.permission("get").grant(None, auth.superuser) == "none":
                    return 401
                break
        return status

    @cached_property
    def _by_name(self) -> dict[str, EntityCtx]:
        return {e.name: e for e in self.entities}

    def entity(self, name: str) -> EntityCtx:
        """Return the entity called ``name`` (records refer to other entities by name)."""
        return self._by_name[name]

    def neighbours(self, domain: DomainCtx) -> list[EntityCtx]:
        """Return the domain's entities and every entity one relation away, in spec order.

        These are the entities a domain's generated tests may create rows of: relation
        targets, the children whose links block a delete, and the domain's own entities.
        """
        wanted = {e.name for e in domain.entities}
        for entity in domain.entities:
            for rel in (*entity.foreign_keys, *entity.many_to_many, *entity.one_to_many):
                wanted.add(rel.target)
            wanted.update(child for child, _ in entity.restricting_children)
        return [e for e in self.entities if e.name in wanted]

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
        """Tell whether services defer work (cache invalidation, events, auth mails) to commit."""
        return any(e.defers_work for e in self.entities) or self.features.auth is not None

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
    def outbox(self) -> bool:
        """Tell whether services write events to the outbox (some entity publishes them)."""
        return bool(self.publishing_entities)

    @property
    def max_body_size(self) -> int:
        """Default request body limit: 1 MiB, or more where the spec asks for more.

        The largest upload plus multipart overhead, and the longest text a field takes plus the
        rest of the body: a field's ``max_length`` is a promise the body limit must not break
        (a request one character over it gets 422 on the field, not 413).
        """
        largest = max((f.max_size for e in self.entities for f in e.files), default=0)
        longest = max(
            (
                limit
                for e in self.entities
                for f in e.fields
                for key, limit in f.limits
                if key == "max_length" and isinstance(limit, int) and not isinstance(limit, bool)
            ),
            default=0,
        )
        return max(1024 * 1024, largest + 64 * 1024, longest + 64 * 1024)

    @property
    def model_names(self) -> list[str]:
        """Every class the models package exports (``Base``, entities, platform), sorted."""
        names = ["Base", *(e.name for e in self.entities)]
        if self.consumers:
            names.append("ProcessedMessage")
        if self.outbox:
            names.append("OutboxMessage")
        if self.features.auth:
            names += ["AuthSession", "LoginFailure", "User", "UserToken"]
        return sorted(names)

    @property
    def owned_entities(self) -> list[EntityCtx]:
        """Entities whose rows belong to users, in spec order."""
        return [e for e in self.entities if e.owned]

    @property
    def owned_deletion_order(self) -> list[EntityCtx]:
        """Owned entities in an order their rows can be deleted in (referrers first)."""
        return [e for e in reversed(self.entities_in_dependency_order) if e.owned]

    def access_cases(self, entity: EntityCtx) -> dict[str, list[AccessCase]]:
        """Return an entity's authorization matrix (:func:`~fastgen.model.access.access_cases`)."""
        auth = self.features.auth
        return access_cases(entity, auth) if auth else {}

    @property
    def integrations(self) -> list[str]:
        """Packages of ``app/core/integrations`` the project needs, sorted."""
        auth = self.features.auth
        used = {
            "cache": bool(self.cached_entities),
            "messaging": self.events,
            "mail": self.features.mail or auth is not None,
            "http": self.features.http_client,
            "storage": self.uses("file"),
        }
        return sorted(name for name, needed in used.items() if needed)

    def uses(self, what: str) -> bool:
        """Tell whether any entity uses a feature (a field type, soft_delete, uuid, ...)."""
        entities = self.entities
        checks = {
            "soft_delete": any(e.soft_delete for e in entities),
            # The users of auth have a uuid key and timestamps.
            "timestamps": any(e.timestamps for e in entities) or self.features.auth is not None,
            "uuid_id": any(e.id_type == "uuid" for e in entities) or self.features.auth is not None,
            "int_id": any(e.id_type == "int" for e in entities),
            "cursor": any(e.pagination == "cursor" for e in entities if e.has("list")),
            # The admin list of users pages by offset.
            "offset": any(e.pagination == "offset" for e in entities if e.has("list"))
            or self.features.auth is not None,
            "many_to_many": any(e.many_to_many for e in entities),
            "file": any(e.files for e in entities),
            "int_list": any(
                f.type == "list" and f.spec.of == "int" for e in entities for f in e.fields
            ),
        }
        if what in checks:
            return checks[what]
        return any(f.type == what for e in entities for f in e.fields)
