"""The database schema a spec describes, as plain data that can be stored and compared.

A :class:`Schema` is what the tables look like after the migrations of a project have run:
every table with its columns (as Alembic spells their types), primary key, foreign keys,
unique constraints and indexes, named by the project's naming convention. It is derived from
the render context, so it matches the generated models exactly, and it is stored in the
project's ``.fastgen/migrations.json`` after every revision, so the next spec change can be
migrated from what the database really holds.
"""

from __future__ import annotations

from fastgen.db.auth_tables import auth_tables, owner_column, users_table
from fastgen.db.columns import field_column, key_column, plain_column, stamp_column
from fastgen.db.nodes import (
    Column,
    Constraint,
    ForeignKey,
    Index,
    Origin,
    Schema,
    Table,
    Unique,
)
from fastgen.model.project import EntityCtx, FieldCtx, ProjectCtx, RelationCtx
from fastgen.spec.model import FieldType

__all__ = [
    "Column",
    "Constraint",
    "ForeignKey",
    "Index",
    "Origin",
    "Schema",
    "Table",
    "Unique",
    "schema_of",
]


def _entity_path(entity: EntityCtx) -> Origin:
    return ("domains", entity.domain, "entities", entity.name)


def _field_column(entity: EntityCtx, f: FieldCtx) -> Column:
    return field_column(
        f.name,
        f.spec,
        table=entity.table,
        enum_values=f.enum_values,
        origin=(*_entity_path(entity), "fields", f.name),
        comment=f.description,
    )


def _fk_column(entity: EntityCtx, rel: RelationCtx) -> Column:
    return key_column(
        rel.column,
        rel.target_key,
        nullable=rel.nullable,
        origin=(*_entity_path(entity), "relations", rel.name),
    )


def _entity_table(entity: EntityCtx) -> Table:
    path = _entity_path(entity)
    table = entity.table
    key = key_column("id", entity.id_type, identity=entity.id_type == "int", origin=(*path, "id"))
    columns = [key]
    columns += [_field_column(entity, f) for f in entity.fields]
    columns += [
        plain_column(
            f.name,
            FieldType.FILE,
            nullable=True,
            comment=f.description,
            origin=(*path, "fields", f.name),
        )
        for f in entity.files
    ]
    columns += [_fk_column(entity, rel) for rel in entity.foreign_keys]
    if entity.owned:
        columns.append(owner_column((*path, "owned_by")))
    if entity.soft_delete:
        columns.append(stamp_column("deleted_at", nullable=True, origin=(*path, "soft_delete")))
    if entity.timestamps:
        columns += [
            stamp_column(name, now=True, origin=(*path, "timestamps"))
            for name in ("created_at", "updated_at")
        ]
    foreign_keys = [
        ForeignKey(
            name=f"fk_{table}_{rel.column}_{rel.target_table}",
            column=rel.column,
            target=rel.target_table,
            ondelete=rel.on_delete,
        )
        for rel in entity.foreign_keys
    ]
    if entity.owned:
        foreign_keys.append(
            ForeignKey(
                name=f"fk_{table}_owner_id_users",
                column="owner_id",
                target="users",
                ondelete="CASCADE",
            )
        )
    uniques = [
        Unique(name=f"uq_{table}_{f.name}", columns=[f.name])
        for f in entity.fields
        if f.unique and not f.index and not entity.soft_delete
    ]
    uniques += [
        Unique(name=f"uq_{table}_{rel.column}", columns=[rel.column])
        for rel in entity.foreign_keys
        if rel.kind == "one_to_one"
    ]
    indexes = [
        Index(
            name=f"ix_{table}_{f.name}",
            columns=[f.name],
            unique=f.unique and not entity.soft_delete,
        )
        for f in entity.fields
        if f.index
    ]
    indexes += [
        Index(
            name=f"uq_{table}_{f.name}", columns=[f.name], unique=True, where="deleted_at IS NULL"
        )
        for f in entity.partial_unique_fields
    ]
    indexes += [
        Index(name=f"ix_{table}_{rel.column}", columns=[rel.column])
        for rel in entity.foreign_keys
        if rel.kind == "many_to_one"
    ]
    if entity.owned:
        indexes.append(Index(name=f"ix_{table}_owner_id", columns=["owner_id"]))
    return Table(
        name=table,
        columns=columns,
        primary_key=["id"],
        foreign_keys=foreign_keys,
        uniques=uniques,
        indexes=indexes,
        origin=path,
    )


def _association_table(entity: EntityCtx, rel: RelationCtx) -> Table:
    name = str(rel.association_table)
    origin = (*_entity_path(entity), "relations", rel.name)
    own, other = f"{entity.snake}_id", f"{rel.target_snake}_id"
    return Table(
        name=name,
        columns=[key_column(own, entity.id_type), key_column(other, rel.target_key)],
        primary_key=[own, other],
        foreign_keys=[
            ForeignKey(
                name=f"fk_{name}_{own}_{entity.table}",
                column=own,
                target=entity.table,
                ondelete="CASCADE",
            ),
            ForeignKey(
                name=f"fk_{name}_{other}_{rel.target_table}",
                column=other,
                target=rel.target_table,
                ondelete="CASCADE",
            ),
        ],
        indexes=[Index(name=f"ix_{name}_{other}", columns=[other])],
        origin=origin,
    )


def _processed_messages_table(project: ProjectCtx) -> Table:
    """The table event consumers mark processed messages in (one row per consumer and id)."""
    first = project.consumers[0]
    return Table(
        name="processed_messages",
        columns=[
            plain_column("consumer", FieldType.STR, length=200),
            plain_column("message_id", FieldType.STR, length=200),
            stamp_column("processed_at", now=True),
        ],
        primary_key=["consumer", "message_id"],
        origin=("domains", first.domain, "consumers", first.name),
    )


def _outbox_table(project: ProjectCtx) -> Table:
    """The transactional outbox: events written with the change, sent to RabbitMQ by the worker.

    Rows are relayed in ``id`` order; the partial index finds the ones not sent yet.
    """
    first = project.publishing_entities[0]
    origin = (*_entity_path(first), "events")
    name = "outbox_messages"
    return Table(
        name=name,
        columns=[
            key_column("id", "int", identity=True, origin=origin),
            key_column("event_id", "uuid", origin=origin),
            plain_column("aggregate", FieldType.STR, length=200, origin=origin),
            plain_column("event_type", FieldType.STR, length=200, origin=origin),
            plain_column("event_version", FieldType.INT, origin=origin),
            plain_column("payload", FieldType.TEXT, origin=origin),
            stamp_column("occurred_at", origin=origin),
            stamp_column("created_at", now=True, origin=origin),
            stamp_column("sent_at", nullable=True, origin=origin),
        ],
        primary_key=["id"],
        uniques=[Unique(name=f"uq_{name}_event_id", columns=["event_id"])],
        indexes=[Index(name=f"ix_{name}_pending", columns=["id"], where="sent_at IS NULL")],
        origin=origin,
    )


def schema_of(project: ProjectCtx) -> Schema:
    """Return the database schema the project's models declare.

    Args:
        project: The render context.

    Returns:
        The users (with auth; owned tables refer to them), entity tables in dependency order,
        the association tables, then the other tables of the platform (auth's tokens and
        state, processed messages when the project has event consumers, the outbox when it
        publishes events).
    """
    auth = project.features.auth
    tables = [users_table(auth)] if auth else []
    tables += [_entity_table(e) for e in project.entities_in_dependency_order]
    tables += [_association_table(e, rel) for e in project.entities for rel in e.many_to_many]
    if auth:
        tables += auth_tables(auth)
    if project.consumers:
        tables.append(_processed_messages_table(project))
    if project.outbox:
        tables.append(_outbox_table(project))
    return Schema(tables=tables)
