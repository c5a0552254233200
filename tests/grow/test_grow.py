"""``update`` and ``add-domain`` on generated projects: edits survive, errors write nothing."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from fastgen.api import check_project, new_project
from fastgen.cli import commands as cli
from fastgen.errors import (
    ArgumentError,
    ConflictsLeftError,
    FastgenError,
    ProjectError,
    SpecError,
)
from fastgen.project.grow import add_domain, update_project
from fastgen.project.journal import recover
from fastgen.project.merge import Action
from fastgen.project.write import JOURNAL_DIR, MANIFEST_FILE, PROJECT_SPEC, read_tree
from fastgen.spec.edit import domain_from_args
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
MINIMAL_SPEC = ROOT / "examples" / "minimal" / "fastgen.yaml"
SHOP_SPEC = ROOT / "examples" / "shop" / "fastgen.yaml"
TITLE_LINE = (
    '    title: Mapped[str] = mapped_column(String(200), index=True, comment="Заголовок")\n'
)
MODEL = "app/models/v1/notes.py"

runner = CliRunner()


@pytest.fixture(scope="module")
def minimal_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("minimal") / "notes"
    new_project(MINIMAL_SPEC, target)
    return target


@pytest.fixture
def notes(minimal_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "notes"
    shutil.copytree(minimal_template, target)
    return target


def edit_spec(project: Path, old: str, new: str) -> None:
    spec = project / PROJECT_SPEC
    text = spec.read_text(encoding="utf-8")
    assert old in text
    spec.write_text(text.replace(old, new), encoding="utf-8")


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, rel
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


PINNED = "          pinned: {type: bool, default: false}\n"
WITH_DUE = PINNED + "          due: {type: date, required: false}\n"


def test_update_of_an_unchanged_project_changes_nothing(notes: Path) -> None:
    before = read_tree(notes)
    result = update_project(notes)
    assert result.changes == []
    assert result.revision is None
    assert read_tree(notes) == before


def test_spec_change_updates_files_adds_a_revision_and_a_second_run_is_a_no_op(
    notes: Path,
) -> None:
    edit_spec(notes, PINNED, WITH_DUE)
    result = update_project(notes)
    assert result.revision is not None
    assert re.fullmatch(r"migrations/versions/[0-9a-f]{12}_add_notes_due\.py", result.revision)
    assert MODEL in result.by_action(Action.REPLACE)
    assert "due: Mapped[date | None]" in (notes / MODEL).read_text(encoding="utf-8")
    revision = (notes / result.revision).read_text(encoding="utf-8")
    assert 'op.add_column("notes", sa.Column("due", sa.Date(), nullable=True))' in revision
    assert check_project(notes / PROJECT_SPEC, notes).ok
    again = update_project(notes)
    assert again.changes == []
    assert again.writes == []


def test_hand_edits_survive_a_spec_change(notes: Path) -> None:
    service = "app/services/v1/notes/service.py"
    edit(
        notes, service, '"""Операции над записями «Заметка»."""', '"""Заметки: правила команды."""'
    )
    edit(notes, "app/routes/v1/notes.py", "summary=", "# правка команды\n    summary=")
    edit_spec(notes, PINNED, WITH_DUE)
    result = update_project(notes)
    assert result.conflicts == []
    assert '"""Заметки: правила команды."""' in (notes / service).read_text(encoding="utf-8")
    assert "# правка команды" in (notes / "app/routes/v1/notes.py").read_text(encoding="utf-8")
    assert "app/routes/v1/notes.py" in result.by_action(Action.MERGE) + result.by_action(
        Action.KEEP
    )
    # The service renders as before: its previous render, formatted with the project's own
    # ruff configuration, equals the new one, so the edit is simply kept.
    assert service in result.by_action(Action.KEEP)
    assert check_project(notes / PROJECT_SPEC, notes).differing == sorted(
        [service, "app/routes/v1/notes.py"]
    )


def test_conflict_is_marked_exits_1_and_blocks_the_next_run(notes: Path) -> None:
    edit(notes, MODEL, TITLE_LINE, TITLE_LINE.replace('"Заголовок"', '"Заголовок заметки"'))
    edit_spec(notes, "max_length: 200", "max_length: 300")
    result = runner.invoke(cli.app, ["update", str(notes)])
    assert result.exit_code == 1, result.output
    assert "CONFLICTS" in result.output
    assert MODEL in result.output
    text = (notes / MODEL).read_text(encoding="utf-8")
    assert "<<<<<<< yours\n" in text
    assert '"Заголовок заметки"' in text
    assert "String(300)" in text
    before = read_tree(notes)
    with pytest.raises(ConflictsLeftError, match=re.escape(MODEL)) as caught:
        update_project(notes)
    assert caught.value.exit_code == 2
    again = runner.invoke(cli.app, ["update", str(notes)])
    assert again.exit_code == 2, again.output
    assert "conflicts of an earlier run are not resolved yet" in " ".join(again.output.split())
    assert read_tree(notes) == before


def test_a_deleted_file_is_not_recreated(notes: Path) -> None:
    (notes / "tests/notes/test_routes.py").unlink()
    edit_spec(notes, PINNED, WITH_DUE)
    result = update_project(notes)
    assert "tests/notes/test_routes.py" in result.by_action(Action.SKIP_DELETED)
    assert not (notes / "tests/notes/test_routes.py").exists()


def test_dropping_an_entity_needs_consent_and_then_keeps_only_edited_files(
    tmp_path: Path,
) -> None:
    project = tmp_path / "notes"
    spec = MINIMAL_SPEC.read_text(encoding="utf-8") + (
        "      Tag:\n        fields:\n          label: {type: str, max_length: 50}\n"
    )
    (tmp_path / "spec.yaml").write_text(spec, encoding="utf-8")
    new_project(tmp_path / "spec.yaml", project)
    edit(
        project,
        "app/services/v1/notes/data_manager.py",
        '"""',
        '"""Правка. ',
    )
    edit_spec(
        project, "      Tag:\n        fields:\n          label: {type: str, max_length: 50}\n", ""
    )
    before = read_tree(project)
    with pytest.raises(SpecError) as caught:
        update_project(project)
    message = caught.value.render()
    assert "the table `tags` would be dropped with all its rows" in message
    assert "--allow-destructive" in message
    assert re.search(r"fastgen\.yaml:\d+:\d+: domains", message)
    assert read_tree(project) == before
    result = update_project(project, allow_destructive=True)
    assert "app/models/v1/tags.py" in result.by_action(Action.DELETE)
    assert not (project / "app/models/v1/tags.py").exists()
    revision = (project / str(result.revision)).read_text(encoding="utf-8")
    assert 'op.drop_table("tags")' in revision


def test_new_required_field_without_default_is_an_error_at_its_line(notes: Path) -> None:
    edit_spec(notes, PINNED, PINNED + "          rank: {type: int}\n")
    before = read_tree(notes)
    with pytest.raises(SpecError) as caught:
        update_project(notes)
    [problem] = caught.value.problems
    assert problem.path == "domains.notes.entities.Note.fields.rank"
    assert problem.file.endswith("fastgen.yaml")
    line = (notes / "fastgen.yaml").read_text().splitlines().index("          rank: {type: int}")
    assert (problem.line, problem.column) == (line + 1, 17)
    assert read_tree(notes) == before


AUTH_ON = "  ci: []\n  auth: {roles: [admin, user]}\n"
NOTE_TITLE = "        title: Заметка\n"


def test_switching_auth_on_adds_its_tables_and_guards_the_routes(notes: Path) -> None:
    edit_spec(notes, "  ci: []\n", AUTH_ON)
    edit_spec(notes, NOTE_TITLE, NOTE_TITLE + "        permissions: {list: [authenticated]}\n")
    result = update_project(notes)
    assert result.conflicts == []
    revision = (notes / str(result.revision)).read_text(encoding="utf-8")
    for table in ("users", "user_tokens", "auth_sessions", "login_failures"):
        assert f'op.create_table(\n        "{table}"' in revision, table
    routes = (notes / "app/routes/v1/notes.py").read_text(encoding="utf-8")
    assert "NOTE_LIST = Permission(authenticated=True)" in routes
    assert "NOTE_CREATE = Permission()" in routes
    assert (notes / "app/core/security/auth.py").is_file()
    assert update_project(notes).writes == []


def test_owning_rows_of_an_existing_table_is_an_error_with_a_way_out(notes: Path) -> None:
    edit_spec(notes, "  ci: []\n", AUTH_ON)
    edit_spec(notes, NOTE_TITLE, NOTE_TITLE + "        owned_by: user\n")
    before = read_tree(notes)
    with pytest.raises(SpecError) as caught:
        update_project(notes)
    [problem] = caught.value.problems
    assert problem.path == "domains.notes.entities.Note.owned_by"
    assert "every existing row would need an owner" in problem.message
    assert read_tree(notes) == before


def test_dry_run_prints_the_diff_and_writes_nothing(notes: Path) -> None:
    edit_spec(notes, PINNED, WITH_DUE)
    before = read_tree(notes)
    result = runner.invoke(cli.app, ["update", str(notes), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert f"+++ b/{MODEL}" in result.stdout
    assert "+    due: Mapped[date | None]" in result.stdout
    assert "dry run: nothing was written" in result.output
    assert read_tree(notes) == before
    # fastgen's bookkeeping is one summary line, not thousands of diff lines.
    assert "# .fastgen/: 3 bookkeeping files (" in result.stdout
    assert "+++ b/.fastgen/" not in result.stdout
    assert "\x1b[" not in result.stdout  # not a terminal: plain text


def test_add_domain_from_the_command_line(notes: Path) -> None:
    result = runner.invoke(
        cli.app,
        [
            "add-domain",
            "billing",
            "-C",
            str(notes),
            "-e",
            "Invoice",
            "-f",
            "number:str(32)!",
            "-f",
            "total:decimal(12,2)",
            "--description",
            "Счета",
        ],
    )
    assert result.exit_code == 0, result.output
    spec = (notes / PROJECT_SPEC).read_text(encoding="utf-8")
    assert spec.startswith(MINIMAL_SPEC.read_text(encoding="utf-8"))
    assert "  billing:\n    description: Счета\n" in spec
    registry = (notes / "app/routes/v1/__init__.py").read_text(encoding="utf-8")
    assert "from app.routes.v1.billing import router as billing_router" in registry
    for rel in (
        "app/models/v1/invoices.py",
        "app/services/v1/billing/service.py",
        "tests/billing/test_routes.py",
    ):
        assert (notes / rel).is_file(), rel
    assert check_project(notes / PROJECT_SPEC, notes).ok


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["notes", "-e", "Other", "-f", "x:str"], "domain 'notes' already exists in"),
        (["billing", "-e", "Invoice", "-f", "total:money"], "unknown field type 'money'"),
        (["billing"], "--entity"),
    ],
    ids=["existing domain", "bad field type", "no entity"],
)
def test_add_domain_refuses_bad_input_and_writes_nothing(
    notes: Path, args: list[str], fragment: str
) -> None:
    before = read_tree(notes)
    result = runner.invoke(cli.app, ["add-domain", *args, "-C", str(notes)])
    assert result.exit_code == 2, result.output
    assert fragment in " ".join(result.output.split())
    assert read_tree(notes) == before


def test_a_directory_without_baseline_is_refused(tmp_path: Path) -> None:
    (tmp_path / PROJECT_SPEC).write_text(MINIMAL_SPEC.read_text(encoding="utf-8"))
    with pytest.raises(ProjectError, match=re.escape("missing .fastgen/spec.yaml")) as caught:
        update_project(tmp_path)
    assert caught.value.exit_code == 2
    with pytest.raises(ProjectError):
        add_domain(tmp_path, "billing", domain_from_args(["Invoice"], ["n:str"]))
    assert sorted(p.name for p in tmp_path.iterdir()) == [PROJECT_SPEC]


def test_an_invalid_manifest_is_a_clear_error(notes: Path) -> None:
    (notes / MANIFEST_FILE).write_text("{", encoding="utf-8")
    with pytest.raises(ProjectError, match="not a manifest fastgen can read"):
        update_project(notes)


def test_interrupted_runs_are_completed_or_discarded(notes: Path) -> None:
    journal = notes / JOURNAL_DIR
    (journal / "files" / "app").mkdir(parents=True)
    (journal / "files" / "app" / "extra.py").write_text('"""Готово."""\n', encoding="utf-8")
    (journal / "deletes.json").write_text(json.dumps(["README.md"]), encoding="utf-8")
    discarded = recover(notes)  # not committed: the project stays as it was
    assert discarded is not None
    assert "rolled back" in discarded
    assert not journal.exists()
    assert not (notes / "app/extra.py").exists()
    assert (notes / "README.md").exists()
    (journal / "files" / "app").mkdir(parents=True)
    (journal / "files" / "app" / "extra.py").write_text('"""Готово."""\n', encoding="utf-8")
    (journal / "deletes.json").write_text(json.dumps(["README.md"]), encoding="utf-8")
    (journal / "COMMITTED").write_text("", encoding="utf-8")
    message = recover(notes)
    assert message is not None
    assert "completed" in message
    assert (notes / "app/extra.py").read_text(encoding="utf-8") == '"""Готово."""\n'
    assert not (notes / "README.md").exists()
    assert not journal.exists()


def test_errors_are_fastgen_errors() -> None:
    assert issubclass(ArgumentError, FastgenError)
    assert issubclass(ConflictsLeftError, FastgenError)


HAND_REVISION = '''"""Данные: заметка-приветствие (ревизия команды)."""

from collections.abc import Sequence

revision: str = "team00000001"
down_revision: str | Sequence[str] | None = "{parent}"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Ничего не меняет в схеме."""


def downgrade() -> None:
    """Ничего не меняет в схеме."""
'''


def _only_revision(project: Path) -> str:
    [path] = (project / "migrations/versions").glob("*_initial.py")
    match = re.search(r'^revision: str = "([0-9a-f]{12})"', path.read_text(), re.MULTILINE)
    assert match is not None
    return match[1]


def test_a_new_revision_follows_a_revision_the_team_added_by_hand(notes: Path) -> None:
    initial = _only_revision(notes)
    hand = notes / "migrations/versions/team00000001_greeting.py"
    hand.write_text(HAND_REVISION.replace("{parent}", initial), encoding="utf-8")
    edit_spec(notes, PINNED, WITH_DUE)
    result = update_project(notes)
    text = (notes / str(result.revision)).read_text(encoding="utf-8")
    assert 'down_revision: str | Sequence[str] | None = "team00000001"' in text
    assert "Revises: team00000001" in text
    assert hand.read_text(encoding="utf-8") == HAND_REVISION.replace("{parent}", initial)
    assert update_project(notes).writes == []
    assert check_project(notes / PROJECT_SPEC, notes).extra == [
        "migrations/versions/team00000001_greeting.py"
    ]


def test_two_alembic_heads_are_refused(notes: Path) -> None:
    initial = _only_revision(notes)
    for name in ("team00000001", "team00000002"):
        text = HAND_REVISION.replace("{parent}", initial).replace("team00000001", name)
        (notes / f"migrations/versions/{name}_x.py").write_text(text, encoding="utf-8")
    edit_spec(notes, PINNED, WITH_DUE)
    before = read_tree(notes)
    with pytest.raises(ProjectError, match="team00000001, team00000002") as caught:
        update_project(notes)
    assert "alembic merge heads" in str(caught.value)
    assert read_tree(notes) == before


def test_add_domain_first_completes_an_interrupted_run_that_changed_the_spec(notes: Path) -> None:
    journal = notes / JOURNAL_DIR
    spec = (notes / PROJECT_SPEC).read_text(encoding="utf-8").replace(PINNED, WITH_DUE)
    (journal / "files").mkdir(parents=True)
    (journal / "files" / PROJECT_SPEC).write_text(spec, encoding="utf-8")
    (journal / "deletes.json").write_text("[]", encoding="utf-8")
    (journal / "COMMITTED").write_text("", encoding="utf-8")
    result = add_domain(notes, "billing", domain_from_args(["Invoice"], ["number:str"]))
    assert result.recovered is not None
    text = (notes / PROJECT_SPEC).read_text(encoding="utf-8")
    assert "due: {type: date, required: false}" in text
    assert "  billing:\n" in text


def test_an_edited_file_whose_render_changed_merges_with_the_projects_formatting(
    notes: Path, tmp_path: Path
) -> None:
    """The previous render of an edited file is formatted with the project's ruff settings.

    The service changes with cursor pages; merged with the team's docstring edit, it must be
    exactly the new service with that one edit — no line wrapped differently by a base that
    was formatted with another configuration.
    """
    service = "app/services/v1/notes/service.py"
    old_doc, new_doc = '"""Операции над записями «Заметка»."""', '"""Заметки: правила команды."""'
    edit(notes, service, old_doc, new_doc)
    edit_spec(
        notes,
        "        sort: [title, created_at]\n",
        "        sort: [title, created_at]\n        pagination: cursor\n",
    )
    result = update_project(notes)
    assert result.conflicts == []
    assert service in result.by_action(Action.MERGE)
    fresh = tmp_path / "fresh"
    new_project(notes / PROJECT_SPEC, fresh)
    expected = (fresh / service).read_text(encoding="utf-8").replace(old_doc, new_doc, 1)
    assert (notes / service).read_text(encoding="utf-8") == expected
