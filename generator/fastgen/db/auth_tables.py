"""The tables of generated auth, as :mod:`fastgen.db.tables` records.

Columns are declared as spec fields and go through the same code as an entity's fields
(:mod:`fastgen.db.columns`), so their types are spelt exactly like the models'. Every table of
auth comes from ``features.auth`` in the spec; that is where a problem with one is placed.
"""

from __future__ import annotations

from fastgen.db.columns import field_column, key_column, plain_column, stamp_column
from fastgen.db.nodes import Column, ForeignKey, Index, Table, Unique
from fastgen.model.access import AuthCtx
from fastgen.spec.model import FieldSpec, FieldType

ORIGIN = ("features", "auth")
"""Where the auth tables come from in the spec."""


def _columns(fields: dict[str, FieldSpec], table: str, enums: dict[str, list[str]]) -> list[Column]:
    """Columns for fields declared as spec fields."""
    return [
        field_column(
            name, spec, table=table, enum_values=enums.get(spec.enum or "", []), origin=ORIGIN
        )
        for name, spec in fields.items()
    ]


def _uuid(name: str, *, nullable: bool = False) -> Column:
    return key_column(name, "uuid", nullable=nullable, origin=ORIGIN)


def _stamp(name: str, *, nullable: bool = False, now: bool = False) -> Column:
    return stamp_column(name, nullable=nullable, now=now, origin=ORIGIN)


def _user_key(table: str) -> tuple[ForeignKey, Index]:
    """A foreign key ``user_id`` onto ``users`` (rows go with their user) and its index."""
    return (
        ForeignKey(
            name=f"fk_{table}_user_id_users", column="user_id", target="users", ondelete="CASCADE"
        ),
        Index(name=f"ix_{table}_user_id", columns=["user_id"]),
    )


def users_table(auth: AuthCtx) -> Table:
    """The users: e-mail (stored in lower case, unique), password hash, role, flags."""
    enums = {"Role": auth.roles}
    fields = {
        "email": FieldSpec.model_validate({"type": "email"}),
        "password_hash": FieldSpec.model_validate({"type": "str", "max_length": 255}),
        "full_name": FieldSpec.model_validate(
            {"type": "str", "max_length": 200, "required": False}
        ),
        "role": FieldSpec.model_validate({"type": "enum", "enum": "Role"}),
        "is_active": FieldSpec.model_validate({"type": "bool"}),
        "is_verified": FieldSpec.model_validate({"type": "bool"}),
        "token_version": FieldSpec.model_validate({"type": "int"}),
    }
    columns = [_uuid("id"), *_columns(fields, "users", enums)]
    columns += [
        _stamp("last_activity_at", nullable=True),
        _stamp("created_at", now=True),
        _stamp("updated_at", now=True),
    ]
    return Table(
        name="users",
        columns=columns,
        primary_key=["id"],
        uniques=[Unique(name="uq_users_email", columns=["email"])],
        origin=ORIGIN,
    )


def owner_column(origin: tuple[str, ...]) -> Column:
    """The ``owner_id`` column of an owned entity's table."""
    return _uuid("owner_id").model_copy(update={"origin": origin})


def auth_tables(auth: AuthCtx) -> list[Table]:
    """The tables auth needs besides ``users``, which must come before every owned table.

    One-time tokens (e-mail confirmation, password reset), the sessions and the failed-login
    counters all live in the database, with Redis or without: a Redis restart must neither log
    everyone out nor unlock a locked address. A session keeps the refresh token it replaced and
    the ids and time of the pair it issued for it, so a refresh repeated within the grace window
    gets that same pair back.
    """
    purposes = {"TokenPurpose": ["verify_email", "reset_password"]}
    token_fields = {"purpose": FieldSpec.model_validate({"type": "enum", "enum": "TokenPurpose"})}
    tables = [
        Table(
            name="user_tokens",
            columns=[
                plain_column("id", FieldType.STR, length=64, origin=ORIGIN),
                _uuid("user_id"),
                *_columns(token_fields, "user_tokens", purposes),
                _stamp("expires_at"),
                _stamp("created_at", now=True),
            ],
            primary_key=["id"],
            foreign_keys=[_user_key("user_tokens")[0]],
            indexes=[_user_key("user_tokens")[1]],
            origin=ORIGIN,
        )
    ]
    tables.append(
        Table(
            name="auth_sessions",
            columns=[
                _uuid("id"),
                _uuid("user_id"),
                _uuid("refresh_jti"),
                _uuid("previous_jti", nullable=True),
                _uuid("access_jti", nullable=True),
                _stamp("rotated_at", nullable=True),
                _stamp("expires_at"),
                _stamp("revoked_at", nullable=True),
                _stamp("created_at", now=True),
            ],
            primary_key=["id"],
            foreign_keys=[_user_key("auth_sessions")[0]],
            indexes=[_user_key("auth_sessions")[1]],
            origin=ORIGIN,
        )
    )
    tables.append(
        Table(
            name="login_failures",
            columns=[
                plain_column("key", FieldType.STR, length=64, origin=ORIGIN),
                plain_column("failures", FieldType.INT, origin=ORIGIN),
                _stamp("window_ends_at"),
                _stamp("locked_until", nullable=True),
            ],
            primary_key=["key"],
            origin=ORIGIN,
        )
    )
    return tables
