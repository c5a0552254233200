"""What a drawn spec exercises, as tags: to prove the strategies reach every part of the format,
and to pick the few specs the slow layer runs through ``fastgen verify``.
"""

from __future__ import annotations

import builtins
import keyword
import unicodedata
from typing import Any

from .fields import FIELD_TYPES

FEATURES = ["cache", "messaging", "storage", "mail", "http_client", "rate_limit", "metrics"]

REQUIRED = frozenset(
    {
        *(f"field:{kind}" for kind in FIELD_TYPES),
        *(f"list:{of}" for of in ("str", "int", "uuid", "enum")),
        *(f"option:{key}" for key in ("pattern", "min_length", "max_length", "precision")),
        *(f"option:{key}" for key in ("scale", "min", "max", "gt", "lt", "default", "example")),
        *(f"option:{key}" for key in ("unique", "index", "max_items", "max_size")),
        "option:content_types",
        "option:required-false",
        *(f"relation:{kind}" for kind in ("many_to_one", "one_to_one", "one_to_many")),
        "relation:many_to_many",
        *("relation:self", "relation:same-target", "relation:on_delete", "relation:optional"),
        *(f"feature:{name}" for name in [*FEATURES, "auth", "docker", "ci"]),
        *("auth:roles", "auth:lockout", "auth:default_role", "auth:owned", "auth:permissions"),
        *("permission:owner", "permission:public", "permission:authenticated"),
        *("pagination:cursor", "pagination:offset", "page_size", "filters", "sort"),
        *("soft_delete", "id:uuid", "timestamps:off", "operations:some", "table"),
        *("events", "cache", "consumers", "enums", "title", "description"),
        *("name:keyword-like", "name:builtin", "enum:awkward"),
        *("text:quotes", "text:backslash", "text:newline", "text:long", "text:non-bmp"),
    }
)
"""Tags every run of the fast layer must reach (its coverage test checks them)."""


def _text_tags(text: str) -> set[str]:
    tags = set()
    if '"' in text:
        tags.add("text:quotes")
    if "\\" in text:
        tags.add("text:backslash")
    if "\n" in text:
        tags.add("text:newline")
    if len(text) > 100:
        tags.add("text:long")
    if any(ord(char) > 0xFFFF for char in text):
        tags.add("text:non-bmp")
    if any(unicodedata.east_asian_width(char) == "W" for char in text):
        tags.add("text:wide")
    return tags


def tags(spec: dict[str, Any]) -> set[str]:
    """Return what the spec (plain data) exercises."""
    found: set[str] = set()
    features = spec.get("features", {})
    for name in FEATURES:
        if features.get(name):
            found.add(f"feature:{name}")
    if features.get("docker", True):
        found.add("feature:docker")
    if features.get("ci", ["github"]):
        found.add("feature:ci")
    auth = features.get("auth")
    if isinstance(auth, dict):
        found |= {"feature:auth"} | {f"auth:{key}" for key in auth if key != "email_verification"}
    if spec.get("enums"):
        found.add("enums")
        values = {value for values in spec["enums"].values() for value in values}
        if values & {"name", "value", "type", "yes", "no", "on", "off", "mro", "token"}:
            found.add("enum:awkward")
    for text in (spec["project"]["title"], spec["project"].get("description", "")):
        found |= _text_tags(text)
    for domain in spec["domains"].values():
        if domain.get("consumers"):
            found.add("consumers")
        if "description" in domain:
            found |= {"description"} | _text_tags(domain["description"])
        for name, entity in domain["entities"].items():
            found |= _entity_tags(entity)
            targets = [r["to"].rpartition(".")[2] for r in entity.get("relations", {}).values()]
            if name in targets:
                found.add("relation:self")
    return found


def _entity_tags(entity: dict[str, Any]) -> set[str]:
    found = {f"pagination:{entity.get('pagination', 'offset')}"}
    for key in ("filters", "sort", "events", "cache", "soft_delete", "table"):
        if entity.get(key):
            found.add(key)
    if "page_size" in entity or "max_page_size" in entity:
        found.add("page_size")
    if entity.get("id") == "uuid":
        found.add("id:uuid")
    if entity.get("timestamps") is False:
        found.add("timestamps:off")
    if "operations" in entity and len(entity["operations"]) < 5:
        found.add("operations:some")
    if entity.get("owned_by"):
        found.add("auth:owned")
    for entries in entity.get("permissions", {}).values():
        found.add("auth:permissions")
        found |= {f"permission:{entry}" for entry in entries}
    for key in ("title", "description"):
        if key in entity:
            found |= {key} | _text_tags(entity[key])
    for name, field in entity["fields"].items():
        found.add(f"field:{field['type']}")
        if field["type"] == "list":
            found.add(f"list:{field['of']}")
        found |= {f"option:{key}" for key in field if key not in ("type", "required")}
        if field.get("required") is False:
            found.add("option:required-false")
        if keyword.issoftkeyword(name) or name in ("cls", "self_ref", "session", "query"):
            found.add("name:keyword-like")
        if name in dir(builtins):
            found.add("name:builtin")
        found |= _text_tags(field.get("description", ""))
    targets: list[str] = []
    for relation in entity.get("relations", {}).values():
        found.add(f"relation:{relation['kind']}")
        target = relation["to"].rpartition(".")[2]
        targets.append(target)
        if "on_delete" in relation:
            found.add("relation:on_delete")
        if relation.get("required") is False:
            found.add("relation:optional")
    if len(targets) != len(set(targets)):
        found.add("relation:same-target")
    return found
