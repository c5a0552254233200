"""Checks of the ``features`` section (parts that depend on each other) and pending options.

The shape (allowed values) is checked by the models; this module checks what needs more than
one key, and lists entity options a valid spec may carry that this fastgen does not generate yet.
"""

from __future__ import annotations

from typing import Any

from fastgen.spec.model import Spec
from fastgen.spec.positions import Issue, as_map

PENDING_ENTITY_OPTIONS: dict[str, str] = {
    "owned_by": "rows are not filtered by owner and the endpoints need no login",
    "permissions": "the endpoints need no login and check no role",
}
"""Entity options spec format 1 accepts and validates but this fastgen does not generate yet."""


def pending_notes(spec: Spec) -> list[str]:
    """List what a valid spec asks for that the generated project does not do yet.

    Args:
        spec: A validated spec.

    Returns:
        One sentence per option and entity, in spec order.
    """
    notes: list[str] = []
    for domain_name, domain in spec.domains.items():
        for entity_name, entity in domain.entities.items():
            for option, effect in PENDING_ENTITY_OPTIONS.items():
                if getattr(entity, option):
                    notes.append(
                        f"domains.{domain_name}.entities.{entity_name}.{option} is not generated "
                        f"yet: {effect}"
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
    rate_limit = features.get("rate_limit")
    if isinstance(rate_limit, dict) and features.get("cache") != "redis":
        message = (
            "rate limiting keeps its counters in Redis — add `cache: redis` to `features` "
            "or set `rate_limit: false`"
        )
        issues.append(Issue(("features", "rate_limit"), message, "key"))
    return issues


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
