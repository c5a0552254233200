"""Formatting: one ruff run over the rendered tree.

The rendered files are written to a scratch directory together with the project's own
``pyproject.toml`` (which carries its ruff configuration), then ``ruff check --fix`` and
``ruff format`` run once each over the whole tree. The ruff version is pinned in fastgen's
dependencies, so the same input always formats to the same bytes.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from fastgen.errors import ToolError


def ruff_binary() -> str:
    """Return the path of the ruff executable that ships with fastgen's ``ruff`` dependency."""
    try:
        from ruff.__main__ import (  # type: ignore[import-untyped]  # noqa: PLC0415
            find_ruff_bin,
        )
    except ImportError as err:  # pragma: no cover - ruff is a hard dependency
        raise ToolError("ruff is not installed — reinstall fastgen with its dependencies") from err
    return os.fsdecode(find_ruff_bin())


def _run(args: list[str], cwd: Path) -> None:
    result = subprocess.run(
        [ruff_binary(), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode not in (0, 1):
        details = (result.stderr + result.stdout).strip() or f"exit code {result.returncode}"
        raise ToolError(
            f"ruff {' '.join(args)} failed on the rendered tree — this is a bug in fastgen's "
            f"templates, please report it with the spec:\n{details}"
        )


CONFIG = "pyproject.toml"
"""The file of a tree that carries its ruff configuration (written to the scratch tree)."""

MEMORY_DIR = Path("/dev/shm")
"""A memory-backed directory, where one exists: the scratch tree is written and read there."""


def _scratch_parent() -> str | None:
    """Return where the scratch tree goes: memory when the system has it, else the default.

    Writing a few hundred small files costs about ten times less in memory than on a disk.
    """
    if MEMORY_DIR.is_dir() and os.access(MEMORY_DIR, os.W_OK):
        return str(MEMORY_DIR)
    return None


def format_trees(*trees: dict[str, str]) -> list[dict[str, str]]:
    """Fix and format every Python file of one or more rendered trees in one ruff run.

    Each tree gets its own scratch subdirectory, so each is formatted with the ruff
    configuration of its own ``pyproject.toml`` (a partial tree must carry one).

    Args:
        trees: Relative POSIX path → text, as rendered.

    Returns:
        The trees in the same order, Python files fixed and formatted, each sorted by path.
    """
    with tempfile.TemporaryDirectory(prefix="fastgen-format-", dir=_scratch_parent()) as scratch:
        root = Path(scratch)
        made: set[Path] = set()
        for number, tree in enumerate(trees):
            for rel, text in tree.items():
                if not rel.endswith(".py") and rel != CONFIG:
                    continue
                path = root / str(number) / rel
                if path.parent not in made:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    made.add(path.parent)
                path.write_text(text, encoding="utf-8")
        _run(["check", "--fix", "--exit-zero", "--no-cache", "--quiet", "."], root)
        _run(["format", "--no-cache", "."], root)
        return [
            {
                rel: (root / str(number) / rel).read_text(encoding="utf-8")
                if rel.endswith(".py")
                else text
                for rel, text in sorted(tree.items())
            }
            for number, tree in enumerate(trees)
        ]


def format_tree(tree: dict[str, str]) -> dict[str, str]:
    """Fix and format every Python file of a rendered tree (see :func:`format_trees`)."""
    return format_trees(tree)[0]
