"""The render variables: read-only records built from the domain model and the database.

Templates read ``project`` (the domain model's project record), ``tables`` (the database
schema's tables by name: models declare their columns, keys and indexes from these, the same
records the migrations are rendered from) and ``revisions`` (each migration revision as a file
renders it); they never compute domain facts themselves.
"""

from __future__ import annotations

from typing import Any

from fastgen.db.history import History
from fastgen.db.nodes import Schema
from fastgen.model.project import ProjectCtx
from fastgen.view.revisions import RevisionCtx, revision_contexts

__all__ = ["RevisionCtx", "render_variables", "revision_contexts"]


def render_variables(project: ProjectCtx, schema: Schema, history: History) -> dict[str, Any]:
    """Return the variables every template is rendered with.

    Args:
        project: The domain model of the project.
        schema: The database schema the model describes.
        history: The migration history to render revision files from.

    Returns:
        ``project``, ``tables`` (by name) and ``revisions`` (oldest first).
    """
    return {
        "project": project,
        "tables": {table.name: table for table in schema.tables},
        "revisions": revision_contexts(history),
    }
