"""Checks of ``features.auth`` and of what entities ask of it (``owned_by``, ``permissions``).

The roles are a closed list: every name an entity's ``permissions`` gives must be one of them
or one of the special tokens ``owner``, ``authenticated`` and ``public``. The first role is the
superuser role, so registration must give new users another one. Like every semantic check,
these read plain data and skip values of the wrong type, which the shape check reports.
"""

from __future__ import annotations

import re
from typing import Any

from fastgen.spec import naming
from fastgen.spec.model import DEFAULT_ROLES, seconds
from fastgen.spec.positions import Issue, Path, as_map, did_you_mean, str_items

OWNER = "owner"
"""Permission token: the row's owner (``owned_by: user``), on their own rows only."""

AUTHENTICATED = "authenticated"
"""Permission token: any logged-in user, on every row."""

PUBLIC = "public"
"""Permission token: anyone, without logging in (``list`` and ``get`` only)."""

TOKENS = (OWNER, AUTHENTICATED, PUBLIC)
"""Permission entries that are not role names."""

ANONYMOUS = "anonymous"
"""The caller without a token, as the generated access tests name it beside the roles."""

READ_ONLY = ("list", "get")
"""Operations ``public`` may open to anyone."""

OWNER_NAMES = ("owner", "owner_id")
"""Attribute names ``owned_by`` adds to an entity (the relation and its column)."""

_DURATION = re.compile(r"^[1-9][0-9]*(s|m|h|d)$")


def check_auth(data: dict[str, Any]) -> list[Issue]:
    """Check ``features.auth`` and the entity options that depend on it.

    Args:
        data: The spec as plain data (the top-level mapping).

    Returns:
        The problems found.
    """
    auth = as_map(data.get("features")).get("auth")
    issues: list[Issue] = []
    roles: list[str] | None = None
    if isinstance(auth, dict):
        issues += _check_settings(auth)
        roles = [role for _, role in str_items(auth.get("roles", list(DEFAULT_ROLES)))]
    for domain_name, domain in as_map(data.get("domains")).items():
        for entity_name, entity in as_map(as_map(domain).get("entities")).items():
            if not isinstance(entity, dict):
                continue
            path = ("domains", domain_name, "entities", entity_name)
            issues += _check_entity(path, entity, roles)
    return issues


def _check_settings(auth: dict[str, Any]) -> list[Issue]:
    """Roles, the role of new users, and token lifetimes."""
    base = ("features", "auth")
    issues: list[Issue] = []
    roles = auth.get("roles", DEFAULT_ROLES)
    seen: set[str] = set()
    for index, role in str_items(roles):
        where = (*base, "roles", index)
        if role in TOKENS:
            message = (
                f"`{role}` is a permission token, not a role — choose another role name, "
                "e.g. `member`"
            )
            issues.append(Issue(where, message))
        elif role == ANONYMOUS:
            message = (
                "`anonymous` names the caller without a token in the generated access tests, "
                "which a role of that name would be mistaken for — choose another role name, "
                "e.g. `guest`"
            )
            issues.append(Issue(where, message))
        elif not naming.is_snake(role):
            message = (
                f"role `{role}` is not a snake_case name — use lowercase ASCII letters, digits "
                "and underscores, e.g. `admin`"
            )
            issues.append(Issue(where, message))
        elif reason := naming.enum_member_reason(role):
            message = (
                f"role `{role}` would be a member of the generated enum `Role`, but `{role}` "
                f"{reason} — choose another role name, e.g. `{role}_role`"
            )
            issues.append(Issue(where, message))
        if role in seen:
            issues.append(Issue(where, f"`{role}` is listed twice in `roles` — remove it"))
        seen.add(role)
    names = [role for _, role in str_items(roles)]
    default = auth.get("default_role")
    if isinstance(default, str) and names and default not in names:
        message = f"`{default}` is not one of the roles — {did_you_mean(default, names, 'roles')}"
        issues.append(Issue((*base, "default_role"), message))
    registered = default if isinstance(default, str) else (names[-1] if names else None)
    if names and registered == names[0]:
        place: Path = (*base, "default_role") if isinstance(default, str) else (*base, "roles")
        message = (
            f"new users would get `{names[0]}`, the superuser role (the first in `roles`) — "
            "add a role for registered users, e.g. `roles: [admin, user]`, and make it the "
            "`default_role`"
        )
        issues.append(Issue(place, message))
    access = auth.get("access_token_ttl", "15m")
    refresh = auth.get("refresh_token_ttl", "30d")
    if _is_duration(access) and seconds(access) < MIN_ACCESS_TTL:
        message = (
            f"an access token of {access} would expire between a client's requests (and before "
            "the minute after which activity is written again) — use at least `1m`, e.g. `15m`"
        )
        issues.append(Issue((*base, "access_token_ttl"), message))
    if _is_duration(access) and _is_duration(refresh) and seconds(access) >= seconds(refresh):
        key = "access_token_ttl" if "access_token_ttl" in auth else "refresh_token_ttl"
        message = (
            f"the access token ({access}) would outlive the refresh token ({refresh}) — make "
            "`access_token_ttl` shorter, e.g. `15m`, and `refresh_token_ttl` longer"
        )
        issues.append(Issue((*base, key), message))
    return issues


MIN_ACCESS_TTL = 60
"""The shortest access token the spec takes, in seconds: a user's activity is written at most
once a minute, and a client should not have to refresh between most of its requests."""


def _is_duration(value: object) -> bool:
    return isinstance(value, str) and bool(_DURATION.match(value))


def _check_entity(path: Path, entity: dict[str, Any], roles: list[str] | None) -> list[Issue]:
    """``owned_by`` and ``permissions`` need auth; permission entries name known roles."""
    issues: list[Issue] = []
    for option in ("owned_by", "permissions"):
        if entity.get(option) and roles is None:
            message = (
                f"`{option}` needs `auth` in `features` — switch auth on, e.g. "
                f"`auth: {{roles: [admin, user]}}`, or remove `{option}`"
            )
            issues.append(Issue((*path, option), message, "key"))
    if entity.get("owned_by"):
        for group in ("fields", "relations"):
            for name in as_map(entity.get(group)):
                if name in OWNER_NAMES:
                    message = (
                        f"`{name}` is added by `owned_by: user` (the row's owner) — rename the "
                        f"{group[:-1]}"
                    )
                    issues.append(Issue((*path, group, name), message, "key"))
    if roles is None:
        return issues
    for operation, entries in as_map(entity.get("permissions")).items():
        where = (*path, "permissions", operation)
        for index, entry in str_items(entries):
            if entry == PUBLIC and operation not in READ_ONLY:
                message = (
                    f"`public` would let anyone {operation} without logging in — it is allowed "
                    "for `list` and `get` only; use `authenticated` or a role"
                )
                issues.append(Issue((*where, index), message))
            elif entry not in TOKENS and naming.is_snake(entry) and entry not in roles:
                known = [*roles, *TOKENS]
                message = (
                    f"`{entry}` is not a role of `features.auth.roles` — "
                    f"{did_you_mean(entry, known, 'roles and tokens')}"
                )
                issues.append(Issue((*where, index), message))
    return issues
