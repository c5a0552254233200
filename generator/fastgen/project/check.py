"""Comparing a project on disk with a fresh render: what ``fastgen check`` reports.

A project is the team's as much as fastgen's. Every file the render has is fastgen's and must
be on disk exactly as rendered; a file fastgen once wrote (it is in the project's
``.fastgen/manifest.json``) that the render no longer has is *stale*: ``fastgen update`` would
delete it, or leave it to the team if they edited it. Every other file is the team's (a
hand-written Alembic revision, a module of their own) and is never drift: it is counted, and
listed only on request. ``uv.lock`` is the project's too, but like caches and virtual
environments it is not even read (see :data:`fastgen.project.write.IGNORED`): never drift,
never missing, never listed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from fastgen.project.write import MANIFEST_FILE, read_tree

__all__ = ["CheckResult", "compare", "manifest_paths"]


@dataclass(frozen=True)
class CheckResult:
    """Differences between a fresh render and a project on disk.

    Attributes:
        differing: Generated files present on disk with other contents.
        missing: Generated files the project lacks.
        stale: Files the project's manifest records as written by fastgen that the render no
            longer has, still on disk.
        extra: The team's own files: on disk, neither rendered nor in the manifest. They are
            not drift and do not make the check fail.
    """

    differing: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Tell whether every generated file is on disk as rendered and none is left over."""
        return not (self.differing or self.missing or self.stale)

    @property
    def problems(self) -> int:
        """Return how many files make the check fail."""
        return len(self.differing) + len(self.missing) + len(self.stale)


def manifest_paths(project: Path) -> set[str]:
    """Return the paths the project's manifest records as written by fastgen.

    A missing or unreadable manifest records nothing: it is itself a generated file, so the
    comparison reports it as missing or differing anyway.
    """
    try:
        stored = json.loads((project / MANIFEST_FILE).read_text(encoding="utf-8"))
        files = stored["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return set()
    if not isinstance(files, dict):
        return set()
    return {path for path in files if isinstance(path, str)}


def compare(expected: Mapping[str, str], project: Path) -> CheckResult:
    """Compare a rendered tree with the project on disk.

    Args:
        expected: The render: relative POSIX path → text, baseline included.
        project: The project directory.

    Returns:
        The generated files that differ or are missing, the stale ones, and the team's own.
    """
    actual = read_tree(project)
    recorded = manifest_paths(project)
    leftover = [path for path in actual if path not in expected]
    return CheckResult(
        differing=sorted(p for p, text in expected.items() if p in actual and actual[p] != text),
        missing=sorted(p for p in expected if p not in actual),
        stale=sorted(p for p in leftover if p in recorded),
        extra=sorted(p for p in leftover if p not in recorded),
    )
