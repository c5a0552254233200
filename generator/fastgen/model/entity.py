"""Render-context records of one entity: its enums, fields, relations, filters and links.

Every name, Python type, SQLAlchemy column type, Pydantic constraint and test sample a template
needs for an entity is computed once, by :mod:`fastgen.model.build`, into these frozen records.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from fastgen.model.samples import InvalidCase, Limit
from fastgen.spec.model import FieldSpec
from fastgen.spec.naming import singular


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
    schema_markers: list[str]
    """What request schemas add to ``schema_type`` in ``Annotated[...]``."""
    orm_type: str
    read_type: str
    sa_type: str
    limits: list[tuple[str, Limit]]
    enum: str | None
    enum_values: list[str]
    samples: list[str]
    orm_samples: list[str]
    compare_as: str
    """What generated tests pass JSON values through before comparing them (see
    :class:`~fastgen.model.fieldkind.FieldKind`)."""
    invalid: list[InvalidCase]
    """Values that break one constraint each, for generated tests."""
    spec: FieldSpec
    """The field's options as the spec gives them; the schema's columns derive from them."""

    @property
    def constraints(self) -> list[tuple[str, str]]:
        """Pydantic ``Field(...)`` keyword arguments as Python source, in a fixed order."""
        return [(key, repr(value)) for key, value in self.limits]

    @property
    def optional_in_create(self) -> bool:
        """Tell whether a create request may omit the field."""
        return self.nullable or self.has_default

    @property
    def orm_default(self) -> bool:
        """Tell whether the model column carries the default (``mapped_column(default=...)``).

        Only a NOT NULL column does. The ORM leaves a ``None`` attribute out of its INSERT, so
        the column's default would replace a ``null`` the client sent explicitly; the request
        schema already fills the default in when the field is omitted.
        """
        return self.has_default and not self.nullable


@dataclass(frozen=True)
class FileCtx:
    """A file field: the object key in the row, the file itself in S3.

    Attributes:
        name: The field (and column) name.
        description: Shown in OpenAPI.
        max_size: The largest upload, in bytes.
        content_types: Media types an upload may have (``image/*`` allowed); empty: any.
        sa_type: The SQLAlchemy type of the column holding the object key.
    """

    name: str
    description: str | None
    max_size: int
    content_types: list[str]
    sa_type: str

    @property
    def max_size_text(self) -> str:
        """The limit as people read it, e.g. ``5 МБ``."""
        for unit, size in (("ГБ", 1024**3), ("МБ", 1024**2), ("КБ", 1024)):
            if self.max_size >= size and self.max_size % size == 0:
                return f"{self.max_size // size} {unit}"
        return f"{self.max_size} Б"

    @property
    def segment(self) -> str:
        """The field's path segment after the row's URL, e.g. ``cover-image``."""
        return self.name.replace("_", "-")

    @property
    def title(self) -> str:
        """How messages name the file: its description or its field name."""
        return self.description or self.name

    @property
    def sample_type(self) -> str:
        """A media type an upload in tests may have."""
        if not self.content_types:
            return "application/octet-stream"
        first = self.content_types[0]
        family, _, kind = first.partition("/")
        return _FAMILY_SAMPLES.get(family, f"{family}/octet-stream") if kind == "*" else first

    @property
    def sample_prefix(self) -> str:
        """Python source of the bytes a sample upload starts with (its format's signature)."""
        return _bytes_source(_SIGNATURES.get(self.sample_type, b""))

    @property
    def signed(self) -> bool:
        """Tell whether a sample upload starts with a signature the project checks."""
        return self.sample_type in _SIGNATURES

    @property
    def sample_body(self) -> str:
        """Python source of a sample upload: the signature, then the tests' ``BODY``.

        ``BODY`` is a few kilobytes: under a smaller ``max_size`` the upload is cut to it (the
        spec's least ``max_size``, 16 bytes, still holds every signature).
        """
        body = f"{self.sample_prefix} + BODY"
        return body if self.max_size >= _SMALL_LIMIT else f"({body})[:{self.max_size}]"

    @property
    def rejected_type(self) -> str | None:
        """A media type the field refuses, for tests; ``None`` when any type is accepted."""
        if not self.content_types:
            return None
        for candidate in ("text/plain", "application/zip", "image/png"):
            family = candidate.split("/")[0]
            if candidate not in self.content_types and f"{family}/*" not in self.content_types:
                return candidate
        return "model/x-unlisted"


_SIGNATURES = {
    "image/png": b"\x89PNG\r\n\x1a\n",
    "image/jpeg": b"\xff\xd8\xff",
    "image/gif": b"GIF89a",
    "image/webp": b"RIFF\x00\x00\x00\x00WEBP",
    "application/pdf": b"%PDF-1.7\n",
}
"""The first bytes of formats the generated project checks by content."""

_SMALL_LIMIT = 64 * 1024
"""A ``max_size`` under which a sample upload is cut to fit (``BODY`` is smaller than this)."""


def _bytes_source(data: bytes) -> str:
    """Return ``data`` as a double-quoted bytes literal, the way ruff formats one."""
    return "b" + json.dumps(data.decode("latin-1")).replace("\\u00", "\\x")


_FAMILY_SAMPLES = {
    "image": "image/png",
    "text": "text/plain",
    "audio": "audio/mpeg",
    "video": "video/mp4",
    "application": "application/pdf",
}
"""A concrete media type for a ``family/*`` entry."""


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
    target_key: str = "int"
    """The target's key type: ``int`` or ``uuid``."""
    target_domain: str = ""
    back_populates: str | None = None
    target_owned: bool = False
    """The target has ``owned_by: user``: a link to it must stay within one owner's rows."""

    @property
    def column(self) -> str:
        """Name of the foreign-key column (many_to_one / one_to_one)."""
        return f"{self.name}_id"

    @property
    def ids_attribute(self) -> str:
        """Name of the list-of-ids attribute (many_to_many)."""
        return f"{singular(self.name)}_ids"


FILE_ENDPOINTS = {"upload": "update", "delete_file": "update", "download": "get", "link": "get"}
"""File endpoints and the operation whose permission they follow."""


@dataclass(frozen=True)
class PermissionCtx:
    """Who may call one operation of an entity.

    Attributes:
        roles: Roles allowed on every row (the superuser role always is, listed or not).
        owner: Any logged-in user, on the rows they own.
        authenticated: Any logged-in user, on every row.
        public: Anyone, without logging in.
    """

    roles: list[str] = field(default_factory=list)
    owner: bool = False
    authenticated: bool = False
    public: bool = False

    def grant(self, role: str | None, superuser: str) -> str:
        """Tell what a caller may do: ``all`` rows, its ``own`` rows, or ``none``.

        Args:
            role: The caller's role; ``None`` for an anonymous caller.
            superuser: The superuser role.
        """
        if role is None:
            return "all" if self.public else "none"
        if role == superuser or role in self.roles or self.authenticated or self.public:
            return "all"
        return "own" if self.owner else "none"

    def describe(self, superuser: str) -> str:
        """Say in Russian who may call the operation, for the generated README.

        Args:
            superuser: The superuser role, which may always call it.
        """
        if self.public:
            return "все, без входа"
        if self.authenticated:
            return "любой вошедший"
        parts = list(dict.fromkeys(f"`{role}`" for role in (superuser, *self.roles)))
        if self.owner:
            parts.append("владелец — свои записи")
        return ", ".join(parts)

    @property
    def arguments(self) -> str:
        """Python source of the arguments of ``Permission(...)`` in generated routes."""
        parts = [f"Role.{role}" for role in self.roles]
        parts += [
            f"{flag}=True" for flag in ("owner", "authenticated", "public") if getattr(self, flag)
        ]
        return ", ".join(parts)


@dataclass(frozen=True)
class FilterCtx:
    """A query parameter of ``list`` that filters by equality."""

    name: str
    type: str
    relation_target: str | None
    """Set for an optional relation: tests must create the related row themselves."""
    contains: bool = False
    """The column holds a list: the filter keeps rows whose list contains the value."""


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
    restricting_children: list[tuple[str, RelationCtx]] = field(default_factory=list)
    """(child entity, its foreign key) of each link whose ``restrict`` blocks a delete here."""
    files: list[FileCtx] = field(default_factory=list)
    """File fields (not in ``fields``: requests never carry them; uploads do)."""
    cache_ttl: int | None = None
    """Seconds a cached single-row read lives; ``None`` when reads are not cached."""
    events: list[str] = field(default_factory=list)
    """Lifecycle events published after commit, in the order created, updated, deleted."""
    stale_on_delete: list[StaleRead] = field(default_factory=list)
    """Cached reads of other entities that a hard delete of this one changes in the database."""
    owned: bool = False
    """Rows belong to a user (``owned_by: user``): an ``owner_id`` column, rows scoped by it."""
    permissions: dict[str, PermissionCtx] = field(default_factory=dict)
    """Who may call each operation (every operation has an entry); empty without auth."""

    @property
    def owned_links(self) -> list[RelationCtx]:
        """Foreign keys and many-to-many relations to owned entities, in spec order."""
        return [r for r in (*self.foreign_keys, *self.many_to_many) if r.target_owned]

    @property
    def owned_link_targets(self) -> list[tuple[str, str]]:
        """(target entity, its domain) of every owned entity this one links to, sorted."""
        return sorted({(r.target, r.target_domain) for r in self.owned_links})

    def permission(self, endpoint: str) -> PermissionCtx:
        """Return who may call an operation or a file endpoint.

        ``upload`` and ``delete_file`` follow ``update``; ``download`` and ``link`` follow
        ``get``.
        """
        return self.permissions[FILE_ENDPOINTS.get(endpoint, endpoint)]

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
        return [case for f in self.fields for case in f.invalid]

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
    def stale_entities(self) -> list[str]:
        """Distinct cached entities a hard delete of this one makes stale, in order."""
        return list(dict.fromkeys(item.entity for item in self.stale_on_delete))

    @property
    def defers_work(self) -> bool:
        """Tell whether the service keeps its session (work after commit, outbox events)."""
        return self.uses_cache or bool(self.events) or bool(self.files)

    @property
    def routing_key(self) -> str:
        """Routing-key stem of the entity's events: ``<domain>.<entity_snake>``."""
        return f"{self.domain}.{self.snake}"


@dataclass(frozen=True)
class StaleRead:
    """A cached entity whose reads a delete elsewhere changes, and the relation that does it.

    Attributes:
        entity: The cached entity's name (``ProjectCtx.entity`` returns its record).
        domain: Its domain.
        relation: Its relation to the deleted entity (a foreign key or a many-to-many).
        effect: What the delete does to its rows: ``deleted`` (cascade), ``unlinked`` (the
            foreign key set to NULL) or ``detached`` (association rows removed).
        direct: The relation points at the deleted entity itself (not through a cascade).
    """

    entity: str
    domain: str
    relation: RelationCtx
    effect: str
    direct: bool
