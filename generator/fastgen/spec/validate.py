"""Semantic checks of a spec: names, references, duplicates and collisions.

The checks read the plain data of the spec (not the Pydantic model), so they also run when
parts of the spec have the wrong shape: every value of an unexpected type is skipped here,
because the shape check already reports it. Each problem says what is wrong and, after an
em dash, what to do. Checks of one field against its type are in
:mod:`fastgen.spec.field_checks`, checks of one entity's API options in
:mod:`fastgen.spec.api_checks`.
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass
from typing import Any, Literal

from fastgen.spec import naming
from fastgen.spec.api_checks import SINGLE, check_api, relation_kind
from fastgen.spec.auth_checks import check_auth
from fastgen.spec.clash_checks import check_clashes
from fastgen.spec.event_checks import check_consumers
from fastgen.spec.feature_checks import check_features
from fastgen.spec.field_checks import check_field
from fastgen.spec.positions import (
    Issue,
    Path,
    as_map,
    did_you_mean,
    dotted,
    one_of,
    str_items,
)
from fastgen.spec.text_checks import check_texts

At = Literal["key", "value", "parent"]


def check_spec(data: dict[str, Any]) -> list[Issue]:
    """Run every semantic check on the plain data of a spec.

    Args:
        data: The spec as plain Python data (the top-level mapping).

    Returns:
        Every problem found, positioned by path.

    """
    checker = _Checker(data)
    checker.run()
    checks = (check_features, check_consumers, check_auth, check_clashes, check_texts)
    return checker.issues + [issue for check in checks for issue in check(data)]


def _words(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", naming.snake(name)).strip("_")


@dataclass(eq=False)
class _Entity:
    """An entity of the spec with its domain (compared and hashed by identity)."""

    domain: str
    name: str
    data: dict[str, Any]

    @property
    def path(self) -> Path:
        return ("domains", self.domain, "entities", self.name)

    @property
    def fields(self) -> dict[str, Any]:
        return as_map(self.data.get("fields"))

    @property
    def relations(self) -> dict[str, dict[str, Any]]:
        return {k: v for k, v in as_map(self.data.get("relations")).items() if isinstance(v, dict)}

    def kind(self, relation: str) -> str | None:
        return relation_kind(self.data, relation)


class _Checker:
    """Holds the indexes the checks need and collects the issues."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.issues: list[Issue] = []
        enums = as_map(data.get("enums")).items()
        self.enums = {name: [value for _, value in str_items(values)] for name, values in enums}
        self.entities = [
            _Entity(domain, name, entity)
            for domain, body in as_map(data.get("domains")).items()
            for name, entity in as_map(as_map(body).get("entities")).items()
            if isinstance(entity, dict)
        ]
        self.inverses: dict[tuple[_Entity, str], str] = {}
        """Where each many_to_one relation (target entity, relation) is named as an inverse."""
        self.by_name: dict[str, list[_Entity]] = {}
        for entity in self.entities:
            self.by_name.setdefault(entity.name, []).append(entity)

    def add(self, path: Path, message: str, at: At = "value") -> None:
        self.issues.append(Issue(path, message, at))

    def run(self) -> None:
        """Run all checks."""
        self.check_enums()
        self.check_domains()
        for entity in self.entities:
            self.check_entity(entity)
            self.issues += check_api(entity.path, entity.data)
        self.check_tables()
        self.check_cycles()

    def snake_name(self, path: Path, name: str, what: str) -> bool:
        """Check a snake_case name (domain, field, relation, role); report at its key."""
        if naming.is_snake(name):
            return True
        if not name.isascii():
            message = (
                f"{what} name `{name}` is not ASCII: only ASCII identifiers are allowed — use "
                "ASCII letters, digits and underscores"
            )
        else:
            guess = _words(name)
            hint = (
                f"write it in snake_case, e.g. `{guess}`"
                if naming.is_snake(guess) and naming.attribute_reason(guess) is None
                else "use lowercase ASCII letters, digits and single underscores, starting "
                "with a letter"
            )
            message = f"{what} name `{name}` is not snake_case — {hint}"
        self.add(path, message, "key")
        return False

    def attribute_name(self, path: Path, name: str, what: str, owner: str) -> None:
        """Check a field or relation name: snake_case and not reserved."""
        reason = naming.attribute_reason(name)
        if reason is None:
            self.snake_name(path, name, what)
            return
        guess = f"{owner}_{name.strip('_').removeprefix('model_') or 'value'}"
        hint = f", e.g. `{guess}`" if naming.is_snake(guess) else ""
        self.add(path, f"`{name}` {reason} — rename the {what}{hint}", "key")

    def class_name(self, path: Path, name: str, what: str) -> bool:
        """Check an entity or enum name: PascalCase, not a keyword, not reserved."""
        if not name.isascii():
            message = (
                f"{what} name `{name}` is not ASCII: only ASCII identifiers are allowed — use "
                "ASCII letters and digits in PascalCase"
            )
        elif keyword.iskeyword(name):
            message = f"`{name}` is a Python keyword — choose another {what} name"
        elif not naming.is_pascal(name):
            guess = naming.pascal(_words(name))
            hint = f"e.g. `{guess}`" if naming.is_pascal(guess) else "start with a capital"
            message = f"{what} name `{name}` is not PascalCase — write it like a class name, {hint}"
        elif name in naming.CLASS_RESERVED:
            message = (
                f"`{name}` {naming.CLASS_RESERVED[name]}, so the two would clash — choose "
                f"another {what} name, e.g. `{self.prefixed(path, name)}`"
            )
        elif name.startswith("Test"):
            message = (
                f"`{name}` starts with `Test`: pytest takes such classes, which the generated "
                "tests import, for test classes and fails on them — choose a name that does "
                f"not start with `Test`, e.g. `{self.prefixed(path, name)}`"
            )
        else:
            return True
        self.add(path, message, "key")
        return False

    @staticmethod
    def prefixed(path: Path, name: str) -> str:
        """Suggest another class name: the entity's domain (or `App`) before ``name``."""
        domain = path[1] if path[0] == "domains" and isinstance(path[1], str) else "app"
        prefix = naming.pascal(domain) if naming.is_snake(domain) else "App"
        return f"App{name}" if prefix.startswith("Test") else f"{prefix}{name}"

    def check_enums(self) -> None:
        """Enum names and values."""
        for name, values in as_map(self.data.get("enums")).items():
            path: Path = ("enums", name)
            self.class_name(path, name, "enum")
            if values == []:
                self.add(path, f"enum `{name}` has no values — add at least one, e.g. `[draft]`")
            seen: set[str] = set()
            for index, value in str_items(values):
                where = (*path, index)
                if not naming.ENUM_VALUE_RE.match(value):
                    note = "" if value.isascii() else " (only ASCII is allowed)"
                    message = (
                        f"enum value `{value}` is not an identifier{note} — start with an ASCII "
                        "letter and use only letters, digits and underscores"
                    )
                    self.add(where, message)
                elif reason := naming.enum_member_reason(value):
                    lower = value.lower()
                    guess = lower if naming.enum_member_reason(lower) is None else f"{lower}_value"
                    self.add(where, f"enum value `{value}` {reason} — use e.g. `{guess}`")
                if value in seen:
                    self.add(where, f"`{value}` is listed twice in `{name}` — remove the duplicate")
                seen.add(value)

    def check_domains(self) -> None:
        """Domain and entity names, their uniqueness, and empty spec parts."""
        domains = self.data.get("domains")
        if domains == {}:
            message = "no domains are defined — add at least one domain with its entities"
            self.add(("domains",), message)
        first_place: dict[str, str] = {}
        for domain, body in as_map(domains).items():
            path: Path = ("domains", domain)
            if self.snake_name(path, domain, "domain") and keyword.iskeyword(domain):
                message = f"`{domain}` is a Python keyword, so it cannot name a package — rename it"
                self.add(path, message, "key")
            elif naming.is_snake(domain) and domain in naming.DOMAIN_RESERVED:
                message = (
                    f"domain `{domain}` would put its modules beside "
                    f"{naming.DOMAIN_RESERVED[domain]}, which the generated project owns, and "
                    "one would overwrite or hide the other — choose another domain name"
                )
                self.add(path, message, "key")
            entities = as_map(body).get("entities")
            if entities == {}:
                message = f"domain `{domain}` has no entities — add at least one, or remove it"
                self.add((*path, "entities"), message)
            for name in as_map(entities):
                where = (*path, "entities", name)
                if not self.class_name(where, name, "entity"):
                    continue
                if name in first_place:
                    message = (
                        f"entity `{name}` is already defined at {first_place[name]}: entity names "
                        "must be unique across all domains, which share one models package — "
                        "rename one of them"
                    )
                    self.add(where, message, "key")
                else:
                    first_place[name] = dotted(where)
                if name in self.enums:
                    message = (
                        f"`{name}` is also the name of an enum (enums.{name}): entities and enums "
                        "share one namespace — rename one of them"
                    )
                    self.add(where, message, "key")

    def check_entity(self, entity: _Entity) -> None:
        """Field and relation names and their collisions; each field and each relation."""
        fields, relations = entity.fields, entity.relations
        owner = naming.snake(entity.name) if naming.is_pascal(entity.name) else "entity"
        if entity.data.get("fields") == {}:
            message = (
                f"`{entity.name}` has no fields — add at least one, e.g. `name: {{type: str}}`"
            )
            self.add((*entity.path, "fields"), message)
        for name, body in fields.items():
            path = (*entity.path, "fields", name)
            self.attribute_name(path, name, "field", owner)
            if isinstance(body, dict):
                self.issues += check_field(path, body, self.enums)
        for name in as_map(entity.data.get("relations")):
            path = (*entity.path, "relations", name)
            self.attribute_name(path, name, "relation", owner)
            if name in fields:
                message = f"`{name}` is both a field and a relation — rename one of them"
                self.add(path, message, "key")
            kind, column = entity.kind(name), f"{name}_id"
            if kind == "many_to_many":
                column = f"{naming.singular(name)}_ids"
            if kind not in (None, "one_to_many") and (column in fields or column in relations):
                where = (*entity.path, "fields" if column in fields else "relations", column)
                message = (
                    f"`{column}` collides with the `{column}` that the {kind} relation `{name}` "
                    "adds — remove or rename it; the relation already provides it"
                )
                self.add(where, message, "key")
            if name in relations:
                self.check_relation(entity, name, relations[name], kind)

    def lookup(self, to: str) -> tuple[_Entity | None, str | None]:
        """Resolve a relation target (``Entity`` or ``domain.Entity``) to an entity or a problem."""
        domain, _, name = to.rpartition(".")
        found = self.by_name.get(name, [])
        if domain:
            match = next((entity for entity in found if entity.domain == domain), None)
            if match is not None:
                return match, None
            if found:
                where = found[0].domain
                message = (
                    f"`{name}` is not in domain `{domain}`; it is defined in domain `{where}` — "
                    f"write `to: {where}.{name}`"
                )
                return None, message
            qualified = [f"{entity.domain}.{entity.name}" for entity in self.entities]
            return None, f"no entity `{to}` — {did_you_mean(to, qualified, 'entities')}"
        if len(found) == 1:
            return found[0], None
        if found:
            domains = one_of([f"`{entity.domain}`" for entity in found])
            message = (
                f"`{name}` is ambiguous: it is defined in domains {domains} — write "
                f"`to: <domain>.{name}`, e.g. `to: {found[0].domain}.{name}`"
            )
            return None, message
        return None, f"no entity named `{to}` — {did_you_mean(to, list(self.by_name), 'entities')}"

    def check_relation(
        self, entity: _Entity, name: str, body: dict[str, Any], kind: str | None
    ) -> None:
        """Target, options that fit the kind, inverse, and self references."""
        path = (*entity.path, "relations", name)
        to, target = body.get("to"), None
        if isinstance(to, str):
            target, problem = self.lookup(to)
            if problem:
                self.add((*path, "to"), problem)
        if kind is None:
            return
        single, required = kind in SINGLE, body.get("required", True) is True
        for key in ("on_delete", "required"):
            if key in body and not single:
                message = (
                    f"`{key}` applies only to many_to_one and one_to_one relations — remove it"
                )
                self.add((*path, key), message, "key")
        if single and body.get("on_delete") == "set_null" and required:
            message = (
                "`on_delete: set_null` needs an optional relation — add `required: false`, or "
                "use `cascade` or `restrict`"
            )
            self.add((*path, "on_delete"), message)
        if "inverse" in body and kind != "one_to_many":
            message = "`inverse` applies only to one_to_many relations — remove it"
            self.add((*path, "inverse"), message, "key")
        if kind == "one_to_many":
            self.check_inverse(entity, path, body.get("inverse"), target)
        if single and target is entity and required:
            message = (
                f"a required {kind} relation from `{entity.name}` to itself can never be set "
                "on the first row — add `required: false`"
            )
            self.add(path, message, "key")

    def check_inverse(
        self, entity: _Entity, path: Path, inverse: object, target: _Entity | None
    ) -> None:
        """Check that a one_to_many names the many_to_one relation that points back."""
        if inverse is None:
            back = [
                name
                for name, body in (target.relations if target else {}).items()
                if body.get("kind") == "many_to_one"
                and isinstance(body.get("to"), str)
                and self.lookup(body["to"])[0] is entity
            ]
            example = back[0] if back else naming.snake(entity.name)
            message = (
                "a one_to_many relation needs `inverse`, the many_to_one relation on the target "
                f"that points back to `{entity.name}` — add `inverse: {example}`"
            )
            self.add((*path, "inverse"), message, "parent")
            return
        if not isinstance(inverse, str) or target is None:
            return
        back_relation = target.relations.get(inverse)
        if back_relation is None:
            hint = did_you_mean(inverse, list(target.relations), "relations")
            message = f"`{target.name}` has no relation `{inverse}` — {hint}"
        elif back_relation.get("kind") != "many_to_one":
            message = (
                f"`{target.name}.{inverse}` is not a many_to_one relation — point `inverse` at "
                f"the many_to_one relation on `{target.name}` that leads back to `{entity.name}`"
            )
        elif isinstance(back_relation.get("to"), str) and (
            self.lookup(back_relation["to"])[0] not in (entity, None)
        ):
            message = (
                f"`{target.name}.{inverse}` points to `{back_relation['to']}`, not back to "
                f"`{entity.name}` — name a many_to_one relation whose `to` is `{entity.name}`"
            )
        elif (target, inverse) in self.inverses:
            message = (
                f"`{target.name}.{inverse}` is already the inverse of "
                f"{self.inverses[target, inverse]}: a many_to_one relation has one inverse side "
                f"— remove this relation, or add another many_to_one relation to "
                f"`{entity.name}` on `{target.name}` and name it here"
            )
        else:
            self.inverses[target, inverse] = dotted(path)
            return
        self.add((*path, "inverse"), message)

    def check_tables(self) -> None:
        """Table names: valid, not reserved, unique including many_to_many association tables."""
        used: dict[str, str] = {}

        def claim(table: str, path: Path, at: At, owner: str, hint: str) -> None:
            if table in used:
                self.add(path, f"table `{table}` is already used by {used[table]} — {hint}", at)
            else:
                used[table] = owner

        for entity in self.entities:
            explicit = entity.data.get("table")
            at: At = "value"
            if isinstance(explicit, str):
                table, path = explicit, (*entity.path, "table")
                if not naming.is_snake(explicit) or keyword.iskeyword(explicit):
                    guess = _words(explicit) + ("_table" if keyword.iskeyword(explicit) else "")
                    message = (
                        f"table name `{explicit}` is not a snake_case name that can also name a "
                        f"Python module — use e.g. `{guess if naming.is_snake(guess) else 'items'}`"
                    )
                    self.add(path, message)
            elif explicit is None and naming.is_pascal(entity.name):
                table, path, at = naming.plural(naming.snake(entity.name)), entity.path, "key"
            else:
                continue
            if table in naming.TABLE_RESERVED:
                message = (
                    f"table name `{table}` is reserved by the generated project — set `table:` "
                    "to another name"
                )
                self.add(path, message, at)
            elif keyword.iskeyword(table):
                message = (
                    f"`{table}`, the plural of `{entity.name}`, would name its table and model "
                    f"module, but it is a Python keyword — set `table:`, e.g. `{table}_items`"
                )
                self.add(path, message, at)
            elif table in naming.MODEL_MODULES:
                message = (
                    f"table `{table}` would also name the entity's model module "
                    f"`app/models/v1/{table}.py`, which is already {naming.MODEL_MODULES[table]} "
                    f"— set `table:` to another name, e.g. `{table}_items`"
                )
                self.add(path, message, at)
            claim(table, path, at, dotted(entity.path), "set `table:` to a different name")
            for name, body in entity.relations.items():
                if body.get("kind") != "many_to_many":
                    continue
                where, association = (*entity.path, "relations", name), f"{table}_{name}"
                if len(association) > 63:
                    message = (
                        f"the association table `{association}` is longer than 63 characters, "
                        "PostgreSQL's limit — shorten the relation name or the entity's table"
                    )
                    self.add(where, message, "key")
                owner = f"the many_to_many relation {dotted(where)}"
                claim(association, where, "key", owner, "rename the relation or set `table:`")

    def check_cycles(self) -> None:
        """Report each cycle of required links between entities once: no row could come first."""
        links: dict[_Entity, list[tuple[str, _Entity]]] = {}
        for entity in self.entities:
            for name, body in entity.relations.items():
                required, to = body.get("required", True) is True, body.get("to")
                target = self.lookup(to)[0] if isinstance(to, str) else None
                if entity.kind(name) in SINGLE and required and target not in (None, entity):
                    links.setdefault(entity, []).append((name, target))
        reported: set[frozenset[_Entity]] = set()
        for start, outgoing in links.items():
            for name, target in outgoing:
                trail = _trail(links, target, start)
                cycle = [(start, name), *(trail or [])]
                if trail is None or frozenset(e for e, _ in cycle) in reported:
                    continue
                reported.add(frozenset(e for e, _ in cycle))
                chain = " → ".join(f"{e.name}.{r}" for e, r in cycle) + f" → {start.name}"
                message = (
                    f"required relations form a cycle ({chain}), so no row could be inserted "
                    "first — make one of them `required: false`"
                )
                self.add((*start.path, "relations", name), message, "key")


def _trail(
    links: dict[_Entity, list[tuple[str, _Entity]]], source: _Entity, goal: _Entity
) -> list[tuple[_Entity, str]] | None:
    """Return the required links that lead from ``source`` to ``goal``, or ``None``."""
    came_from: dict[_Entity, tuple[_Entity, str] | None] = {source: None}
    queue = [source]
    for node in queue:
        for name, target in links.get(node, []):
            if target not in came_from:
                came_from[target] = (node, name)
                queue.append(target)
    if goal not in came_from:
        return None
    trail: list[tuple[_Entity, str]] = []
    step = came_from[goal]
    while step is not None:
        trail.append(step)
        step = came_from[step[0]]
    return trail[::-1]
