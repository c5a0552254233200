"""uv.lock: `new` locks the project, `update` locks it again only when pyproject.toml changed,
a failed lock is a note (never an error), and the lock is the project's file, not fastgen's.

A fake `uv` stands in for the real one: locking needs the package index, and these tests must
neither reach it nor spend seconds per project.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest
from fastgen.api import check_project, new_project, update_project
from fastgen.cli import commands as cli
from fastgen.project.lock import lock_project
from fastgen.project.write import MANIFEST_FILE, PROJECT_SPEC
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
MINIMAL_SPEC = ROOT / "examples" / "minimal" / "fastgen.yaml"

FAKE_UV = """\
import os
import sys
from pathlib import Path

with open(os.environ["FAKE_UV_LOG"], "a", encoding="utf-8") as log:
    log.write(" ".join(sys.argv[1:]) + "\\n")
if os.environ.get("FAKE_UV_OFFLINE"):
    print("error: Failed to fetch: `https://pypi.org/simple/fastapi/`", file=sys.stderr)
    print("  Caused by: dns error: failed to lookup address information", file=sys.stderr)
    sys.exit(2)
if sys.argv[1:] == ["lock"]:
    assert Path("pyproject.toml").is_file()
    Path("uv.lock").write_text("version = 1\\n# fake\\n", encoding="utf-8")
"""


@pytest.fixture
def fake_uv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Put a fake `uv` first on PATH that logs its arguments; return the log file."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    uv = bin_dir / "uv"
    uv.write_text(f"#!{sys.executable}\n{FAKE_UV}", encoding="utf-8")
    uv.chmod(uv.stat().st_mode | stat.S_IXUSR)
    log = tmp_path / "uv.log"
    log.touch()
    # Hide the `uv` package fastgen depends on, so find_uv falls back to PATH.
    monkeypatch.setitem(sys.modules, "uv", None)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setenv("FAKE_UV_LOG", str(log))
    monkeypatch.delenv("FAKE_UV_OFFLINE", raising=False)
    return log


def calls(log: Path) -> list[str]:
    return log.read_text(encoding="utf-8").splitlines()


def test_library_new_does_not_lock(fake_uv: Path, tmp_path: Path) -> None:
    """The library renders offline by default: tests generate hundreds of projects."""
    summary = new_project(MINIMAL_SPEC, tmp_path / "notes")
    assert summary.lock is None
    assert not (tmp_path / "notes" / "uv.lock").exists()
    assert calls(fake_uv) == []


def test_new_locks_the_project(fake_uv: Path, tmp_path: Path) -> None:
    target = tmp_path / "notes"
    summary = new_project(MINIMAL_SPEC, target, lock=True)
    assert summary.lock is not None
    assert summary.lock.locked
    assert summary.lock.note is None
    assert calls(fake_uv) == ["lock"]
    assert (target / "uv.lock").is_file()
    # The lock is the project's own file: not in the manifest, never drift, never extra.
    manifest = json.loads((target / MANIFEST_FILE).read_text(encoding="utf-8"))
    assert "uv.lock" not in manifest["files"]
    result = check_project(MINIMAL_SPEC, target)
    assert result.ok
    assert "uv.lock" not in result.extra


def test_offline_lock_is_a_note_not_an_error(
    fake_uv: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _project(tmp_path)
    monkeypatch.setenv("FAKE_UV_OFFLINE", "1")
    outcome = lock_project(project)
    assert not outcome.locked
    assert outcome.note is not None
    assert "is unlocked (no uv.lock)" in outcome.note
    assert "uv lock" in outcome.note
    assert "dns error" in outcome.reason


def test_cli_new_offline_writes_the_project_and_says_how_to_lock(
    fake_uv: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_UV_OFFLINE", "1")
    target = tmp_path / "notes"
    result = CliRunner().invoke(cli.app, ["new", str(MINIMAL_SPEC), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert (target / PROJECT_SPEC).is_file()
    assert not (target / "uv.lock").exists()
    flat = " ".join(result.output.split())
    assert "is unlocked (no uv.lock)" in flat
    assert f"cd {target.resolve()} && uv lock" in flat


def test_cli_new_locks_unless_told_not_to(fake_uv: Path, tmp_path: Path) -> None:
    locked = CliRunner().invoke(cli.app, ["new", str(MINIMAL_SPEC), "-o", str(tmp_path / "a")])
    assert locked.exit_code == 0, locked.output
    assert "wrote uv.lock" in locked.output
    assert (tmp_path / "a" / "uv.lock").is_file()
    args = ["new", str(MINIMAL_SPEC), "-o", str(tmp_path / "b"), "--no-lock"]
    unlocked = CliRunner().invoke(cli.app, args)
    assert unlocked.exit_code == 0, unlocked.output
    assert not (tmp_path / "b" / "uv.lock").exists()
    assert calls(fake_uv) == ["lock"]


def _project(tmp_path: Path) -> Path:
    target = tmp_path / "notes"
    new_project(MINIMAL_SPEC, target)
    return target


def _edit_spec(project: Path, old: str, new: str) -> None:
    spec = project / PROJECT_SPEC
    text = spec.read_text(encoding="utf-8")
    assert old in text
    spec.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_update_relocks_only_when_pyproject_changes(fake_uv: Path, tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "uv.lock").write_text("version = 1\n# the team's\n", encoding="utf-8")

    # A new field: pyproject.toml is untouched, so is the team's lock.
    pinned = "pinned: {type: bool, default: false}"
    _edit_spec(project, pinned, f"{pinned}\n          rank: {{type: int, required: false}}")
    result = update_project(project, lock=True)
    assert result.writes
    assert result.lock is None
    assert calls(fake_uv) == []
    assert (project / "uv.lock").read_text(encoding="utf-8").endswith("# the team's\n")

    # Turning the cache on adds redis to the dependencies: the lock follows.
    _edit_spec(project, "cache: false", "cache: redis")
    result = update_project(project, lock=True)
    assert "pyproject.toml" in [c.path for c in result.writes]
    assert result.lock is not None
    assert result.lock.locked
    assert result.lock.existed
    assert calls(fake_uv) == ["lock"]


def test_update_leaves_an_unlocked_project_unlocked(fake_uv: Path, tmp_path: Path) -> None:
    project = _project(tmp_path)
    _edit_spec(project, "cache: false", "cache: redis")
    result = update_project(project, lock=True)
    assert "pyproject.toml" in [c.path for c in result.writes]
    assert result.lock is None
    assert not (project / "uv.lock").exists()
    assert calls(fake_uv) == []


def test_update_offline_keeps_the_old_lock_and_says_so(
    fake_uv: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _project(tmp_path)
    (project / "uv.lock").write_text("version = 1\n# the team's\n", encoding="utf-8")
    _edit_spec(project, "cache: false", "cache: redis")
    monkeypatch.setenv("FAKE_UV_OFFLINE", "1")
    result = CliRunner().invoke(cli.app, ["update", str(project)])
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    assert "uv.lock is out of date with pyproject.toml" in flat
    assert (project / "uv.lock").read_text(encoding="utf-8").endswith("# the team's\n")
