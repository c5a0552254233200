"""The migration history of a project: stored schemas, new revisions, revision contexts.

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
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from fastgen.errors import ProjectError
from fastgen.migrations import Problem, diff
from fastgen.schema import Schema

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


@dataclass(frozen=True)
class RevisionCtx:
    """A revision file as the template renders it.

    Attributes:
        id: The revision id.
        down_revision: The id of the revision before it, or None for the first.
        filename: The file name without ``.py``.
        number: 1 for the first revision, 2 for the next, and so on.
        changes: What the revision does, in Russian, one phrase per change.
        upgrade: Alembic statements of ``upgrade()``.
        downgrade: Alembic statements of ``downgrade()``.
    """

    id: str
    down_revision: str | None
    filename: str
    number: int
    changes: list[str]
    upgrade: list[str]
    downgrade: list[str]

    @property
    def title(self) -> str:
        """The first line of the revision's docstring, which ``alembic history`` shows."""
        if self.number == 1:
            return "Начальная схема: таблицы всех сущностей спецификации."
        shown = "; ".join(self.changes[:2])
        rest = len(self.changes) - 2
        if rest > 0:
            shown += f" и ещё {rest} {_changes_word(rest)}"
        text = f"Изменение схемы № {self.number}: {shown}."
        return text[:1].upper() + text[1:]

    @property
    def uses_postgresql(self) -> bool:
        """Tell whether the file needs ``sqlalchemy.dialects.postgresql``."""
        return any("postgresql." in line for line in (*self.upgrade, *self.downgrade))


def revision_contexts(history: History) -> list[RevisionCtx]:
    """Return every revision of the history, ready to render."""
    out: list[RevisionCtx] = []
    previous: Revision | None = None
    for number, revision in enumerate(history.revisions, start=1):
        before = previous.tables if previous else Schema()
        up, down = diff(before, revision.tables), diff(revision.tables, before)
        slug = "initial" if previous is None else _slug(up.summary)
        out.append(
            RevisionCtx(
                id=revision.id,
                down_revision=revision.down or (previous.id if previous else None),
                filename=f"{revision.id}_{slug}",
                number=number,
                changes=[_russian(item) for item in up.summary],
                upgrade=up.code,
                downgrade=down.code,
            )
        )
        previous = revision
    return out


_VERBS = {
    "create table": "создаёт таблицу",
    "drop table": "удаляет таблицу",
    "add column": "добавляет колонку",
    "drop column": "удаляет колонку",
    "alter column": "изменяет колонку",
    "change constraints": "меняет ограничения и индексы таблицы",
}


def _changes_word(count: int) -> str:
    """Return «изменение» in the form that goes with ``count``."""
    if count % 10 == 1 and count % 100 != 11:
        return "изменение"
    if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        return "изменения"
    return "изменений"


def _russian(item: str) -> str:
    for english, russian in _VERBS.items():
        if item.startswith(english + " "):
            return f"{russian} «{item.removeprefix(english + ' ')}»"
    raise AssertionError(item)  # pragma: no cover - every summary phrase is listed above


def _slug(summary: list[str]) -> str:
    if not summary:  # pragma: no cover - a revision is only added when something changes
        return "revision"
    first = summary[0].replace("create table", "create").replace("column ", "")
    first = first.replace("drop table", "drop").replace(" ", "_").replace(".", "_")
    return first[:40] + ("_and_more" if len(summary) > 1 else "")


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
