"""Rendering, determinism, the golden example, and writing projects to disk."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastgen.api import check_project, generate, new_project
from fastgen.errors import SpecError, TargetExistsError
from fastgen.project.write import MANIFEST_FILE, PROJECT_SPEC, SPEC_FILE, digest

ROOT = Path(__file__).resolve().parents[1]
SHOP = ROOT / "examples" / "shop"
SHOP_SPEC = SHOP / "fastgen.yaml"


@pytest.fixture(scope="module")
def shop_tree() -> dict[str, str]:
    return generate(SHOP_SPEC)


@pytest.mark.parametrize("name", ["shop", "minimal"])
def test_example_matches_templates_byte_for_byte(name: str) -> None:
    example = ROOT / "examples" / name
    result = check_project(example / "fastgen.yaml", example)
    drift = (
        f"examples/{name} drifted from the templates: differing={result.differing} "
        f"missing={result.missing} stale={result.stale} extra={result.extra}; regenerate with "
        f"`uv run fastgen new examples/{name}/fastgen.yaml -o examples/{name} --force`"
    )
    assert result.ok, drift
    assert not result.extra, drift  # an example holds nothing but what fastgen renders


def test_check_reports_a_hand_edit(tmp_path: Path) -> None:
    target = tmp_path / "shop"
    new_project(SHOP_SPEC, target)
    assert check_project(SHOP_SPEC, target).ok
    service = target / "app/services/v1/payments/service.py"
    service.write_text(service.read_text() + "\n# правка вручную\n")
    (target / "app/core/settings/extra.py").write_text('"""Лишний файл."""\n')
    (target / "alembic.ini").unlink()
    result = check_project(SHOP_SPEC, target)
    assert not result.ok
    assert result.differing == ["app/services/v1/payments/service.py"]
    assert result.missing == ["alembic.ini"]
    assert result.stale == []
    assert result.extra == ["app/core/settings/extra.py"]
    assert result.problems == 2


def test_tool_caches_are_not_extra_files(tmp_path: Path) -> None:
    target = tmp_path / "shop"
    new_project(SHOP_SPEC, target)
    for junk in (".venv/bin/python", "app/__pycache__/main.cpython-312.pyc", "uv.lock"):
        (target / junk).parent.mkdir(parents=True, exist_ok=True)
        (target / junk).write_text("x")
    result = check_project(SHOP_SPEC, target)
    assert result.ok
    assert result.extra == []  # not even listed: tools' files are not read


MINIMAL_SPEC = ROOT / "examples" / "minimal" / "fastgen.yaml"
HAND_WRITTEN = {
    "migrations/versions/f00d_backfill_titles.py": (
        '"""Ручная ревизия."""\n\nrevision = "f00d"\ndown_revision = None\n'
    ),
    "app/services/v1/notes/export.py": '"""Выгрузка заметок, написано командой."""\n',
    "docs/runbook.md": "# Runbook\n",
}


def test_check_leaves_the_teams_own_files_alone(tmp_path: Path) -> None:
    """A hand-written revision or module is the team's, not drift: listed as extra, still ok."""
    target = tmp_path / "notes"
    new_project(MINIMAL_SPEC, target)
    for rel, text in HAND_WRITTEN.items():
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        (target / rel).write_text(text, encoding="utf-8")
    (target / "uv.lock").write_text("version = 1\n", encoding="utf-8")
    result = check_project(MINIMAL_SPEC, target)
    assert result.ok
    assert (result.differing, result.missing, result.stale) == ([], [], [])
    assert result.extra == sorted(HAND_WRITTEN)  # uv.lock is the project's, never read


def test_check_reports_files_the_spec_no_longer_renders_as_stale(tmp_path: Path) -> None:
    """Files fastgen wrote (in the manifest) that the spec dropped are stale, not the team's."""
    grown = MINIMAL_SPEC.read_text(encoding="utf-8") + (
        "  tags:\n"
        "    description: Метки\n"
        "    entities:\n"
        "      Tag:\n"
        "        fields:\n"
        "          name: {type: str, max_length: 50}\n"
    )
    spec = tmp_path / "grown.yaml"
    spec.write_text(grown, encoding="utf-8")
    target = tmp_path / "notes"
    new_project(spec, target)
    own = target / "app/services/v1/tags/report.py"
    own.write_text('"""Отчёт по меткам."""\n', encoding="utf-8")

    result = check_project(MINIMAL_SPEC, target)  # the spec without the tags domain

    assert not result.ok
    assert "app/models/v1/tags.py" in result.stale
    assert "app/routes/v1/tags.py" in result.stale
    assert "tests/tags/test_routes.py" in result.stale
    assert all("tags" in path for path in result.stale)
    assert result.extra == ["app/services/v1/tags/report.py"]
    assert MANIFEST_FILE in result.differing
    assert [p for p in result.missing if p.startswith("migrations/versions/")], result.missing


def test_check_survives_an_unreadable_manifest(tmp_path: Path) -> None:
    target = tmp_path / "notes"
    new_project(MINIMAL_SPEC, target)
    (target / MANIFEST_FILE).write_text("{not json", encoding="utf-8")
    (target / "app/mine.py").write_text('"""Мой модуль."""\n', encoding="utf-8")
    result = check_project(MINIMAL_SPEC, target)
    assert result.differing == [MANIFEST_FILE]
    assert result.stale == []
    assert result.extra == ["app/mine.py"]


def test_render_is_identical_under_different_hash_seeds(tmp_path: Path) -> None:
    script = (
        "import json, sys; from pathlib import Path; from fastgen.api import generate; "
        "json.dump(generate(Path(sys.argv[1])), sys.stdout, sort_keys=False)"
    )
    outputs = []
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", script, str(SHOP_SPEC)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.append(run.stdout)
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["app/main.py"]


def test_tree_has_the_design_document_layout(shop_tree: dict[str, str]) -> None:
    for path in (
        "app/main.py",
        "app/core/settings/settings.py",
        "app/core/connections/database.py",
        "app/core/exceptions/base.py",
        "app/core/exceptions/handlers.py",
        "app/models/v1/base.py",
        "app/models/v1/payments.py",
        "app/schemas/v1/payments/request.py",
        "app/schemas/v1/payments/response.py",
        "app/schemas/v1/pagination.py",
        "app/services/v1/payments/service.py",
        "app/services/v1/payments/data_manager.py",
        "app/routes/v1/payments.py",
        "app/routes/main.py",
        "tests/payments/test_routes.py",
        "alembic.ini",
        "pyproject.toml",
    ):
        assert path in shop_tree, path


def test_no_file_is_empty(shop_tree: dict[str, str]) -> None:
    empty = [path for path, text in shop_tree.items() if not text.strip()]
    assert empty == []


def test_every_python_module_has_a_russian_docstring(shop_tree: dict[str, str]) -> None:
    for path, text in shop_tree.items():
        if path.endswith(".py") and not path.startswith("migrations/versions/"):
            first = text.lstrip().split("\n", 1)[0]
            assert first.startswith('"""'), path
            assert any("а" <= ch <= "я" or ch == "ё" for ch in first.lower()), path


def test_migration_revision_derives_from_content(shop_tree: dict[str, str], tmp_path: Path) -> None:
    [revision] = [p for p in shop_tree if p.startswith("migrations/versions/")]
    rev_id = Path(revision).name.split("_", 1)[0]
    assert f'revision: str = "{rev_id}"' in shop_tree[revision]
    assert "Create Date" not in shop_tree[revision]
    changed = SHOP_SPEC.read_text().replace("max_length: 200}", "max_length: 250}", 1)
    spec = tmp_path / "changed.yaml"
    spec.write_text(changed)
    other = [p for p in generate(spec) if p.startswith("migrations/versions/")]
    assert other != [revision]


def test_baseline_records_spec_and_hashes(shop_tree: dict[str, str]) -> None:
    spec_text = SHOP_SPEC.read_text()
    assert shop_tree[SPEC_FILE] == spec_text
    assert shop_tree[PROJECT_SPEC] == spec_text
    manifest = json.loads(shop_tree[MANIFEST_FILE])
    assert manifest["files"]["app/main.py"] == digest(shop_tree["app/main.py"])
    assert MANIFEST_FILE not in manifest["files"]


def test_new_refuses_a_non_empty_target(tmp_path: Path) -> None:
    target = tmp_path / "busy"
    target.mkdir()
    (target / "keep.txt").write_text("мой файл")
    with pytest.raises(TargetExistsError):
        new_project(SHOP_SPEC, target)
    assert sorted(p.name for p in target.iterdir()) == ["keep.txt"]
    new_project(SHOP_SPEC, target, force=True)
    assert not (target / "keep.txt").exists()
    assert (target / "app/main.py").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["busy"]


def test_bad_spec_writes_nothing(tmp_path: Path) -> None:
    spec = tmp_path / "bad.yaml"
    spec.write_text(SHOP_SPEC.read_text().replace("type: decimal", "type: money", 1))
    target = tmp_path / "out"
    with pytest.raises(SpecError) as caught:
        new_project(spec, target)
    assert "money" in caught.value.render()
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml"]


def test_two_templates_rendering_one_path_is_an_error(tmp_path: Path) -> None:
    """The render refuses an output path that two templates produce, naming both."""
    from fastgen.render.engine import TemplateError, render_tree  # noqa: PLC0415

    (tmp_path / "a.py.jinja").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "{{ 'a' }}.py.jinja").write_text("y = 2\n", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"both render to a\.py"):
        render_tree({}, tmp_path)


def test_a_module_beside_a_package_of_its_name_is_an_error(tmp_path: Path) -> None:
    from fastgen.render.engine import TemplateError, render_tree  # noqa: PLC0415

    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py.jinja").write_text('"""P."""\n', encoding="utf-8")
    (tmp_path / "pkg.py.jinja").write_text('"""M."""\n', encoding="utf-8")
    with pytest.raises(TemplateError, match="hides it on import"):
        render_tree({}, tmp_path)
