"""Property: random hand edits combined with random spec changes — no user line is lost.

Every line a user added to a generated file is still in that file after ``update``, or the
file is reported as a conflict (and the line is inside its marked region); a second
``update`` right after a clean one writes nothing.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from fastgen.api import new_project
from fastgen.errors import ConflictsLeftError
from fastgen.project.grow import update_project
from fastgen.project.write import PROJECT_SPEC
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SPEC = """\
fastgen: 1
project: {name: notes, title: Заметки}
features: {cache: false, messaging: false, rate_limit: false, metrics: false, docker: false, ci: []}
domains:
  notes:
    entities:
      Note:
        title: Заметка
        fields:
          title: {type: str, max_length: 200}
          body: {type: text, required: false}
      Label:
        fields:
          name: {type: str, max_length: 50, unique: true}
"""

# Spec changes, each a (find, replace) on the text above; several may apply at once.
CHANGES = [
    (
        "          body: {type: text, required: false}\n",
        "          body: {type: text, required: false}\n"
        "          due: {type: date, required: false}\n",
    ),
    ("max_length: 200", "max_length: 400"),
    (
        "          body: {type: text, required: false}\n",
        "          body: {type: text, required: false, description: Текст заметки}\n",
    ),
    ("        title: Заметка\n", "        title: Запись\n"),
    (
        "          name: {type: str, max_length: 50, unique: true}\n",
        "          name: {type: str, max_length: 50, unique: true}\n        sort: [name]\n",
    ),
    (
        "",
        "  people:\n    entities:\n      Person:\n        fields:\n"
        "          email: {type: email, unique: true}\n",
    ),
]
EDITABLE = [
    "app/models/v1/notes.py",
    "app/routes/v1/notes.py",
    "app/schemas/v1/notes/request.py",
    "app/schemas/v1/notes/response.py",
    "app/services/v1/notes/data_manager.py",
    "app/services/v1/notes/service.py",
    "tests/factories.py",
    "tests/notes/test_routes.py",
    "README.md",
]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("property")
    (root / "spec.yaml").write_text(SPEC, encoding="utf-8")
    new_project(root / "spec.yaml", root / "notes")
    return root / "notes"


def _apply_changes(text: str, picked: list[int]) -> str:
    for index in sorted(set(picked)):
        find, replace = CHANGES[index]
        text = text + replace if not find else text.replace(find, replace, 1)
    return text


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    picked=st.lists(st.integers(0, len(CHANGES) - 1), min_size=1, max_size=3),
    edits=st.lists(st.tuples(st.sampled_from(EDITABLE), st.floats(0, 1)), min_size=1, max_size=5),
)
def test_user_lines_survive_random_spec_changes(
    template: Path, picked: list[int], edits: list[tuple[str, float]]
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        project = Path(scratch) / "notes"
        shutil.copytree(template, project)
        added: list[tuple[str, str]] = []
        for number, (rel, where) in enumerate(edits):
            path = project / rel
            lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
            at = int(where * len(lines))
            line = f"# правка пользователя {number}\n"
            path.write_text("".join([*lines[:at], line, *lines[at:]]), encoding="utf-8")
            added.append((rel, line))
        spec = project / PROJECT_SPEC
        spec.write_text(_apply_changes(spec.read_text(encoding="utf-8"), picked), encoding="utf-8")

        result = update_project(project)
        conflicted = {c.path for c in result.conflicts}
        for rel, line in added:
            text = (project / rel).read_text(encoding="utf-8")
            assert line in text, (rel, line, [c.action for c in result.changes if c.path == rel])
        for rel in conflicted:
            text = (project / rel).read_text(encoding="utf-8")
            assert text.count("<<<<<<< yours\n") == next(
                c.conflicts for c in result.conflicts if c.path == rel
            )
        if conflicted:
            with pytest.raises(ConflictsLeftError):
                update_project(project)
        else:
            assert update_project(project).writes == []
