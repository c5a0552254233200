"""Three-way merge of a new render into a project the team has edited.

For every file the decision is made from four texts: the *base* (the previous spec rendered
by this fastgen), the *new* render, the file on *disk*, and the hash fastgen wrote last time
(the manifest):

* untouched by the user (disk hash equals the manifest) → the new render replaces it;
* the render did not change (base equals new) → the user's version stays;
* changed by both → three-way merge; overlapping changes become a conflict with markers;
* a file the user deleted is not recreated; a file no longer rendered is deleted only if the
  user did not touch it.

The baseline under ``.fastgen/`` and the spec are the generator's state and always follow the
new render. Everything here is pure: it returns what to write and delete.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from merge3 import Merge3

from fastgen.project.write import BASELINE_DIR, PROJECT_SPEC, digest

START_MARKER = "<<<<<<< yours"
MID_MARKER = "======="
END_MARKER = ">>>>>>> fastgen"


class Action(StrEnum):
    """What happens to one file."""

    UNCHANGED = "unchanged"
    """The file already is what the render says; nothing to do."""
    CREATE = "create"
    """A new file; written."""
    REPLACE = "replace"
    """Untouched by the user; the new render is written."""
    MERGE = "merge"
    """Changed by both; the clean merge is written."""
    CONFLICT = "conflict"
    """Changed by both in the same place; written with conflict markers."""
    KEEP = "keep"
    """Edited by the user and not changed by the render; left alone."""
    SKIP_DELETED = "skip-deleted"
    """Deleted by the user; not recreated."""
    DELETE = "delete"
    """No longer rendered and untouched; deleted."""
    KEEP_ORPHAN = "keep-orphan"
    """No longer rendered but edited by the user; left alone."""


WRITES = frozenset({Action.CREATE, Action.REPLACE, Action.MERGE, Action.CONFLICT})


@dataclass(frozen=True)
class FileChange:
    """The decision for one file.

    Attributes:
        path: Project-relative POSIX path.
        action: What happens to it.
        text: The text to write, for the actions in :data:`WRITES`.
        conflicts: How many conflicting regions the written text holds.
        outdated: The user edited a file that another version of fastgen (or of its
            templates) wrote: the old render it started from is not the base this merge used,
            so fastgen's own changes since then may not have reached it.
    """

    path: str
    action: Action
    text: str | None = None
    conflicts: int = 0
    outdated: bool = False


def merge_texts(base: str, yours: str, theirs: str) -> tuple[str, int]:
    """Merge the user's and the generator's changes to ``base``.

    Args:
        base: The common ancestor (the old render).
        yours: The file as the user left it.
        theirs: The new render.

    Returns:
        The merged text and the number of conflicting regions in it (marked like git does:
        ``<<<<<<< yours``, ``=======``, ``>>>>>>> fastgen``).
    """
    merger = Merge3(
        base.splitlines(keepends=True),
        yours.splitlines(keepends=True),
        theirs.splitlines(keepends=True),
    )
    out: list[str] = []
    conflicts = 0
    for group in merger.merge_groups():
        if group[0] == "conflict":
            conflicts += 1
            out += [START_MARKER + "\n", *_closed(group[2]), MID_MARKER + "\n"]
            out += [*_closed(group[3]), END_MARKER + "\n"]
        else:
            out += group[1]
    return "".join(out), conflicts


def _closed(lines: Iterable[str]) -> list[str]:
    """Return the lines with a final newline, so a marker never joins the last line."""
    items = list(lines)
    if items and not items[-1].endswith("\n"):
        items[-1] += "\n"
    return items


def has_conflict_markers(text: str) -> bool:
    """Tell whether a file still holds conflict markers fastgen wrote."""
    lines = text.splitlines()
    return any(line.startswith(START_MARKER) for line in lines) and any(
        line.startswith(END_MARKER) for line in lines
    )


def is_bookkeeping(path: str) -> bool:
    """Tell whether a file is the generator's state rather than the project's code."""
    return path == PROJECT_SPEC or path.startswith(BASELINE_DIR + "/")


def _decide(
    path: str, base: str | None, new: str, disk: str | None, wrote: str | None
) -> FileChange:
    """Decide the fate of a file the new render has."""
    if is_bookkeeping(path):
        return FileChange(path, Action.UNCHANGED if disk == new else Action.REPLACE, new)
    if disk is None:
        # Written before (it is in the manifest) and gone now: the user deleted it.
        if wrote is not None:
            return FileChange(path, Action.SKIP_DELETED)
        return FileChange(path, Action.CREATE, new)
    if disk == new:
        return FileChange(path, Action.UNCHANGED)
    if wrote is not None and digest(disk) == wrote:
        return FileChange(path, Action.REPLACE, new)
    outdated = wrote is not None and base is not None and digest(base) != wrote
    if base == new:
        return FileChange(path, Action.KEEP, outdated=outdated)
    merged, conflicts = merge_texts(base or "", disk, new)
    if conflicts:
        return FileChange(path, Action.CONFLICT, merged, conflicts, outdated=outdated)
    return FileChange(path, Action.MERGE, merged, outdated=outdated)


def plan_update(
    base: dict[str, str],
    new: dict[str, str],
    disk: dict[str, str],
    manifest: dict[str, str],
) -> list[FileChange]:
    """Decide, file by file, how a new render lands in a project.

    Args:
        base: The previous spec rendered by this fastgen (formatted).
        new: The new render, with its baseline (formatted).
        disk: The project's files as they are now.
        manifest: Path → hash of what fastgen wrote last time.

    Returns:
        One decision per file that the render, the base or the manifest knows, sorted by path.
    """
    out: list[FileChange] = []
    for path in sorted(set(new) | set(base) | set(manifest)):
        disk_text, wrote = disk.get(path), manifest.get(path)
        if path in new:
            out.append(_decide(path, base.get(path), new[path], disk_text, wrote))
        elif disk_text is None:
            continue
        elif wrote is not None and digest(disk_text) == wrote:
            out.append(FileChange(path, Action.DELETE))
        elif wrote is not None or path in base:
            out.append(FileChange(path, Action.KEEP_ORPHAN))
    return out
