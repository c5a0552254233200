"""The pipeline from a validated spec to rendered files: model, schema, history, view, Jinja.

Each stage is a plain function over the previous stage's immutable records: the domain model
(:mod:`fastgen.model`), the database schema and migration history derived from it
(:mod:`fastgen.db`), the render variables built from both (:mod:`fastgen.view`), and the
template tree rendered with them (:mod:`fastgen.render.engine`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from fastgen.db.diff import Problem
from fastgen.db.history import History, advance
from fastgen.db.tables import schema_of
from fastgen.model.build import build_context
from fastgen.render.engine import render_tree
from fastgen.spec import Spec
from fastgen.view import render_variables


@dataclass(frozen=True)
class Rendered:
    """A rendered project (not yet formatted) and the migration history it was rendered with.

    Attributes:
        files: Output path → text, sorted by path.
        history: The stored history plus a revision for the spec, if its schema changed.
        problems: Changes of the new revision that need the user's consent or help.
    """

    files: dict[str, str]
    history: History
    problems: list[Problem]


def render_spec(
    spec: Spec,
    history: History | None = None,
    *,
    extend: bool = True,
    head: str | None = None,
    only: Collection[str] | None = None,
) -> Rendered:
    """Render the project for a validated spec (unformatted).

    Args:
        spec: The validated spec.
        history: The project's stored migration history; None for a new project.
        extend: Add a revision when the spec's schema differs from the history's last one;
            False renders the history as it is (the previous render of a project).
        head: The project's Alembic head, when revisions were added by hand after the last
            one fastgen wrote; a new revision follows it.
        only: Render just these output paths (those a three-way merge needs); None: all.

    Returns:
        The files, the history they were rendered with, and the migration problems.
    """
    model = build_context(spec)
    schema = schema_of(model)
    problems: list[Problem] = []
    if history is None or extend:
        history, problems = advance(history, schema, head)
    files = render_tree(render_variables(model, schema, history), only=only)
    return Rendered(files, history, problems)
