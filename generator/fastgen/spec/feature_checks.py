"""Checks of the ``features`` section: parts that depend on each other, parts not generated yet.

The shape (allowed values) is checked by the models; this module checks what needs more than
one key, and refuses a part this fastgen cannot generate yet instead of silently leaving it out.
"""

from __future__ import annotations

from typing import Any

from fastgen.spec.positions import Issue, as_map

NOT_GENERATED_YET: dict[str, str] = {
    "messaging": "rabbitmq",
    "storage": "s3",
    "mail": "smtp",
}
"""Features whose value is part of spec format 1 but which this fastgen does not render yet."""


def check_features(data: dict[str, Any]) -> list[Issue]:
    """Check the ``features`` section of a spec.

    Args:
        data: The spec as plain data (the top-level mapping).

    Returns:
        The problems found.

    """
    features = as_map(data.get("features"))
    issues: list[Issue] = []
    for name, value in sorted(NOT_GENERATED_YET.items()):
        if features.get(name) == value:
            message = (
                f"`{name}: {value}` is part of the spec format but this fastgen does not "
                f"generate it yet — set `{name}: false` for now"
            )
            issues.append(Issue(("features", name), message))
    rate_limit = features.get("rate_limit")
    if isinstance(rate_limit, dict) and features.get("cache") != "redis":
        message = (
            "rate limiting keeps its counters in Redis — add `cache: redis` to `features` "
            "or set `rate_limit: false`"
        )
        issues.append(Issue(("features", "rate_limit"), message, "key"))
    return issues
