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
from collections.abc import Mapping
from pathlib import Path

from fastgen import __version__
from fastgen.errors import FileAccessError, TargetExistsError

PROJECT_SPEC = "fastgen.yaml"
BASELINE_DIR = ".fastgen"
SPEC_FILE = f"{BASELINE_DIR}/spec.yaml"
MANIFEST_FILE = f"{BASELINE_DIR}/manifest.json"
HISTORY_FILE = f"{BASELINE_DIR}/migrations.json"
JOURNAL_DIR = f"{BASELINE_DIR}/transaction"
LOCK_FILE = f"{BASELINE_DIR}/lock"

# Paths that tools create inside a project and that fastgen neither writes nor compares.
IGNORED: tuple[str, ...] = (
    f"{JOURNAL_DIR}/*",
    LOCK_FILE,
    ".venv/*",
    ".git/*",
    "*/__pycache__/*",
    "__pycache__/*",
    "*.pyc",
    ".mypy_cache/*",
    ".ruff_cache/*",
    ".pytest_cache/*",
    ".hypothesis/*",
    ".schemathesis/*",
    ".coverage",
    ".coverage.*",
    "coverage.xml",
    "htmlcov/*",
    # The project's own lock (fastgen.project.lock): not rendered, never in the manifest.
    "uv.lock",
    ".env",
    "dist/*",
    "build/*",
    "*.egg-info/*",
)


def digest(text: str) -> str:
    """Return the SHA-256 hex digest of a file's text as written (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def with_baseline(
    tree: dict[str, str], spec_text: str, history_text: str, rendered: Mapping[str, str]
) -> dict[str, str]:
    """Add the spec and the ``.fastgen/`` baseline to a formatted tree.

    The project carries its spec twice: ``fastgen.yaml`` is the one the team edits, and
    ``.fastgen/spec.yaml`` is the one the files were last generated from. Beside it are the
    migration history and the manifest: the hash of every file as fastgen wrote it and, for
    each file ruff changed, the hash of the render before ruff (so the next ``update`` knows
    which files render as before and need no formatting).

    Args:
        tree: The formatted project tree.
        spec_text: The text of the spec the tree was rendered from.
        history_text: The migration history, as stored.
        rendered: The same tree before formatting.

    Returns:
        A new sorted tree that also holds the spec copy, the history and the manifest.
    """
    files = {path: digest(text) for path, text in sorted(tree.items())}
    before = {
        path: digest(text)
        for path, text in sorted(rendered.items())
        if path in tree and tree[path] != text
    }
    files[SPEC_FILE] = digest(spec_text)
    files[HISTORY_FILE] = digest(history_text)
    manifest = {"fastgen": __version__, "files": dict(sorted(files.items())), "rendered": before}
    out = {
        **tree,
        PROJECT_SPEC: spec_text,
        SPEC_FILE: spec_text,
        HISTORY_FILE: history_text,
        MANIFEST_FILE: json.dumps(manifest, indent=2) + "\n",
    }
    return dict(sorted(out.items()))


def unchanged_renders(
    rendered: Mapping[str, str],
    disk: Mapping[str, str],
    wrote: Mapping[str, str],
    wrote_rendered: Mapping[str, str],
) -> dict[str, str]:
    """Return the files whose formatted text is already on disk: no need to format them.

    A file renders exactly as it did last time (its hash before ruff is the stored one) and
    the user has not touched it (the disk holds what fastgen wrote): then ruff would turn it
    into the text on disk again, so that text is the new formatted file.

    Args:
        rendered: The new render, before formatting.
        disk: The project's files.
        wrote: The manifest's hash of each file as fastgen wrote it.
        wrote_rendered: The manifest's hash of each file before ruff, where ruff changed it.

    Returns:
        Path → formatted text, for the files that need no formatting.
    """
    out: dict[str, str] = {}
    for path, text in rendered.items():
        on_disk, written = disk.get(path), wrote.get(path)
        if on_disk is None or written is None:
            continue
        if wrote_rendered.get(path, written) == digest(text) and digest(on_disk) == written:
            out[path] = on_disk
    return out


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
        FileAccessError: The system refused a read or a write (disk full, no permission, a
            read-only file system); ``target`` is left as it was, or the message says where
            its old contents are.
    """
    target = target.resolve()
    unchanged = f"; {target} was not changed"
    try:
        occupied = target.exists() and (not target.is_dir() or any(target.iterdir()))
    except OSError as err:
        raise FileAccessError.from_os_error(err, target, "read", then=unchanged) from err
    if occupied and not force:
        raise TargetExistsError(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}.fastgen-", dir=target.parent))
    except OSError as err:
        raise FileAccessError.from_os_error(err, target.parent, "write", then=unchanged) from err
    old = target.parent / f"{scratch.name}.old"
    try:
        _dump(tree, scratch)
        _swap(scratch, target, old)
    except OSError as err:
        raise FileAccessError.from_os_error(err, target, "write", then=unchanged) from err
    finally:
        if scratch.exists():
            shutil.rmtree(scratch, ignore_errors=True)
    try:
        if old.is_dir():
            shutil.rmtree(old)
        elif old.exists():
            old.unlink()
    except OSError as err:
        then = f"; the new project is in {target}, remove its old contents in {old} by hand"
        raise FileAccessError.from_os_error(err, old, "remove", then=then) from err


def _swap(scratch: Path, target: Path, old: Path) -> None:
    """Rename ``scratch`` to ``target``, moving an existing ``target`` to ``old`` first.

    Raises:
        FileAccessError: The rename failed and the old contents could not be put back.
    """
    if not target.exists():
        scratch.rename(target)
        return
    target.rename(old)
    try:
        scratch.rename(target)
    except OSError as err:
        try:
            old.rename(target)
        except OSError:
            then = f"; the old contents of {target} are in {old}"
            raise FileAccessError.from_os_error(err, target, "write", then=then) from err
        raise
