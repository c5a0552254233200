"""Render-context records of auth: its settings, and the authorization matrix of each entity.

The matrix is computed here, not in a template: for every endpoint of an entity, every role,
an anonymous caller, and (for owned entities) the caller's own row and another user's row, it
says which status the generated test must see. The generated code decides the same from the
spec's ``permissions``, so a test and the code can only agree when both follow the spec.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastgen.model.entity import EntityCtx

ANONYMOUS = "anonymous"
"""The actor of a request without credentials."""

SUCCESS = {
    "list": 200,
    "get": 200,
    "create": 201,
    "update": 200,
    "delete": 204,
    "upload": 200,
    "download": 404,
    "link": 404,
    "delete_file": 404,
}
"""Status of an allowed call; file reads and deletes of a row without a file answer 404."""

_ALLOWED_CODE = dict.fromkeys(("download", "link", "delete_file"), "file_not_found")
"""Error code of an allowed call that still fails: the row has no file."""

_ROWLESS = ("list", "create")


@dataclass(frozen=True)
class AuthCtx:
    """Auth as the spec sets it up.

    Attributes:
        roles: Role names; the first is the superuser role.
        default_role: The role of a newly registered user.
        email_verification: New users confirm their e-mail before they can log in.
        access_ttl: Lifetime of an access token, seconds.
        refresh_ttl: Lifetime of a refresh token, seconds.
        login_rate_limit: Login, registration and e-mail requests per IP and per address.
        lockout_attempts: Failed logins in a row that lock an account; ``None``: no lockout.
        lockout_seconds: How long a locked account stays locked.
        state: Where the login rate-limit counters live: ``redis`` (shared by every process)
            or ``database`` (no Redis: counted per process). Sessions and lockout counters
            always live in the database.
    """

    roles: list[str]
    default_role: str
    email_verification: bool
    access_ttl: int
    refresh_ttl: int
    login_rate_limit: str
    lockout_attempts: int | None
    lockout_seconds: int | None
    state: str

    @property
    def superuser(self) -> str:
        """The superuser role: every operation on every row."""
        return self.roles[0]

    @property
    def redis(self) -> bool:
        """Tell whether the login rate-limit counters live in Redis."""
        return self.state == "redis"


@dataclass(frozen=True)
class AccessCase:
    """One cell of an entity's authorization matrix.

    Attributes:
        endpoint: ``list``, ``get``, ``create``, ``update``, ``delete``, or a file endpoint
            (``upload``, ``download``, ``link``, ``delete_file``).
        field: The file field of a file endpoint, else ``None``.
        actor: A role name or ``anonymous``.
        row: ``own`` (the actor's row), ``other`` (another user's row), ``any`` (a row of an
            entity without owners) or ``none`` (``list`` and ``create``).
        status: The status the call must get.
        code: The error code asserted with an error status (``None`` for a success).
        scope: ``list`` of an owned entity: ``all`` rows visible, or ``own`` rows only.
    """

    endpoint: str
    field: str | None
    actor: str
    row: str
    status: int
    code: str | None
    scope: str | None

    @property
    def test_id(self) -> str:
        """A readable pytest id, e.g. ``manager-other-404``."""
        return f"{self.actor}-{self.row}-{self.status}"


def access_cases(entity: EntityCtx, auth: AuthCtx) -> dict[str, list[AccessCase]]:
    """Return an entity's authorization matrix, by endpoint.

    Args:
        entity: An entity of a project with auth.
        auth: The project's auth.

    Returns:
        Endpoint key (``get``, ``upload_photo``...) → its cases, actors in the order anonymous,
        then the roles; endpoints in the order of the generated routes.
    """
    endpoints: list[tuple[str, str | None]] = [(op, None) for op in entity.operations]
    for f in entity.files:
        endpoints += [(kind, f.name) for kind in ("upload", "download", "link", "delete_file")]
    matrix: dict[str, list[AccessCase]] = {}
    for endpoint, field_name in endpoints:
        key = endpoint if field_name is None else f"{endpoint}_{field_name}"
        cases = matrix[key] = []
        permission = entity.permission(endpoint)
        for actor in (ANONYMOUS, *auth.roles):
            grant = permission.grant(None if actor == ANONYMOUS else actor, auth.superuser)
            for row in _rows(entity, endpoint, actor):
                status, code = _outcome(endpoint, actor, grant, row)
                scope = None
                if endpoint == "list" and entity.owned and status == 200:
                    scope = grant
                cases.append(AccessCase(endpoint, field_name, actor, row, status, code, scope))
    return matrix


def _rows(entity: EntityCtx, endpoint: str, actor: str) -> tuple[str, ...]:
    """The rows an endpoint is called on, for one actor."""
    if endpoint in _ROWLESS:
        return ("none",)
    if not entity.owned:
        return ("any",)
    return ("other",) if actor == ANONYMOUS else ("own", "other")


def _outcome(endpoint: str, actor: str, grant: str, row: str) -> tuple[int, str | None]:
    """The status and error code of one call."""
    if grant == "none":
        return (401, "not_authenticated") if actor == ANONYMOUS else (403, "forbidden")
    if grant == "own" and row == "other":
        return 404, "not_found"
    return SUCCESS[endpoint], _ALLOWED_CODE.get(endpoint)
