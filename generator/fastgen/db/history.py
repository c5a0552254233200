"""The migration history of a project: stored schemas and new revisions.

``.fastgen/migrations.json`` lists every revision fastgen has rendered for the project with
the schema the database has after it. Revision ``n`` is rendered as the difference between
the schemas of revisions ``n - 1`` and ``n``; a spec whose schema differs from the last one
adds a revision. Revision ids derive from content (the previous id and the new schema), so
the same history always renders to the same files, and a stored revision is never changed.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from fastgen.db.diff import Problem, diff
from fastgen.db.nodes import Schema
from fastgen.errors import ProjectError

HISTORY_FORMAT = 1


class Revision(BaseModel):
    """One stored revision: its id and the schema after it."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    id: str = Field(pattern=r"^[0-9a-f]{12}$")
    tables: Schema = Field(alias="schema")
    down: str | None = None
    """The revision it follows when that is not the previous one fastgen wrote (a revision
    the team added by hand was the head when it was rendered)."""


class History(BaseModel):
    """Every revision of a project, oldest first."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: int = HISTORY_FORMAT
    revisions: list[Revision] = Field(min_length=1)

    @property
    def head(self) -> Revision:
        """Return the newest revision."""
        return self.revisions[-1]

    def dumps(self) -> str:
        """Return the history as the JSON text stored in the project."""
        data = {
            "format": self.format,
            "revisions": [
                r.model_dump(mode="json", by_alias=True, exclude_defaults=True)
                for r in self.revisions
            ],
        }
        return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def load_history(text: str, where: str) -> History:
    """Parse a stored history.

    Raises:
        ProjectError: The file is not a history this fastgen can read; names the file.
    """
    try:
        history = History.model_validate_json(text)
    except ValidationError as err:
        first = err.errors()[0]
        place = ".".join(str(p) for p in first["loc"])
        raise ProjectError(
            f"{where}: not a migration history fastgen can read ({place}: {first['msg']}) — "
            "restore it from version control; fastgen writes this file and it is not meant to "
            "be edited"
        ) from None
    if history.format != HISTORY_FORMAT:
        raise ProjectError(
            f"{where}: migration history format {history.format} is newer than this fastgen "
            f"reads ({HISTORY_FORMAT}) — upgrade fastgen"
        )
    return history


def read_history(path: Path) -> History:
    """Read and parse the history stored at ``path`` (see :func:`load_history`)."""
    return load_history(path.read_text(encoding="utf-8"), str(path))


def revision_id(previous: str | None, schema: Schema) -> str:
    """Return the id of a revision: a digest of the previous id and the schema after it."""
    payload = json.dumps(
        {"down": previous, "schema": schema.content()},
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]


def advance(
    history: History | None, schema: Schema, head: str | None = None
) -> tuple[History, list[Problem]]:
    """Return the history with a revision for ``schema`` appended if it changed anything.

    Args:
        history: The stored history, or None for a new project.
        schema: The schema the spec describes now.
        head: The project's current Alembic head when it is not the last revision fastgen
            wrote (the team added revisions of its own); the new revision follows it, so the
            chain stays linear.

    Returns:
        The history to render and store, and the problems of the new revision (empty when
        no revision was added or it needs no consent).
    """
    if history is None:
        return History(revisions=[Revision(id=revision_id(None, schema), schema=schema)]), []
    change = diff(history.head.tables, schema)
    if not change.code:  # the same tables, maybe listed in another order
        return history, []
    problems = change.problems
    parent = head or history.head.id
    down = head if head and head != history.head.id else None
    added = Revision(id=revision_id(parent, schema), schema=schema, down=down)
    return History(revisions=[*history.revisions, added]), problems


_REVISION = re.compile(r"^revision(?:\s*:\s*str)?\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN = re.compile(r"^down_revision(?:\s*:[^=]+)?\s*=\s*(.+)$", re.MULTILINE)


def alembic_heads(sources: dict[str, str]) -> list[str]:
    """Return the heads of the revision graph in a project's ``migrations/versions`` files.

    Args:
        sources: File name → text of every revision file.

    Returns:
        The revision ids no other revision follows, sorted.
    """
    ids: set[str] = set()
    parents: set[str] = set()
    for text in sources.values():
        found = _REVISION.search(text)
        if found is None:
            continue
        ids.add(found[1])
        down = _DOWN.search(text)
        if down is not None:
            parents.update(re.findall(r"['\"]([^'\"]+)['\"]", down[1]))
    return sorted(ids - parents)
