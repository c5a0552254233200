"""Growing a project: ``update`` (re-apply its spec) and ``add-domain`` (extend it, then apply).

Both render the project twice — the spec it was last generated from (``.fastgen/spec.yaml``)
and the spec now — with this fastgen, and land the difference in the project file by file
(:mod:`fastgen.project.merge`), so hand edits survive. A change of the database schema adds a
migration revision (:mod:`fastgen.db.history`). Nothing is written when the spec is invalid,
a change needs consent that was not given, or conflicts of an earlier run are unresolved;
everything that is written is written as one step (:func:`fastgen.project.journal.apply_changes`),
under the project lock, which is held from reading the baseline until the manifest is written.
With ``lock``, a run that changed ``pyproject.toml`` in a project with a ``uv.lock`` then locks
its dependencies again (:mod:`fastgen.project.lock`); any other run leaves ``uv.lock`` alone.
"""

from __future__ import annotations

import difflib
import json
import logging
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import astuple, dataclass, replace
from pathlib import Path

from fastgen.db.diff import Problem
from fastgen.db.history import History, alembic_heads, read_history
from fastgen.errors import (
    ConflictsLeftError,
    FileAccessError,
    ProjectError,
    SpecError,
    SpecProblem,
)
from fastgen.project.journal import apply_changes, project_lock, recover
from fastgen.project.lock import UV_LOCK, LockOutcome, lock_project
from fastgen.project.merge import (
    WRITES,
    Action,
    FileChange,
    has_conflict_markers,
    is_bookkeeping,
    plan_update,
)
from fastgen.project.write import (
    BASELINE_DIR,
    HISTORY_FILE,
    MANIFEST_FILE,
    PROJECT_SPEC,
    SPEC_FILE,
    digest,
    read_tree,
    unchanged_renders,
    with_baseline,
)
from fastgen.render.format import CONFIG, format_trees
from fastgen.render.pipeline import render_spec
from fastgen.spec import load_spec_text
from fastgen.spec.edit import add_domain_text
from fastgen.spec.positions import Issue, dotted, parse_yaml

VERSIONS = "migrations/versions/"
BASELINE = (SPEC_FILE, MANIFEST_FILE, HISTORY_FILE)

_log = logging.getLogger("fastgen")


@dataclass(frozen=True)
class UpdateResult:
    """What ``update`` or ``add-domain`` did (or, with ``dry_run``, would do).

    Attributes:
        project: The project directory.
        changes: Every file that is written, deleted or deliberately left alone, by path.
        revision: The file name of the migration revision added, if the schema changed.
        recovered: What was done about an interrupted earlier run, if there was one.
        dry_run: Nothing was written.
        diff: With ``dry_run``, a unified diff of every write and delete against the project
            on disk (empty otherwise: only a dry run shows it).
        seconds: Wall time.
        lock: The outcome of locking ``uv.lock`` again after ``pyproject.toml`` changed; None
            when it was not attempted (no change to it, no ``uv.lock``, or not asked for).
    """

    project: Path
    changes: list[FileChange]
    revision: str | None
    recovered: str | None
    dry_run: bool
    diff: str
    seconds: float
    lock: LockOutcome | None = None

    @property
    def conflicts(self) -> list[FileChange]:
        """Files written with conflict markers."""
        return [c for c in self.changes if c.action is Action.CONFLICT]

    @property
    def writes(self) -> list[FileChange]:
        """Files written or deleted (a run with none changed nothing)."""
        return [c for c in self.changes if c.action in WRITES or c.action is Action.DELETE]

    def by_action(self, action: Action) -> list[str]:
        """Return the paths that got ``action``."""
        return [c.path for c in self.changes if c.action is action]


def _baseline(project: Path) -> tuple[str, History, dict[str, str], dict[str, str]]:
    """Read the spec, history and manifest the project was last generated with.

    Returns:
        The spec text, the history, each file's hash as written, and the hash before ruff of
        each file ruff changed (empty for a project generated before it was recorded).
    """
    missing = [rel for rel in BASELINE if not (project / rel).is_file()]
    if not (project / PROJECT_SPEC).is_file() or missing:
        what = ", ".join(
            [PROJECT_SPEC, *missing] if not (project / PROJECT_SPEC).is_file() else missing
        )
        raise ProjectError(
            f"{project}: not a project fastgen generated, or its baseline is incomplete "
            f"(missing {what}) — run it in a directory made by `fastgen new`, and keep "
            "`.fastgen/` under version control"
        )
    spec_text = (project / SPEC_FILE).read_text(encoding="utf-8")
    history = read_history(project / HISTORY_FILE)
    try:
        stored = json.loads((project / MANIFEST_FILE).read_text(encoding="utf-8"))
        manifest, rendered = dict(stored["files"]), dict(stored.get("rendered", {}))
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        raise ProjectError(
            f"{project / MANIFEST_FILE}: not a manifest fastgen can read ({err}) — restore it "
            "from version control"
        ) from None
    return spec_text, history, manifest, rendered


def _left_conflicts(project: Path, manifest: Mapping[str, str], disk: Mapping[str, str]) -> None:
    """Refuse to run while a generated file still holds conflict markers of an earlier run.

    Only files that differ from what fastgen wrote can hold them (a conflict is written as
    the merged text, never recorded in the manifest), so the others are not read.
    """
    left = [
        rel
        for rel in sorted(manifest)
        if rel in disk and digest(disk[rel]) != manifest[rel] and has_conflict_markers(disk[rel])
    ]
    if left:
        listing = "\n".join(f"  {rel}" for rel in left)
        raise ConflictsLeftError(
            f"{project}: conflicts of an earlier run are not resolved yet:\n{listing}\n"
            "edit each file, keep the lines you want between `<<<<<<< yours` and "
            "`>>>>>>> fastgen`, remove the markers, then run the command again; nothing was "
            "written"
        )


def _head(project: Path, disk: Mapping[str, str]) -> str:
    """Return the single Alembic head of the project's revisions on disk.

    Raises:
        ProjectError: The revisions have several heads (or none), so a new revision would
            not know what to follow.
    """
    versions = {rel: text for rel, text in disk.items() if rel.startswith(VERSIONS)}
    heads = alembic_heads(versions)
    if len(heads) != 1:
        found = ", ".join(heads) or "none"
        raise ProjectError(
            f"{project / VERSIONS}: the migrations must form one chain with one head, found "
            f"{found} — join the heads with `uv run alembic merge heads -m merge` (or restore "
            "the revision files), then run the command again"
        )
    return heads[0]


def _migration_problems(
    problems: list[Problem], spec_text: str, filename: str, *, allow_destructive: bool
) -> None:
    """Raise the problems of a new revision as spec problems at their place in the spec.

    Warnings (a change that may fail at upgrade because of the rows already there) do not
    stop the run: they are logged on the ``fastgen`` logger, at their place in the spec
    (without logging configured, Python prints them on stderr).
    """
    blocking = [p for p in problems if not p.warning and not (p.destructive and allow_destructive)]
    warnings = [p for p in problems if p.warning]
    if not blocking and not warnings:
        return
    parsed = parse_yaml(spec_text)
    found: list[SpecProblem] = []
    for problem in (*blocking, *warnings):
        message = problem.text
        mark = parsed.locate(Issue(problem.origin, message))
        found.append(SpecProblem(filename, mark.line, mark.column, dotted(problem.origin), message))
    if blocking:
        raise SpecError(found[: len(blocking)])
    for note in sorted(found):
        _log.warning("%s:%d:%d: warning: %s: %s", *astuple(note))


def _format_both(
    base: dict[str, str], new: dict[str, str]
) -> tuple[dict[str, str], dict[str, str]]:
    """Format the new render and the base in one ruff run.

    A base file rendered exactly like the new one formats exactly like it too, so only the
    base files that differ are formatted (with the base's ``pyproject.toml`` for the ruff
    configuration); the others are taken from the formatted new render.
    """
    differing = {rel: text for rel, text in base.items() if new.get(rel) != text}
    if differing and CONFIG in base:
        differing[CONFIG] = base[CONFIG]
    new_files, base_differing = format_trees(new, differing)
    formatted = {
        rel: base_differing[rel] if rel in base_differing else new_files[rel] for rel in base
    }
    return formatted, new_files


def _unified(disk: Mapping[str, str], changes: list[FileChange]) -> str:
    """Return a unified diff of every write and delete against the files on disk.

    fastgen's own bookkeeping under ``.fastgen/`` (the spec copy, the migration history, the
    manifest) is summed up in one comment line instead: it is most of the text and none of
    it is the team's to review.
    """
    chunks: list[str] = []
    bookkeeping = [
        c.path
        for c in changes
        if c.path.startswith(BASELINE_DIR + "/")
        and (c.action in WRITES or c.action is Action.DELETE)
    ]
    if bookkeeping:
        chunks.append(
            f"# .fastgen/: {len(bookkeeping)} bookkeeping files ({', '.join(bookkeeping)})\n"
        )
    for change in changes:
        if change.action not in WRITES and change.action is not Action.DELETE:
            continue
        if change.path in bookkeeping:
            continue
        before = disk.get(change.path, "")
        after = change.text or ""
        chunks += difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"a/{change.path}" if change.path in disk else "/dev/null",
            tofile="/dev/null" if change.action is Action.DELETE else f"b/{change.path}",
        )
    return "".join(line if line.endswith("\n") else line + "\n" for line in chunks)


def _require_baseline(project: Path) -> None:
    """Refuse a directory that is not a generated project, before anything is locked."""
    if not all((project / rel).is_file() for rel in (PROJECT_SPEC, *BASELINE)):
        _baseline(project)  # raises the "not a generated project" error


@contextmanager
def _session(project: Path, *, dry_run: bool, lock_timeout: float | None) -> Iterator[str | None]:
    """Hold the project lock (but for a dry run) and finish an interrupted run first.

    Yields what was done about an interrupted run; an ``OSError`` inside becomes a
    :class:`~fastgen.errors.FileAccessError` naming the path.
    """
    with _reading(project):
        _require_baseline(project)
    if dry_run:  # reads only: neither locks nor recovers, so it works on a read-only copy
        with _reading(project):
            yield None
        return
    with project_lock(project, lock_timeout):
        recovered = recover(project)
        with _reading(project):
            yield recovered


@contextmanager
def _reading(project: Path) -> Iterator[None]:
    """Turn an ``OSError`` while reading the project into a FileAccessError."""
    try:
        yield
    except OSError as err:
        raise FileAccessError.from_os_error(err, project, "read") from err


def _apply(
    project: Path,
    spec_text: str | None,
    *,
    dry_run: bool,
    allow_destructive: bool,
    recovered: str | None,
    started: float,
) -> UpdateResult:
    """Plan a run against the project on disk and, unless ``dry_run``, write it."""
    old_text, history, manifest, manifest_rendered = _baseline(project)
    disk = read_tree(project)
    _left_conflicts(project, manifest, disk)
    spec_path = project / PROJECT_SPEC
    filename = str(spec_path)
    if spec_text is None:
        spec_text = spec_path.read_bytes().decode("utf-8-sig")
    new_spec = load_spec_text(spec_text, filename)
    new = render_spec(new_spec, history, head=_head(project, disk))
    _migration_problems(new.problems, spec_text, filename, allow_destructive=allow_destructive)
    # The previous render matters only where the user changed a file (a three-way merge):
    # every other file is either fastgen's own, untouched since, or gone.
    edited = {
        path
        for path, text in disk.items()
        if not is_bookkeeping(path) and manifest.get(path) != digest(text)
    }
    base: dict[str, str] = {}
    if edited:
        old_spec = load_spec_text(old_text, str(project / SPEC_FILE))
        # With its pyproject.toml: ruff formats the base with the base's configuration.
        base = render_spec(old_spec, history, extend=False, only={*edited, CONFIG}).files
    # A file that renders as last time and is untouched on disk is formatted already.
    reused = unchanged_renders(new.files, disk, manifest, manifest_rendered)
    fresh = {path: text for path, text in new.files.items() if path not in reused}
    fresh[CONFIG] = new.files[CONFIG]  # ruff's configuration for the files it formats
    base_files, formatted = _format_both(base, fresh)
    new_files = dict(sorted({**reused, **formatted}.items()))
    new_tree = with_baseline(new_files, spec_text, new.history.dumps(), new.files)
    plan = plan_update(base_files, new_tree, disk, manifest)
    changes = [c for c in plan if c.action is not Action.UNCHANGED]
    revision = None
    if len(new.history.revisions) > len(history.revisions):
        prefix = VERSIONS + new.history.head.id + "_"
        revision = next(path for path in new_tree if path.startswith(prefix))
    diff = _unified(disk, changes) if dry_run else ""
    if not dry_run:
        writes = {c.path: c.text for c in changes if c.action in WRITES and c.text is not None}
        deletes = [c.path for c in changes if c.action is Action.DELETE]
        if writes or deletes:
            apply_changes(project, writes, deletes)
    return UpdateResult(
        project=project,
        changes=changes,
        revision=revision,
        recovered=recovered,
        dry_run=dry_run,
        diff=diff,
        seconds=time.perf_counter() - started,
    )


def _relock(result: UpdateResult, *, lock: bool) -> UpdateResult:
    """Lock the project again if the run changed its ``pyproject.toml`` and it has a lock.

    A ``pyproject.toml`` left with conflict markers is not locked: uv could not read it.
    """
    changed = any(
        c.path == CONFIG and c.action in WRITES and c.action is not Action.CONFLICT
        for c in result.changes
    )
    if not lock or result.dry_run or not changed or not (result.project / UV_LOCK).is_file():
        return result
    outcome = lock_project(result.project)
    return replace(result, lock=outcome, seconds=result.seconds + outcome.seconds)


def update_project(
    project: Path,
    *,
    spec_text: str | None = None,
    dry_run: bool = False,
    allow_destructive: bool = False,
    lock_timeout: float | None = None,
    lock: bool = False,
) -> UpdateResult:
    """Re-apply a project's spec (or ``spec_text``, which becomes the project's spec).

    The run holds the project lock from reading the baseline until the manifest is written
    (a dry run reads without it) and first completes or rolls back an interrupted run.

    Args:
        project: The project directory (holding ``fastgen.yaml`` and ``.fastgen/``).
        spec_text: A new text for ``fastgen.yaml``; None applies the file as it is.
        dry_run: Decide everything and return the diff, but write nothing.
        allow_destructive: Let a migration drop tables or columns, or narrow types.
        lock_timeout: Seconds to wait for another run on the same project (None: the
            default, :data:`fastgen.project.journal.LOCK_TIMEOUT`, 10 s).
        lock: When the run changed ``pyproject.toml`` and the project has a ``uv.lock``,
            run ``uv lock`` afterwards (needs the package index; a failure is reported in
            the result, not raised). The CLI asks for it; the default keeps the library
            offline.

    Returns:
        What was (or would be) written, deleted and kept, the conflicts, and the lock.

    Raises:
        ProjectError: The directory is not a generated project.
        ProjectLockedError: Another run held the lock for ``lock_timeout`` seconds.
        ConflictsLeftError: Conflict markers of an earlier run are still in a file.
        SpecError: The spec is invalid, or its change cannot be migrated as asked.
        FileAccessError: The system refused a read or a write (disk full, no permission).
    """
    started = time.perf_counter()
    project = project.resolve()
    with _session(project, dry_run=dry_run, lock_timeout=lock_timeout) as recovered:
        result = _apply(
            project,
            spec_text,
            dry_run=dry_run,
            allow_destructive=allow_destructive,
            recovered=recovered,
            started=started,
        )
    return _relock(result, lock=lock)


def add_domain(
    project: Path,
    name: str,
    body: Mapping[str, object],
    *,
    dry_run: bool = False,
    allow_destructive: bool = False,
    lock_timeout: float | None = None,
    lock: bool = False,
) -> UpdateResult:
    """Add a domain to a project's spec and apply it (see :func:`update_project`).

    Args:
        project: The project directory.
        name: The new domain's name (snake_case, not taken yet).
        body: The domain: ``{"description": ..., "entities": {...}}``.
        dry_run: Write nothing; return the diff.
        allow_destructive: Passed on to :func:`update_project`.
        lock_timeout: Seconds to wait for another run on the same project (None: the
            default, :data:`fastgen.project.journal.LOCK_TIMEOUT`, 10 s).
        lock: Lock ``uv.lock`` again if ``pyproject.toml`` changed (see
            :func:`update_project`).

    Returns:
        What was (or would be) written; ``fastgen.yaml`` is among the files.
    """
    started = time.perf_counter()
    project = project.resolve()
    spec_path = project / PROJECT_SPEC
    # An interrupted run may still have to put its fastgen.yaml in place: the session
    # finishes it before the spec is read.
    with _session(project, dry_run=dry_run, lock_timeout=lock_timeout) as recovered:
        text = spec_path.read_bytes().decode("utf-8-sig")
        new_text = add_domain_text(text, name, body, filename=str(spec_path))
        result = _apply(
            project,
            new_text,
            dry_run=dry_run,
            allow_destructive=allow_destructive,
            recovered=recovered,
            started=started,
        )
    return _relock(result, lock=lock)
