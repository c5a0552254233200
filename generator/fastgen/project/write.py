"""Writing: the baseline a project carries, atomic creation, and reading a project back.

A generated project keeps ``.fastgen/spec.yaml`` (the spec it was generated from) and
``.fastgen/manifest.json`` (the SHA-256 of every file fastgen wrote), so later commands can
tell the user's edits from the generator's. A new project is written to a scratch directory
beside the target and renamed into place, so an interrupted run leaves nothing half-written.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from fastgen import __version__
from fastgen.errors import TargetExistsError

PROJECT_SPEC = "fastgen.yaml"
BASELINE_DIR = ".fastgen"
SPEC_FILE = f"{BASELINE_DIR}/spec.yaml"
MANIFEST_FILE = f"{BASELINE_DIR}/manifest.json"
HISTORY_FILE = f"{BASELINE_DIR}/migrations.json"
JOURNAL_DIR = f"{BASELINE_DIR}/transaction"
COMMITTED = "COMMITTED"

# Paths that tools create inside a project and that fastgen neither writes nor compares.
IGNORED: tuple[str, ...] = (
    f"{JOURNAL_DIR}/*",
    ".venv/*",
    ".git/*",
    "*/__pycache__/*",
    "__pycache__/*",
    "*.pyc",
    ".mypy_cache/*",
    ".ruff_cache/*",
    ".pytest_cache/*",
    ".coverage",
    ".coverage.*",
    "coverage.xml",
    "htmlcov/*",
    "uv.lock",
    ".env",
    "dist/*",
    "build/*",
    "*.egg-info/*",
)


def digest(text: str) -> str:
    """Return the SHA-256 hex digest of a file's text as written (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def with_baseline(tree: dict[str, str], spec_text: str, history_text: str) -> dict[str, str]:
    """Add the spec and the ``.fastgen/`` baseline to a formatted tree.

    The project carries its spec twice: ``fastgen.yaml`` is the one the team edits, and
    ``.fastgen/spec.yaml`` is the one the files were last generated from. Beside it are the
    migration history and the manifest (the hash of every file as fastgen rendered it).

    Args:
        tree: The formatted project tree.
        spec_text: The text of the spec the tree was rendered from.
        history_text: The migration history, as stored.

    Returns:
        A new sorted tree that also holds the spec copy, the history and the manifest.
    """
    files = {path: digest(text) for path, text in sorted(tree.items())}
    files[SPEC_FILE] = digest(spec_text)
    files[HISTORY_FILE] = digest(history_text)
    manifest = {"fastgen": __version__, "files": dict(sorted(files.items()))}
    out = {
        **tree,
        PROJECT_SPEC: spec_text,
        SPEC_FILE: spec_text,
        HISTORY_FILE: history_text,
        MANIFEST_FILE: json.dumps(manifest, indent=2) + "\n",
    }
    return dict(sorted(out.items()))


def is_ignored(rel: str) -> bool:
    """Tell whether a project-relative POSIX path belongs to a tool, not to the project."""
    return any(fnmatch.fnmatch(rel, pattern) for pattern in IGNORED)


def read_tree(root: Path) -> dict[str, str]:
    """Read every non-ignored file of a project as text (undecodable bytes are replaced).

    Ignored directories (``.venv``, ``.git``, caches) are not descended into at all, so a
    project with an installed environment is read as fast as one without.
    """
    out: dict[str, str] = {}
    if not root.is_dir():
        return out
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        prefix = here.relative_to(root).as_posix()
        prefix = "" if prefix == "." else prefix + "/"
        dirs[:] = sorted(d for d in dirs if not is_ignored(f"{prefix}{d}/"))
        for name in files:
            rel = prefix + name
            path = here / name
            if not is_ignored(rel) and path.is_file():
                out[rel] = path.read_bytes().decode("utf-8", errors="replace")
    return dict(sorted(out.items()))


def _dump(tree: dict[str, str], root: Path) -> None:
    for rel, text in tree.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)


def write_new_project(tree: dict[str, str], target: Path, *, force: bool = False) -> None:
    """Write a whole project atomically.

    The tree goes to a scratch directory beside ``target`` and is renamed into place; with
    ``force``, the old contents are moved aside first and removed only after the rename.

    Args:
        tree: Relative POSIX path → text.
        target: The project directory.
        force: Replace a non-empty ``target``.

    Raises:
        TargetExistsError: ``target`` exists, is not empty, and ``force`` is false.
    """
    target = target.resolve()
    occupied = target.exists() and (not target.is_dir() or any(target.iterdir()))
    if occupied and not force:
        raise TargetExistsError(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}.fastgen-", dir=target.parent))
    try:
        _dump(tree, scratch)
        old = None
        if target.exists():
            old = target.parent / f"{scratch.name}.old"
            target.rename(old)
        scratch.rename(target)
        if old is not None:
            shutil.rmtree(old) if old.is_dir() else old.unlink()
    finally:
        if scratch.exists():
            shutil.rmtree(scratch, ignore_errors=True)


def _fsync_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def apply_changes(root: Path, writes: dict[str, str], deletes: list[str]) -> None:
    """Write and delete files of an existing project as one all-or-nothing step.

    Every new text goes to a journal under ``.fastgen/transaction/`` first; only when all of
    it is on disk is the journal marked committed, and only then are files moved into place
    (each move is atomic). A run interrupted before the mark leaves the project as it was; one
    interrupted after it is completed by :func:`recover` at the start of the next run.

    Args:
        root: The project directory.
        writes: Relative POSIX path → new text.
        deletes: Relative POSIX paths to remove.
    """
    journal = root / JOURNAL_DIR
    if journal.exists():
        shutil.rmtree(journal)
    for rel, text in writes.items():
        _fsync_write(journal / "files" / rel, text)
    _fsync_write(journal / "deletes.json", json.dumps(sorted(deletes)) + "\n")
    _fsync_write(journal / COMMITTED, "")
    _finish(root)


def _finish(root: Path) -> None:
    """Move a committed journal's files into place, delete what it lists, drop the journal."""
    journal = root / JOURNAL_DIR
    files = journal / "files"
    for path in sorted(p for p in files.rglob("*") if p.is_file()) if files.exists() else []:
        target = root / path.relative_to(files)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
    deletes = json.loads((journal / "deletes.json").read_text(encoding="utf-8"))
    for rel in deletes:
        (root / rel).unlink(missing_ok=True)
    shutil.rmtree(journal)


def recover(root: Path) -> str | None:
    """Complete or discard a run of ``update`` or ``add-domain`` that was interrupted.

    Returns:
        What was done, for the user, or None when there was nothing to recover.
    """
    journal = root / JOURNAL_DIR
    if not journal.exists():
        return None
    if (journal / COMMITTED).exists():
        _finish(root)
        return "an interrupted run was completed: every file it had prepared is now in place"
    shutil.rmtree(journal)
    return "an interrupted run was discarded: it had changed nothing"
