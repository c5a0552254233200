"""Loading specs: the good full spec, files, every problem at once, YAML details, JSON schema."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
from fastgen.errors import SpecError, SpecProblem
from fastgen.spec import Spec, json_schema, load_spec, load_spec_text
from fastgen.spec.field_checks import STR_LENGTH
from fastgen.spec.model import DEFAULT_STR_LENGTH, FieldType, RelationKind
from ruamel.yaml import YAML

FULL = Path(__file__).parent / "data" / "full.yaml"


def problems_of(text: str, filename: str = "spec.yaml") -> list[SpecProblem]:
    with pytest.raises(SpecError) as caught:
        load_spec_text(textwrap.dedent(text), filename)
    return caught.value.problems


def test_full_spec_loads_cleanly() -> None:
    spec = load_spec(FULL)
    assert isinstance(spec, Spec)
    catalog = spec.domains["catalog"].entities
    product = catalog["Product"]
    assert {f.type for e in catalog.values() for f in e.fields.values()} == set(FieldType)
    entities = [e for domain in spec.domains.values() for e in domain.entities.values()]
    assert {r.kind for e in entities for r in e.relations.values()} == set(RelationKind)
    assert (product.id, product.soft_delete, product.pagination) == ("uuid", True, "cursor")
    assert None not in (product.permissions, product.cache)
    assert product.events
    assert product.fields["released_on"].default == "2024-01-31"  # a YAML date stays text
    assert product.fields["price"].default == 9.99
    assert spec.enums["Currency"] == ["RUB", "USD", "EUR"]


def test_missing_file_is_one_problem_at_the_start(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    with pytest.raises(SpecError) as caught:
        load_spec(path)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.column) == (str(path), 1, 1)
    assert "does not exist — check the path" in problem.message


def test_directory_is_not_a_spec(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match="is a directory, not a spec file — pass the path"):
        load_spec(tmp_path)


def test_invalid_utf8_is_located(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    path.write_bytes(b"fastgen: 1\nproject: \xff\n")
    with pytest.raises(SpecError) as caught:
        load_spec(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (2, 10)
    assert "not valid UTF-8 (byte 0xff) — save it as UTF-8" in problem.message


def test_problems_in_a_file_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "shop.yaml"
    path.write_text("fastgen: 1\n", encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        load_spec(path)
    assert all(problem.file == str(path) for problem in caught.value.problems)
    assert caught.value.render().endswith("2 problems in the spec; nothing was written.")


def test_every_problem_is_reported_sorted_by_position() -> None:
    problems = problems_of("""\
        fastgen: 1
        project: {name: Shop, title: Shop}
        domains:
          shop:
            entities:
              Order:
                fields:
                  class: {type: str, min: 1}
                  total: {type: decimal}
                  note: {type: txt}
                relations:
                  customer: {kind: many_to_one, to: Custmer}
                filters: [nope]
                page_size: 0
        """)
    where = [(p.line, p.column) for p in problems]
    assert where == sorted(where)
    assert [(p.line, p.path.rsplit(".", 1)[-1]) for p in problems] == [
        (2, "name"),  # shape: pattern
        (8, "class"),  # semantic: keyword
        (8, "min"),  # semantic: constraint on the wrong type
        (9, "precision"),  # semantic: decimal needs precision
        (10, "type"),  # shape: unknown field type
        (12, "to"),  # semantic: dangling relation
        (13, "filters[0]"),  # semantic: unknown filter
        (14, "page_size"),  # shape: below 1
    ]


def test_duplicate_key_is_reported_at_both_places() -> None:
    problems = problems_of("""\
        fastgen: 1
        project: {name: shop, title: Shop}
        project: {name: shop, title: Shop}
        domains:
          shop: {entities: {C: {fields: {x: {type: str}}}}}
        """)
    assert [(p.line, p.column, p.path) for p in problems] == [
        (2, 1, "project"),
        (3, 1, "project"),
    ]
    assert "appears again at line 3 — keep one" in problems[0].message
    assert "already appears at line 2 — remove this one" in problems[1].message


def test_anchors_and_merge_keys_are_plain_yaml() -> None:
    spec = load_spec_text(
        textwrap.dedent("""\
        fastgen: 1
        project: {name: shop, title: Shop}
        domains:
          shop:
            entities:
              C:
                fields:
                  name: &text {type: str, max_length: 50}
                  title: {<<: *text, max_length: 80}
                  other: *text
        """),
        "spec.yaml",
    )
    fields = spec.domains["shop"].entities["C"].fields
    assert (fields["title"].type, fields["title"].max_length) == ("str", 80)
    assert fields["other"].max_length == 50


JSON_DEFAULT = """\
fastgen: 1
project: {name: shop, title: Shop}
domains:
  shop: {entities: {C: {fields: {data: {type: json, default: 1}}}}}
"""


@pytest.mark.parametrize(
    ("text", "where", "fragment"),
    [
        ("", (1, 1), "the spec is empty — start with `fastgen: 1`"),
        (JSON_DEFAULT, (4, 62), "a json field holds a JSON object, which a spec default cannot"),
        ("fastgen: !!binary aGk=\n", (1, 10), "unsupported YAML tag `!!binary` — remove it"),
        ("fastgen: true\n", (1, 10), "reads spec format 1 — set `fastgen: 1`"),
        ("fastgen: 1\nproject: {name: x, title: X}\ndomains: {}\n", (3, 10), "no domains"),
        ("fastgen: 1\n? [a]\n: 1\n", (2, 3), "a key must be a plain name"),
        ("fastgen: 1\nproject:\n  name: a\n  name: b\n", (3, 3), "duplicate key `name`"),
        ("a: *nope\n", (1, 4), "define the anchor (`&name`) before using the alias"),
    ],
    ids=["empty", "json default", "tag", "fastgen true", "no domains", "list key", "dup", "alias"],
)
def test_more_problems(text: str, where: tuple[int, int], fragment: str) -> None:
    problems = problems_of(text)
    assert any((p.line, p.column) == where and fragment in p.message for p in problems), problems


def test_str_length_default_matches_the_generator() -> None:
    assert STR_LENGTH == DEFAULT_STR_LENGTH


def test_shape_and_semantic_problems_are_reported_together() -> None:
    problems = problems_of("""\
        fastgen: 1
        project: {name: shop, title: Shop}
        domains:
          shop:
            entities:
              C:
                fields: {x: {type: str}}
                timestamps: maybe
              B:
                fields: {metadata: {type: str}}
        """)
    assert [p.message.split(" — ")[0] for p in problems] == [
        "expected `true` or `false`, got the text `maybe`",
        "`metadata` is reserved by SQLAlchemy's declarative base",
    ]


def _schema_properties(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow ``$ref`` / ``anyOf`` / ``additionalProperties`` to the object with properties."""
    if "$ref" in node:
        return _schema_properties(schema, schema["$defs"][node["$ref"].rsplit("/", 1)[-1]])
    for option in node.get("anyOf", []):
        found = _schema_properties(schema, option)
        if found:
            return found
    return dict(node.get("properties", {}))


def test_json_schema_describes_the_spec() -> None:
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert "domains" in schema["properties"]
    assert set(schema["required"]) == {"fastgen", "project", "domains"}
    sample = YAML(typ="safe", pure=True).load(FULL.read_text(encoding="utf-8"))
    assert set(sample) <= set(schema["properties"])
    project = _schema_properties(schema, schema["properties"]["project"])
    assert set(sample["project"]) <= set(project)
    domain = _schema_properties(schema, schema["$defs"]["DomainSpec"])
    entity = _schema_properties(schema, schema["$defs"]["EntitySpec"])
    field = _schema_properties(schema, schema["$defs"]["FieldSpec"])
    relation = _schema_properties(schema, schema["$defs"]["RelationSpec"])
    for body in sample["domains"].values():
        assert set(body) <= set(domain)
        for spec in body["entities"].values():
            assert set(spec) <= set(entity)
            for column in spec["fields"].values():
                assert set(column) <= set(field)
            for link in spec.get("relations", {}).values():
                assert set(link) <= set(relation)
