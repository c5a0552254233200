"""End to end: ``update`` adds an ``ip_address`` and ``list`` fields to a table that has rows.

The minimal example is generated and migrated on a database of its own, a row is inserted,
then the spec gains a required ``ip_address`` with a default (rows already there get it), an
optional list of text and an optional list of integers. The new revision upgrades the live
database from the previous head, ``alembic check`` finds nothing left, the row keeps its values
and gets the default, list values round-trip, and the revision downgrades again.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastgen.api import new_project
from fastgen.project.grow import update_project

from .live import Project, live_database

ROOT = Path(__file__).resolve().parents[2]
MINIMAL_SPEC = ROOT / "examples" / "minimal" / "fastgen.yaml"
DATABASE = f"fastgen_types_{os.getpid()}"

pytestmark = pytest.mark.e2e

NEW_FIELDS = (
    '          source_ip: {type: ip_address, default: "192.0.2.10"}\n'
    "          labels: {type: list, of: str, max_items: 5, required: false}\n"
    "          scores: {type: list, of: int, required: false}\n"
)


@pytest.fixture(scope="module")
def notes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    root = tmp_path_factory.mktemp("types") / "notes"
    new_project(MINIMAL_SPEC, root)
    with live_database(root, DATABASE) as project:
        yield project


def test_update_adds_ip_address_and_list_columns_to_a_table_with_rows(notes: Project) -> None:
    notes.run("alembic", "upgrade", "head")
    notes.sql("INSERT INTO notes (title, pinned) VALUES ('Первая', true)")

    spec = notes.root / "fastgen.yaml"
    text = spec.read_text(encoding="utf-8")
    field = "          pinned: {type: bool, default: false}\n"
    assert field in text
    spec.write_text(text.replace(field, field + NEW_FIELDS), encoding="utf-8")
    updated = update_project(notes.root)
    assert updated.revision is not None
    assert updated.conflicts == []
    revision = (notes.root / updated.revision).read_text(encoding="utf-8")
    assert "postgresql.INET()" in revision
    assert "postgresql.ARRAY(sa.Text())" in revision
    assert "postgresql.ARRAY(sa.BigInteger())" in revision

    notes.run("alembic", "upgrade", "head")
    assert "No new upgrade operations detected" in notes.run("alembic", "check")
    assert notes.rows("SELECT title, source_ip, labels, scores FROM notes") == [
        "Первая|192.0.2.10|None|None"
    ]
    notes.sql("UPDATE notes SET labels = ARRAY['a', 'б'], scores = ARRAY[3, 1]")
    assert notes.rows("SELECT labels, scores FROM notes WHERE labels @> ARRAY['б']") == [
        "['a', 'б']|[3, 1]"
    ]
    assert notes.rows("SELECT count(*) FROM notes WHERE source_ip << '192.0.2.0/24'") == ["1"]

    notes.run("alembic", "downgrade", "-1")
    assert notes.rows("SELECT title, pinned FROM notes") == ["Первая|True"]
    notes.run("alembic", "upgrade", "head")
    assert update_project(notes.root).writes == []
