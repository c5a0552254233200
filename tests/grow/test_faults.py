"""Nothing lost under faults: a kill at every step of a journaled write, runs at once, OS errors.

The kill tests are deterministic: a forked child runs the real ``apply_changes`` (or
``recover``) with the file-system calls of ``os`` and ``io.open`` counted, and dies with
``os._exit`` at the N-th one (a ``write`` it dies in writes half its bytes first), for every N.
After each kill the next run's recovery must leave exactly the old tree or exactly the new
one: no file lost, no mix, no journal left. A few kill points go through the real CLI in a
subprocess, the next ``fastgen update`` included.
"""

from __future__ import annotations

import errno
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastgen.api import new_project
from fastgen.cli import commands as cli
from fastgen.errors import FileAccessError, ProjectLockedError
from fastgen.project import grow, journal, write
from fastgen.project.grow import add_domain, update_project
from fastgen.project.journal import COMMITTED, project_lock
from fastgen.project.write import (
    JOURNAL_DIR,
    LOCK_FILE,
    MANIFEST_FILE,
    PROJECT_SPEC,
    digest,
    read_tree,
)
from fastgen.spec.edit import domain_from_args
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
MINIMAL_SPEC = ROOT / "examples" / "minimal" / "fastgen.yaml"
PINNED = "          pinned: {type: bool, default: false}\n"
WITH_DUE = PINNED + "          due: {type: date, required: false}\n"
MODEL = "app/models/v1/notes.py"

KILLED = 86
"""Exit status of a child the fault hook killed."""

COUNTED = ("open", "write", "fsync", "mkdir", "replace", "rename", "unlink", "remove", "rmdir")
"""The ``os`` functions whose calls are kill points (``io.open`` is one too)."""

runner = CliRunner()


@dataclass(frozen=True)
class Change:
    """One real change of a project: the tree before, the tree after, what was applied."""

    start: Path
    old: dict[str, str]
    new: dict[str, str]
    writes: dict[str, str]
    deletes: list[str]


@dataclass(frozen=True)
class Outcome:
    """How a forked child ended: its exit status, the calls it made, what it raised."""

    status: int
    ops: list[str]
    error: str


def install_fault(kill_at: int | None, ops: list[str]) -> None:
    """Count this process's file-system calls in ``ops``; die at call ``kill_at`` (1-based).

    ``fsync`` is counted but not done: a killed process keeps the page cache, so syncing
    would only cost time here.
    """

    def wrap(owner: object, name: str) -> None:
        real = getattr(owner, name)

        def hooked(*args: object, **kwargs: object) -> object:
            subject = args[0] if args and isinstance(args[0], str | os.PathLike) else ""
            ops.append(f"{name} {Path(subject).name}" if subject else name)
            if len(ops) == kill_at:
                data = args[1] if name == "write" and len(args) > 1 else b""
                if isinstance(data, bytes | memoryview) and len(data) > 1:
                    real(args[0], bytes(data)[: len(data) // 2])  # a torn write
                os._exit(KILLED)
            return None if name == "fsync" else real(*args, **kwargs)

        setattr(owner, name, hooked)

    for name in COUNTED:
        wrap(os, name)
    wrap(io, "open")


def in_child(action: Callable[[], object], kill_at: int | None = None) -> Outcome:
    """Run ``action`` in a forked child that dies at its ``kill_at``-th file-system call."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        status = 1
        real_write = os.write
        try:
            os.close(read_end)
            ops: list[str] = []
            install_fault(kill_at, ops)
            error = ""
            try:
                action()
                status = 0
            except BaseException as err:
                error = f"{type(err).__name__}: {err}"
            real_write(write_end, json.dumps([ops, error]).encode())
        finally:
            os._exit(status)
    os.close(write_end)
    chunks = []
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    _, raw = os.waitpid(pid, 0)
    ops, error = json.loads(b"".join(chunks)) if chunks else ([], "")
    return Outcome(os.waitstatus_to_exitcode(raw), ops, error)


def _recording(target: dict[str, object], real: Callable[..., None]) -> Callable[..., None]:
    def record(root: Path, writes: dict[str, str], deletes: list[str]) -> None:
        target["writes"] = dict(writes)
        target["deletes"] = list(deletes)
        real(root, writes, deletes)

    return record


def _edit_spec(project: Path, old: str, new: str) -> None:
    spec = project / PROJECT_SPEC
    text = spec.read_text(encoding="utf-8")
    assert old in text
    spec.unlink()  # the copies share inodes: never write into one
    spec.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Where the projects go: in memory where the system has it (hundreds of copies are made)."""
    memory = Path("/dev/shm")
    if not (memory.is_dir() and os.access(memory, os.W_OK)):
        yield tmp_path_factory.mktemp("faults")
        return
    folder = Path(tempfile.mkdtemp(prefix="fastgen-faults-", dir=memory))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def scratch(root: Path, request: pytest.FixtureRequest) -> Path:
    """A fresh folder beside the module's projects (so copies can be hard links)."""
    name = "".join(c if c.isalnum() else "-" for c in request.node.name)
    folder = root / "tests" / name
    folder.mkdir(parents=True)
    return folder


@pytest.fixture(scope="module")
def base(root: Path) -> Path:
    """The minimal example as generated (never changed: tests copy it)."""
    target = root / "base"
    new_project(MINIMAL_SPEC, target)
    return target


@pytest.fixture(scope="module")
def changes(root: Path, base: Path) -> dict[str, Change]:
    """Two real changes of the minimal project: add a domain, then remove it again."""
    added = root / "added"
    shutil.copytree(base, added)
    edited = root / "edited"  # the spec without the domain, not applied yet
    removed = root / "removed"
    first: dict[str, object] = {}
    second: dict[str, object] = {}
    real = grow.apply_changes
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(grow, "apply_changes", _recording(first, real))
        add_domain(added, "billing", domain_from_args(["Invoice"], ["number:str"]))
        shutil.copytree(added, edited)
        shutil.copy(base / PROJECT_SPEC, edited / PROJECT_SPEC)
        shutil.copytree(edited, removed)
        patch.setattr(grow, "apply_changes", _recording(second, real))
        update_project(removed, allow_destructive=True)
    trees = {path: read_tree(path) for path in (base, added, edited, removed)}
    return {
        "add-domain": Change(
            base,
            trees[base],
            trees[added],
            first["writes"],  # type: ignore[arg-type]
            first["deletes"],  # type: ignore[arg-type]
        ),
        "remove-domain": Change(
            edited,
            trees[edited],
            trees[removed],
            second["writes"],  # type: ignore[arg-type]
            second["deletes"],  # type: ignore[arg-type]
        ),
    }


@pytest.fixture
def no_sync(monkeypatch: pytest.MonkeyPatch) -> None:
    """Skip fsync in this process too: the kill tests are about kills, not power cuts."""
    monkeypatch.setattr(os, "fsync", lambda fd: None)


def copy(source: Path, target: Path) -> Path:
    """Copy a project by hard links (the journal never writes into an existing file)."""
    shutil.copytree(source, target, copy_function=os.link)
    return target


def state(project: Path, change: Change) -> str:
    tree = read_tree(project)
    if tree == change.old:
        return "old"
    if tree == change.new:
        return "new"
    lost = sorted(set(change.old) & set(change.new) - set(tree))
    return f"mixed (lost: {lost[:5]})" if lost else "mixed"


def apply(project: Path, change: Change) -> Callable[[], None]:
    return lambda: journal.apply_changes(project, change.writes, change.deletes)


def cleanup_start(ops: list[str], change: Change) -> int:
    """The first kill point (1-based) of the clean-up: after the last move and the deletes."""
    last_move = max(i for i, op in enumerate(ops) if op.startswith("replace "))
    return last_move + 1 + len(change.deletes) + 1


def after(ops: list[str], op: str) -> int:
    """The kill point (1-based) right after ``op`` was done."""
    return ops.index(op) + 2


def test_the_changes_write_and_delete(changes: dict[str, Change]) -> None:
    assert len(changes["add-domain"].writes) > 10
    assert changes["add-domain"].deletes == []
    assert len(changes["remove-domain"].deletes) > 5


@pytest.mark.parametrize("name", ["add-domain", "remove-domain"])
@pytest.mark.usefixtures("no_sync")
def test_a_kill_at_any_step_leaves_the_old_or_the_new_tree(
    changes: dict[str, Change], name: str, scratch: Path
) -> None:
    change = changes[name]
    full = in_child(apply(copy(change.start, scratch / "probe"), change))
    assert full.status == 0, full.error
    assert state(scratch / "probe", change) == "new"
    first_cleanup = cleanup_start(full.ops, change)
    assert len(full.ops) - first_cleanup + 1 >= 10, "the clean-up has at least 10 kill points"
    states: dict[str, int] = {}
    failures: list[str] = []
    for step in range(1, len(full.ops) + 1):
        project = copy(change.start, scratch / f"kill-{step}")
        killed = in_child(apply(project, change), step)
        assert killed.status == KILLED, (step, killed)
        where = f"step {step} ({full.ops[step - 1]}{', clean-up' if step >= first_cleanup else ''})"
        try:
            journal.recover(project)
        except Exception as err:
            failures.append(f"{where}: recover raised {err!r}")
            continue
        found = state(project, change)
        states[found] = states.get(found, 0) + 1
        if found not in ("old", "new") or (project / JOURNAL_DIR).exists():
            failures.append(f"{where}: {found}")
        shutil.rmtree(project)
    summary = f"{len(full.ops)} kill points ({first_cleanup}.. in the clean-up), states {states}"
    assert failures == [], summary + "\n" + "\n".join(failures)
    assert states.get("old"), summary
    assert states.get("new"), summary


@pytest.mark.parametrize("name", ["add-domain", "remove-domain"])
@pytest.mark.usefixtures("no_sync")
def test_a_kill_during_recovery_is_recovered_by_the_next_run(
    changes: dict[str, Change], name: str, scratch: Path
) -> None:
    change = changes[name]
    full = in_child(apply(copy(change.start, scratch / "probe"), change))
    committed = copy(change.start, scratch / "committed")
    # Killed right after the marker was created: nothing is moved yet.
    assert in_child(apply(committed, change), after(full.ops, f"open {COMMITTED}")).status
    assert (committed / JOURNAL_DIR / COMMITTED).exists()
    model = copy(committed, scratch / "model")
    recovery = in_child(lambda: journal.recover(model))
    assert recovery.status == 0, recovery.error
    assert state(model, change) == "new"
    assert len(recovery.ops) > 2 * len(change.writes)
    marker_gone = after(recovery.ops, f"unlink {COMMITTED}")
    failures = []
    for step in range(1, len(recovery.ops) + 1):
        project = copy(committed, scratch / f"r{step}")
        killed = in_child(lambda p=project: journal.recover(p), step)  # type: ignore[misc]
        assert killed.status == KILLED, (step, killed)
        message = journal.recover(project)
        found = state(project, change)
        if found != "new" or (project / JOURNAL_DIR).exists():
            failures.append(f"recovery step {step} ({recovery.ops[step - 1]}): {found}")
        if message != (None if step >= marker_gone else journal.COMPLETED_MESSAGE):
            failures.append(f"recovery step {step}: the next recovery said {message!r}")
        shutil.rmtree(project)
    assert failures == [], f"{len(recovery.ops)} kill points\n" + "\n".join(failures)


@pytest.mark.usefixtures("no_sync")
def test_after_a_kill_the_next_update_finds_the_manifest_agreeing_with_the_files(
    changes: dict[str, Change], scratch: Path
) -> None:
    change = changes["add-domain"]
    full = in_child(apply(copy(change.start, scratch / "probe"), change))
    first_cleanup = cleanup_start(full.ops, change)
    picked = sorted({1, len(full.ops) // 3, first_cleanup - 5, first_cleanup, first_cleanup + 3})
    picked.append(len(full.ops) - 1)
    for step in picked:
        project = copy(change.start, scratch / f"kill-{step}")
        assert in_child(apply(project, change), step).status == KILLED
        result = update_project(project)  # recovers first, then has nothing left to do
        assert result.writes == [], step
        assert state(project, change) in ("old", "new"), step


DRIVER = """
import os, sys
sys.path.insert(0, os.environ["FAULTS_DIR"])
from test_faults import install_fault
from fastgen.project import grow, journal

real = journal.apply_changes

def apply_changes(*args, **kwargs):
    install_fault(int(os.environ["KILL_AT"]), [])
    return real(*args, **kwargs)

grow.apply_changes = apply_changes
from fastgen.cli import main
sys.argv = ["fastgen", *sys.argv[1:]]
main()
"""


def run_cli(*args: str, kill_at: int | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real CLI in a subprocess, killed at a step of ``apply_changes`` if asked."""
    env = {**os.environ, "FAULTS_DIR": str(Path(__file__).parent), "KILL_AT": str(kill_at)}
    command = ["-c", DRIVER] if kill_at is not None else ["-m", "fastgen"]
    return subprocess.run(
        [sys.executable, *command, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
        timeout=120,
    )


def _cli_kills(changes: dict[str, Change], scratch: Path, steps: list[int]) -> None:
    change = changes["add-domain"]
    for step in steps:
        project = copy(change.start, scratch / f"cli-{step}")
        args = ["add-domain", "billing", "-C", str(project), "-e", "Invoice", "-f", "number:str"]
        killed = run_cli(*args, kill_at=step)
        assert killed.returncode == KILLED, (step, killed.stderr)
        left = project / JOURNAL_DIR
        if (left / COMMITTED).exists():
            note = journal.COMPLETED_MESSAGE
        elif left.is_dir() and any(left.iterdir()):
            note = journal.DISCARDED_MESSAGE
        else:
            note = ""
        next_run = run_cli("update", str(project))
        assert next_run.returncode == 0, (step, next_run.stderr)
        said = " ".join(next_run.stderr.split())
        assert "is up to date with its spec" in said, (step, said)
        assert note in said, (step, note, said)
        assert state(project, change) in ("old", "new"), step
        assert not (project / JOURNAL_DIR).exists()


def _steps(changes: dict[str, Change], scratch: Path) -> tuple[list[str], int]:
    change = changes["add-domain"]
    full = in_child(apply(copy(change.start, scratch / "probe"), change))
    return full.ops, cleanup_start(full.ops, change)


def test_the_real_cli_killed_in_the_clean_up_is_completed_by_the_next_update(
    changes: dict[str, Change], scratch: Path
) -> None:
    ops, _ = _steps(changes, scratch)
    # The window of the report: deletes.json is gone, COMMITTED is not yet.
    step = after(ops, "unlink deletes.json")
    project = copy(changes["add-domain"].start, scratch / "window")
    assert in_child(apply(project, changes["add-domain"]), step).status == KILLED
    assert (project / JOURNAL_DIR / COMMITTED).exists()
    assert not (project / JOURNAL_DIR / "deletes.json").exists()
    _cli_kills(changes, scratch, [step])


@pytest.mark.e2e
def test_the_real_cli_killed_at_many_steps(changes: dict[str, Change], scratch: Path) -> None:
    ops, first_cleanup = _steps(changes, scratch)
    steps = sorted({*range(1, len(ops) + 1, 20), *range(first_cleanup, len(ops) + 1, 3)})
    _cli_kills(changes, scratch, steps)


# --- two runs at once -------------------------------------------------------------------


@pytest.fixture(scope="module")
def due(root: Path, base: Path) -> tuple[Path, dict[str, str]]:
    """The minimal project with a field added to its spec, and the tree an update makes."""
    edited = root / "due"
    shutil.copytree(base, edited)
    _edit_spec(edited, PINNED, WITH_DUE)
    done = root / "due-done"
    shutil.copytree(edited, done)
    update_project(done)
    return edited, read_tree(done)


def _start_pair(project: Path, timeout: float) -> list[tuple[int, int]]:
    """Fork two ``update`` runs that start together; return (pid, pipe to read) of each."""
    gate_read, gate_write = os.pipe()
    children = []
    for _ in range(2):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            code = 1
            try:
                os.close(read_end)
                os.close(gate_write)
                os.read(gate_read, 1)  # the barrier: both wait for the parent's go
                try:
                    result = update_project(project, lock_timeout=timeout)
                    report, code = f"0 {len(result.writes)}", 0
                except Exception as err:
                    report = f"{getattr(err, 'exit_code', 3)} {err}"
                    code = 0
                os.write(write_end, report.encode())
            finally:
                os._exit(code)
        os.close(write_end)
        children.append((pid, read_end))
    os.close(gate_read)
    os.write(gate_write, b"go")
    os.close(gate_write)
    return children


def _finish_pair(children: list[tuple[int, int]]) -> list[str]:
    """Wait for both runs; return their reports, ``EXIT_CODE WRITES-OR-MESSAGE``, sorted."""
    reports = []
    for pid, read_end in children:
        chunks = []
        while chunk := os.read(read_end, 65536):
            chunks.append(chunk)
        os.close(read_end)
        _, raw = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(raw) == 0
        reports.append(b"".join(chunks).decode())
    return sorted(reports)


def manifest_disagreements(project: Path) -> list[str]:
    manifest = json.loads((project / MANIFEST_FILE).read_text(encoding="utf-8"))["files"]
    tree = read_tree(project)
    return [rel for rel, hashed in manifest.items() if digest(tree.get(rel, "\0")) != hashed]


def test_two_updates_at_once_never_lose_a_file(
    due: tuple[Path, dict[str, str]], scratch: Path
) -> None:
    edited, expected = due
    outcomes: dict[str, int] = {}
    for pair in range(24):
        project = scratch / f"pair-{pair}"
        shutil.copytree(edited, project)
        timeout = 0.0 if pair % 2 else 30.0  # odd pairs: the second run gives up at once
        first, second = _finish_pair(_start_pair(project, timeout))
        if first.startswith("0 ") and second.startswith("0 "):
            # Both ran: one after the other, the second with nothing left to write.
            assert sorted([first, second])[0] == "0 0", (pair, first, second)
            outcomes["waited"] = outcomes.get("waited", 0) + 1
        else:
            assert first.startswith("0 "), (pair, first)
            assert not first.startswith("0 0"), (pair, first)
            assert second.startswith("2 "), (pair, second)
            # The holder's pid is named when it still holds the lock as the message is made;
            # a fast first run may be done by then (the held-lock test below checks the pid).
            assert "holds the project lock" in second, second
            outcomes["exit 2"] = outcomes.get("exit 2", 0) + 1
        assert read_tree(project) == expected, pair
        assert manifest_disagreements(project) == [], pair
        assert not (project / JOURNAL_DIR).exists()
        shutil.rmtree(project)
    assert outcomes.get("waited"), outcomes
    assert outcomes.get("exit 2"), outcomes


def _paused_run(project: Path, where: str) -> tuple[int, int, int]:
    """Fork an ``update`` that stops right after ``grow.<where>`` until told to go on.

    Returns the child's pid, the pipe it says "paused" on, and the pipe to say "go" on.
    """
    paused_read, paused_write = os.pipe()
    go_read, go_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 1
        try:
            real = getattr(grow, where)

            def pause(*args: object, **kwargs: object) -> object:
                result = real(*args, **kwargs)
                os.write(paused_write, b"p")
                os.read(go_read, 1)
                return result

            setattr(grow, where, pause)
            update_project(project)
            code = 0
        finally:
            os._exit(code)
    os.close(paused_write)
    os.close(go_read)
    return pid, paused_read, go_write


@pytest.mark.parametrize("where", ["_baseline", "apply_changes"])
def test_the_lock_covers_reading_the_baseline_through_writing_the_manifest(
    due: tuple[Path, dict[str, str]], scratch: Path, where: str
) -> None:
    edited, expected = due
    project = scratch / "notes"
    shutil.copytree(edited, project)
    pid, paused, go = _paused_run(project, where)
    try:
        assert os.read(paused, 1) == b"p"  # the first run has read its baseline / written all
        with pytest.raises(ProjectLockedError):
            update_project(project, lock_timeout=0)
        with pytest.raises(ProjectLockedError):
            add_domain(project, "billing", domain_from_args(["Invoice"], ["n:str"]), lock_timeout=0)
    finally:
        os.write(go, b"g")
        os.close(go)
        os.close(paused)
        _, raw = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(raw) == 0
    assert read_tree(project) == expected
    assert manifest_disagreements(project) == []


def test_a_held_lock_makes_the_run_exit_2_naming_the_holder(base: Path, scratch: Path) -> None:
    project = copy(base, scratch / "notes")
    before = read_tree(project)
    with project_lock(project):
        with pytest.raises(ProjectLockedError) as caught:
            update_project(project, lock_timeout=0.2)
        assert caught.value.exit_code == 2
        message = str(caught.value)
        assert f"(pid {os.getpid()})" in message
        assert str(project / LOCK_FILE) in message
        assert "run the command again" in message
        with pytest.raises(ProjectLockedError):
            add_domain(project, "billing", domain_from_args(["Invoice"], ["n:str"]), lock_timeout=0)
    assert read_tree(project) == before
    assert update_project(project).writes == []  # the lock is free again


def test_the_cli_exits_2_while_another_run_holds_the_lock(
    base: Path, scratch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy(base, scratch / "notes")
    monkeypatch.setattr(journal, "LOCK_TIMEOUT", 0.1)
    with project_lock(project):
        result = runner.invoke(cli.app, ["update", str(project)])
    assert result.exit_code == 2, result.output
    assert "holds the project lock" in result.output


def test_the_lock_file_and_the_journal_are_not_part_of_the_project() -> None:
    assert write.is_ignored(LOCK_FILE)
    assert write.is_ignored(f"{JOURNAL_DIR}/COMMITTED")
    gitignore = (ROOT / "templates" / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".fastgen/transaction/" in gitignore
    assert ".fastgen/lock" in gitignore


# --- the system refuses a write ---------------------------------------------------------


def failing(name: str, code: int, *, after: int = 0) -> Callable[..., object]:
    """An ``os`` function that works ``after`` times, then raises ``OSError(code)``."""
    real = getattr(os, name)
    calls = [0]

    def fail(*args: object, **kwargs: object) -> object:
        calls[0] += 1
        if calls[0] > after:
            filename = args[0] if name == "replace" else None
            raise OSError(code, os.strerror(code), filename)
        return real(*args, **kwargs)

    return fail


@pytest.fixture
def notes(due: tuple[Path, dict[str, str]], scratch: Path) -> Path:
    project = scratch / "notes"
    shutil.copytree(due[0], project)
    return project


@contextmanager
def during_apply(name: str, replacement: Callable[..., object]) -> Iterator[None]:
    """Replace an ``os`` function only while ``apply_changes`` runs (not while rendering)."""
    real_apply = grow.apply_changes

    def apply_changes(*args: object, **kwargs: object) -> None:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(os, name, replacement)
            real_apply(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(grow, "apply_changes", apply_changes)
        yield


def test_disk_full_while_moving_exits_2_and_the_next_run_completes(
    notes: Path, due: tuple[Path, dict[str, str]]
) -> None:
    with during_apply("replace", failing("replace", errno.ENOSPC, after=3)):
        result = runner.invoke(cli.app, ["update", str(notes)])
    assert result.exit_code == 2, result.output
    output = " ".join(result.output.split())
    assert f"{notes}/{JOURNAL_DIR}/files/" in output
    assert "cannot write — No space left on device — free space and run the command again" in output
    assert "the next run completes or rolls back the interrupted write" in output
    assert "bug" not in output
    assert (notes / JOURNAL_DIR / COMMITTED).exists()  # half applied, committed
    again = update_project(notes)
    assert again.recovered is not None
    assert "completed" in again.recovered
    assert read_tree(notes) == due[1]
    assert manifest_disagreements(notes) == []


def test_disk_full_while_preparing_exits_2_and_changes_nothing(
    notes: Path, due: tuple[Path, dict[str, str]]
) -> None:
    before = read_tree(notes)
    with (
        during_apply("write", failing("write", errno.ENOSPC, after=5)),
        pytest.raises(FileAccessError) as caught,
    ):
        update_project(notes)
    assert caught.value.exit_code == 2
    assert str(caught.value).startswith(f"{notes}/{JOURNAL_DIR}/files/")
    assert "No space left on device" in str(caught.value)
    assert not (notes / JOURNAL_DIR).exists()  # dropped at once
    assert read_tree(notes) == before
    update_project(notes)
    assert read_tree(notes) == due[1]


def test_permission_denied_mid_apply_exits_2_and_the_next_run_completes(
    notes: Path, due: tuple[Path, dict[str, str]]
) -> None:
    with during_apply("replace", failing("replace", errno.EACCES, after=1)):
        result = runner.invoke(cli.app, ["update", str(notes)])
    assert result.exit_code == 2, result.output
    output = " ".join(result.output.split())
    assert "cannot write — Permission denied — give your user permission to write it" in output
    assert update_project(notes).recovered is not None
    assert read_tree(notes) == due[1]


def test_a_read_only_directory_exits_2_and_the_next_run_completes(
    notes: Path, due: tuple[Path, dict[str, str]]
) -> None:
    if os.geteuid() == 0:
        pytest.skip("running as root: chmod does not stop root from writing (see the EACCES test)")
    folder = notes / "app" / "models" / "v1"
    folder.chmod(0o555)
    try:
        result = runner.invoke(cli.app, ["update", str(notes)])
    finally:
        folder.chmod(0o755)
    assert result.exit_code == 2, result.output
    assert "Permission denied" in result.output
    update_project(notes)
    assert read_tree(notes) == due[1]


def test_an_unreadable_project_exits_2(notes: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == "notes.py":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    result = runner.invoke(cli.app, ["update", str(notes)])
    assert result.exit_code == 2, result.output
    assert f"{notes / MODEL}: cannot read — Permission denied" in " ".join(result.output.split())


def test_any_other_os_error_is_the_environment_not_a_bug(
    monkeypatch: pytest.MonkeyPatch, scratch: Path
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EIO, "Input/output error", "/mnt/shop/fastgen.yaml")

    monkeypatch.setattr("fastgen.api.update_project", broken)
    result = runner.invoke(cli.app, ["update", str(scratch)])
    assert result.exit_code == 2, result.output
    assert "/mnt/shop/fastgen.yaml: cannot access — Input/output error" in result.output
    assert "bug" not in result.output


def test_new_on_a_full_disk_exits_2_and_leaves_nothing(
    scratch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = write._dump

    def dump(tree: dict[str, str], root: Path) -> None:
        real(dict(list(tree.items())[:5]), root)
        raise OSError(errno.ENOSPC, "No space left on device", str(root / "app"))

    monkeypatch.setattr(write, "_dump", dump)
    target = scratch / "out"
    result = runner.invoke(cli.app, ["new", str(MINIMAL_SPEC), "-o", str(target)])
    assert result.exit_code == 2, result.output
    output = " ".join(result.output.split())
    assert "cannot write — No space left on device — free space" in output
    assert f"{target} was not changed" in output
    assert list(scratch.iterdir()) == []


def test_new_force_puts_the_old_contents_back_when_the_swap_fails(
    scratch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = scratch / "out"
    target.mkdir()
    (target / "keep.txt").write_text("мои данные", encoding="utf-8")
    real = Path.rename

    def rename(self: Path, other: Path) -> Path:
        if Path(other) == target and ".fastgen-" in self.name and not self.name.endswith(".old"):
            raise OSError(errno.EACCES, "Permission denied", str(other))
        return real(self, other)

    monkeypatch.setattr(Path, "rename", rename)
    result = runner.invoke(cli.app, ["new", str(MINIMAL_SPEC), "-o", str(target), "--force"])
    assert result.exit_code == 2, result.output
    assert "was not changed" in result.output
    assert [p.name for p in scratch.iterdir()] == ["out"]
    assert (target / "keep.txt").read_text(encoding="utf-8") == "мои данные"
