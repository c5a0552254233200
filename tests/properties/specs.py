"""Hypothesis strategies for valid fastgen specs (format 1), as plain data.

``specs()`` draws a whole spec: project, every ``features.*`` part (auth with roles, lockout and
token lifetimes; cache, messaging, storage, mail, http_client, rate_limit, metrics, docker, ci),
enums with awkward values, one to three domains with consumers, and entities with every field
type and option (see ``fields.py``), every relation kind (self references, several relations to
one target, ``one_to_many`` with its inverse), operations, offset or cursor pagination, page
sizes, filters, sort, soft delete, uuid ids, timestamps off, owned rows, permissions, events
and the row cache. Text is arbitrary Unicode (see ``texts.py``) unless ``awkward_text=False``.

Every drawn spec must load: the strategies follow the README's rules. A spec the loader
refuses is a finding, either here (a rule the strategies miss) or in a check that refuses
more than the generated code needs.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from .entities import DURATIONS, Draft, api, class_name_ok, entities, relations
from .names import (
    CONSUMER_NAMES,
    ENUM_NAMES,
    class_names,
    domain_names,
    enum_values,
    role_names,
    snake_names,
)
from .texts import descriptions, tame_texts, titles

RATES = ["1/second", "5/minute", "100/minute", "1000/hour", "10000/day"]


def _seconds(duration: str) -> int:
    return int(duration[:-1]) * {"s": 1, "m": 60, "h": 3600, "d": 86400}[duration[-1]]


TOKEN_TTLS = [ttl for ttl in DURATIONS if _seconds(ttl) >= 60]
"""Token lifetimes the spec takes (an access token lives at least a minute)."""


@st.composite
def _auth(draw: st.DrawFn) -> dict[str, Any]:
    auth: dict[str, Any] = {}
    roles = draw(st.lists(role_names(), min_size=2, max_size=4, unique=True))
    if draw(st.integers(0, 3)) or roles[:2] != ["admin", "user"]:
        auth["roles"] = roles
    if draw(st.booleans()):
        auth["default_role"] = draw(st.sampled_from(roles[1:]))
    if draw(st.booleans()):
        auth["email_verification"] = draw(st.booleans())
    if draw(st.booleans()):
        short, long = sorted(
            draw(st.lists(st.sampled_from(TOKEN_TTLS), min_size=2, max_size=2, unique_by=_seconds)),
            key=_seconds,
        )
        auth["access_token_ttl"], auth["refresh_token_ttl"] = short, long
    if draw(st.booleans()):
        auth["login_rate_limit"] = draw(st.sampled_from(RATES))
    lockout = draw(st.integers(0, 2))
    if lockout == 1:
        auth["lockout"] = False
    elif lockout == 2:
        auth["lockout"] = {
            "attempts": draw(st.integers(1, 1000)),
            "for": draw(st.sampled_from(DURATIONS)),
        }
    return auth


@st.composite
def _features(draw: st.DrawFn) -> dict[str, Any]:
    features: dict[str, Any] = {}
    for key, on in (
        ("cache", "redis"),
        ("messaging", "rabbitmq"),
        ("storage", "s3"),
        ("mail", "smtp"),
        ("metrics", "prometheus"),
    ):
        features[key] = on if draw(st.booleans()) else False
    features["http_client"] = draw(st.booleans())
    if features["cache"] and draw(st.booleans()):
        features["rate_limit"] = {"default": draw(st.sampled_from(RATES))}
    features["docker"] = draw(st.booleans())
    features["ci"] = draw(st.lists(st.sampled_from(["github", "gitlab"]), unique=True))
    if draw(st.booleans()):
        features["auth"] = draw(_auth())
    for key in list(features):
        if features[key] is False and draw(st.integers(0, 3)) == 0:
            del features[key]  # switched off by leaving it out
    return features


_project_names = st.one_of(
    st.sampled_from(["shop", "my-service", "a1", "names_check", "ab", "a-b-c", "x", "app"]),
    st.from_regex(r"[a-z][a-z0-9]{0,10}([-_][a-z0-9]{1,5}){0,2}", fullmatch=True),
)


@st.composite
def _project(draw: st.DrawFn, storage: bool, text: bool) -> dict[str, Any]:
    name = draw(_project_names)
    if storage:
        name = name.replace("_", "-")
        name = name if len(name) >= 3 else f"{name}-svc"
    project: dict[str, Any] = {"name": name, "title": draw(titles() if text else tame_texts(100))}
    if draw(st.booleans()):
        project["description"] = draw(descriptions() if text else tame_texts(200))
    if draw(st.booleans()):
        project["version"] = draw(st.sampled_from(["0.1.0", "10.20.30", "0.0.0"]))
    if draw(st.booleans()):
        project["python"] = draw(st.sampled_from(["3.11", "3.12", "3.13"]))
    return project


@st.composite
def _enums(draw: st.DrawFn) -> dict[str, list[str]]:
    names = draw(st.lists(class_names(ENUM_NAMES), max_size=3, unique=True))
    enums: dict[str, list[str]] = {}
    for name in names:
        if class_name_ok(name, set(enums)):
            enums[name] = draw(st.lists(enum_values(), min_size=1, max_size=5, unique=True))
    return enums


@st.composite
def _consumers(draw: st.DrawFn, draft: Draft, domain: str) -> dict[str, Any]:
    published = [(e, event) for e in draft.entities for event in e.body.get("events", [])]
    if not published or domain.startswith("test"):
        return {}
    consumers: dict[str, Any] = {}
    for name in draw(st.lists(snake_names(CONSUMER_NAMES), max_size=2, unique=True)):
        source, event = draw(st.sampled_from(published))
        consumer: dict[str, Any] = {"on": f"{source.ref(draw(st.booleans()))}.{event}"}
        if draw(st.booleans()):
            consumer["description"] = draw(draft.description(80))
        consumers[name] = consumer
    return consumers


@st.composite
def specs(
    draw: st.DrawFn, *, max_entities: int = 5, awkward_text: bool = True, avoid_known: bool = True
) -> dict[str, Any]:
    """A valid spec as plain data (dump it with :func:`.yaml_text.yaml_text`).

    Args:
        draw: Hypothesis' draw function.
        max_entities: The most entities the spec has (across one to three domains).
        awkward_text: Titles and descriptions are arbitrary Unicode; otherwise plain words.
        avoid_known: Stay clear of the open failure classes, each kept as an xfail regression
            spec (see :func:`.fields.clear_of_known`); false to look for them.
    """
    features = draw(_features())
    storage = features.get("storage") == "s3"
    spec: dict[str, Any] = {"fastgen": 1, "project": draw(_project(storage, awkward_text))}
    if draw(st.integers(0, 3)) == 0:
        spec["api"] = {"versions": ["v1"]}
    spec["features"] = features
    draft = Draft(features, draw(_enums()), awkward_text, avoid_known)
    if draft.enums:
        spec["enums"] = draft.enums
    domains = draw(st.lists(domain_names(), min_size=1, max_size=3, unique=True))
    draw(entities(draft, domains, max_entities))
    draw(relations(draft))
    for entity in draft.entities:
        draw(api(draft, entity))
        for relation in entity.body.get("relations", {}).values():
            if avoid_known and "description" in relation:
                relation["description"] = relation["description"][:30]  # long-column-comment
    spec["domains"] = {}
    for domain in domains:
        members = [e for e in draft.entities if e.domain == domain]
        if not members:
            continue
        body: dict[str, Any] = {}
        if draw(st.integers(0, 2)) == 0:
            body["description"] = draw(draft.description(200))
        body["entities"] = {e.name: e.body for e in members}
        if features.get("messaging"):
            consumers = draw(_consumers(draft, domain))
            if consumers:
                body["consumers"] = consumers
        spec["domains"][domain] = body
    return spec
