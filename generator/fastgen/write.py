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
import shutil
import tempfile
from pathlib import Path

from fastgen import __version__
from fastgen.errors import TargetExistsError

PROJECT_SPEC = "fastgen.yaml"
BASELINE_DIR = ".fastgen"
SPEC_FILE = f"{BASELINE_DIR}/spec.yaml"
MANIFEST_FILE = f"{BASELINE_DIR}/manifest.json"

# Paths that tools create inside a project and that fastgen neither writes nor compares.
IGNORED: tuple[str, ...] = (
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


def with_baseline(tree: dict[str, str], spec_text: str) -> dict[str, str]:
    """Add the spec and the ``.fastgen/`` baseline (spec and manifest) to a formatted tree.

    The project carries its spec twice: ``fastgen.yaml`` is the one the team edits, and
    ``.fastgen/spec.yaml`` is the one the files were last generated from.

    Args:
        tree: The formatted project tree.
        spec_text: The text of the spec the tree was rendered from.

    Returns:
        A new sorted tree that also holds the spec copy and the manifest.
    """
    files = {path: digest(text) for path, text in sorted(tree.items())}
    files[SPEC_FILE] = digest(spec_text)
    manifest = {"fastgen": __version__, "files": dict(sorted(files.items()))}
    out = {
        **tree,
        PROJECT_SPEC: spec_text,
        SPEC_FILE: spec_text,
        MANIFEST_FILE: json.dumps(manifest, indent=2) + "\n",
    }
    return dict(sorted(out.items()))


def is_ignored(rel: str) -> bool:
    """Tell whether a project-relative POSIX path belongs to a tool, not to the project."""
    return any(fnmatch.fnmatch(rel, pattern) for pattern in IGNORED)


def read_tree(root: Path) -> dict[str, str]:
    """Read every non-ignored file of a project as text (undecodable bytes are replaced)."""
    out: dict[str, str] = {}
    if not root.is_dir():
        return out
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and not is_ignored(rel):
            out[rel] = path.read_bytes().decode("utf-8", errors="replace")
    return out


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
