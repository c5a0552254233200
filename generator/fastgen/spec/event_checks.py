"""Checks of domain ``consumers``: each handles an event some entity really publishes.

A consumer names its event as ``domain.Entity.event`` or ``Entity.event``; the entity must
exist, list the event in its ``events``, and the project must have messaging switched on.
"""

from __future__ import annotations

from typing import Any

from fastgen.spec import naming
from fastgen.spec.model import Event
from fastgen.spec.positions import Issue, as_map, did_you_mean, one_of

_EVENTS = [event.value for event in Event]


def check_consumers(data: dict[str, Any]) -> list[Issue]:
    """Check every domain's ``consumers`` against the entities and events of the spec.

    Args:
        data: The spec as plain data (the top-level mapping).

    Returns:
        The problems found.
    """
    domains = as_map(data.get("domains"))
    published = _published_events(domains)
    messaging = as_map(data.get("features")).get("messaging") == "rabbitmq"
    issues: list[Issue] = []
    for domain, body in domains.items():
        for name, consumer in as_map(as_map(body).get("consumers")).items():
            path = ("domains", domain, "consumers", name)
            if not messaging:
                message = (
                    "consumers need `messaging: rabbitmq` in `features` — switch it on or "
                    "remove the consumer"
                )
                issues.append(Issue(path, message, "key"))
            if not naming.is_snake(name):
                message = (
                    f"consumer name `{name}` must be snake_case (it names a queue and a method) "
                    f"— e.g. `{naming.snake(name)}`"
                )
                issues.append(Issue(path, message, "key"))
            target = as_map(consumer).get("on")
            if isinstance(target, str):
                problem = _event_problem(target, published)
                if problem:
                    issues.append(Issue((*path, "on"), problem))
    return issues


def _published_events(domains: dict[str, Any]) -> dict[str, tuple[str, list[str]]]:
    """Map ``Entity`` and ``domain.Entity`` to (domain, events the entity publishes)."""
    found: dict[str, tuple[str, list[str]]] = {}
    for domain, body in domains.items():
        for entity, spec in as_map(as_map(body).get("entities")).items():
            events = as_map(spec).get("events")
            listed = [e for e in events if isinstance(e, str)] if isinstance(events, list) else []
            found[f"{domain}.{entity}"] = (domain, listed)
            found.setdefault(entity, (domain, listed))
    return found


def _event_problem(target: str, published: dict[str, tuple[str, list[str]]]) -> str | None:
    """Say what is wrong with an ``on:`` value, or return ``None`` when it names an event."""
    entity, _, event = target.rpartition(".")
    if not entity or event not in _EVENTS:
        return (
            f"`{target}` does not name an event — write `domain.Entity.event` with an event "
            f"of {one_of([f'`{e}`' for e in _EVENTS])}, e.g. `payments.Payment.created`"
        )
    if entity not in published:
        qualified = [key for key in published if "." in key]
        return f"no entity `{entity}` — {did_you_mean(entity, qualified, 'entities')}"
    domain, events = published[entity]
    if event not in events:
        name = entity.rpartition(".")[2]
        return (
            f"`{name}` does not publish `{event}` — add `{event}` to "
            f"domains.{domain}.entities.{name}.events, or consume another event"
        )
    return None
