"""Checks of the ``features`` section (parts that depend on each other), and notes on a spec.

The shape (allowed values) is checked by the models; this module checks what needs more than
one key, and notes what a valid spec leaves to defaults (operations closed by default deny).
"""

from __future__ import annotations

import re
from typing import Any

from fastgen.spec.model import PROJECT_NAME, Spec
from fastgen.spec.positions import Issue, as_map


def spec_notes(spec: Spec) -> list[str]:
    """List what a valid spec leaves to defaults a reader might not expect.

    With auth on, an operation without a ``permissions`` entry is for the superuser role only
    (default deny); each such entity gets one note.

    Args:
        spec: A validated spec.

    Returns:
        One sentence per entity, in spec order.
    """
    auth = spec.features.auth
    if not auth:
        return []
    notes: list[str] = []
    for domain_name, domain in spec.domains.items():
        for entity_name, entity in domain.entities.items():
            given = entity.permissions or {}
            closed = [str(op) for op in entity.operations if op not in given]
            if closed:
                notes.append(
                    f"domains.{domain_name}.entities.{entity_name}: {', '.join(closed)} "
                    f"allowed to the superuser role `{auth.roles[0]}` only (no `permissions` "
                    "entry)"
                )
    return notes


ENTITY_OPTION_FEATURES: dict[str, tuple[str, str]] = {
    "cache": ("cache", "redis"),
    "events": ("messaging", "rabbitmq"),
}
"""Entity options that only work with a feature: option → (feature, value it needs)."""


def check_features(data: dict[str, Any]) -> list[Issue]:
    """Check the ``features`` section of a spec and the entity options that need a feature.

    Args:
        data: The spec as plain data (the top-level mapping).

    Returns:
        The problems found.

    """
    features = as_map(data.get("features"))
    issues: list[Issue] = []
    for domain_name, domain in as_map(data.get("domains")).items():
        for entity_name, entity in as_map(as_map(domain).get("entities")).items():
            path = ("domains", domain_name, "entities", entity_name)
            issues += _entity_needs(path, as_map(entity), features)
    issues += _bucket_name(data, features)
    rate_limit = features.get("rate_limit")
    if isinstance(rate_limit, dict) and features.get("cache") != "redis":
        message = (
            "rate limiting keeps its counters in Redis — add `cache: redis` to `features` "
            "or set `rate_limit: false`"
        )
        issues.append(Issue(("features", "rate_limit"), message, "key"))
    return issues


_BUCKET = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
"""What S3 accepts as a bucket name (and the generated settings check)."""


def _bucket_name(data: dict[str, Any], features: dict[str, Any]) -> list[Issue]:
    """With storage, the project name is also the default bucket name: S3 must accept it."""
    name = as_map(data.get("project")).get("name")
    if features.get("storage") != "s3" or not isinstance(name, str):
        return []
    if not re.match(PROJECT_NAME, name) or _BUCKET.match(name):
        return []
    if "_" in name:
        problem = "S3 bucket names cannot contain `_`"
        hint = f"use dashes instead, e.g. `{name.replace('_', '-')}`"
    else:
        problem = "S3 bucket names have 3 to 63 characters"
        hint = "use a name of that length"
    message = (
        f"with `storage: s3` the project name is also the default name of the S3 bucket, and "
        f"{problem} — {hint}"
    )
    return [Issue(("project", "name"), message)]


def _entity_needs(
    path: tuple[str, ...], entity: dict[str, Any], features: dict[str, Any]
) -> list[Issue]:
    """Report the entity's options and file fields whose feature is switched off."""
    issues: list[Issue] = []
    for field_name, field in as_map(entity.get("fields")).items():
        if as_map(field).get("type") == "file" and features.get("storage") != "s3":
            message = (
                "file fields keep their files in S3 — add `storage: s3` to `features`, "
                "or use another type"
            )
            issues.append(Issue((*path, "fields", field_name, "type"), message))
    for option, (feature, value) in ENTITY_OPTION_FEATURES.items():
        if entity.get(option) and features.get(feature) != value:
            message = (
                f"`{option}` needs `{feature}: {value}` in `features` — switch it on "
                f"or remove `{option}` from the entity"
            )
            issues.append(Issue((*path, option), message, "key"))
    return issues
