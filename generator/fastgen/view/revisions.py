"""Revision files as the templates render them, from the stored migration history.

Revision ``n`` is rendered as the difference between the schemas of revisions ``n - 1`` and
``n`` (:func:`fastgen.db.diff.diff`), titled in Russian from the summary of that difference.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastgen.db.diff import diff
from fastgen.db.history import History, Revision
from fastgen.db.narrowing import CHECK_FUNCTION
from fastgen.db.nodes import Schema


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

    @property
    def checks_rows(self) -> bool:
        """Tell whether the file needs its helper that checks rows fit a narrower type."""
        call = CHECK_FUNCTION + "("
        return any(line.startswith(call) for line in (*self.upgrade, *self.downgrade))


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
