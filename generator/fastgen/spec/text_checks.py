"""Checks of the human text of a spec: titles and descriptions.

Titles and descriptions reach docstrings, comments, string literals, TOML, YAML comments,
Markdown and ``.env`` files of the generated project. Any printable text can be carried there,
but a control character cannot be written in most of them (TOML refuses it, Python source
cannot hold a null byte, a terminal would act on an escape sequence), so it is refused
everywhere; a title names something on one line (a README heading, a mail sender, a comment), so
it cannot hold a line break either. Like every semantic check, these read plain data and skip
values of the wrong type, which the shape check reports.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from fastgen.spec.positions import Issue, Path, as_map

LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
"""Characters that end a line for Python's ``str.splitlines`` (and so for the templates)."""

_ALLOWED_IN_TEXT = frozenset("\n\t")
"""Control characters a description may hold: a new line and a tab."""


def check_texts(data: dict[str, Any]) -> list[Issue]:
    """Check every title and description of a spec.

    Args:
        data: The spec as plain data (the top-level mapping).

    Returns:
        The problems found.
    """
    issues: list[Issue] = []
    project = as_map(data.get("project"))
    issues += _text(("project", "title"), project.get("title"), title=True)
    issues += _text(("project", "description"), project.get("description"), title=False)
    for domain_name, domain in as_map(data.get("domains")).items():
        base: Path = ("domains", domain_name)
        body = as_map(domain)
        issues += _text((*base, "description"), body.get("description"), title=False)
        for name, consumer in as_map(body.get("consumers")).items():
            where = (*base, "consumers", name, "description")
            issues += _text(where, as_map(consumer).get("description"), title=False)
        for name, entity in as_map(body.get("entities")).items():
            path = (*base, "entities", name)
            spec = as_map(entity)
            issues += _text((*path, "title"), spec.get("title"), title=True)
            issues += _text((*path, "description"), spec.get("description"), title=False)
            for group in ("fields", "relations"):
                for item, item_body in as_map(spec.get(group)).items():
                    where = (*path, group, item, "description")
                    issues += _text(where, as_map(item_body).get("description"), title=False)
    return issues


def _text(path: Path, value: object, *, title: bool) -> list[Issue]:
    """Report the first character of ``value`` that the generated project cannot carry."""
    if not isinstance(value, str):
        return []
    for index, char in enumerate(value):
        if title and char in LINE_BREAKS:
            message = (
                f"a title is one line, but this one has a line break (character {index + 1}) "
                "— write it on one line; put longer text in `description`"
            )
            return [Issue(path, message)]
        if unicodedata.category(char) == "Cc" and char not in _ALLOWED_IN_TEXT:
            message = (
                f"the text holds the control character U+{ord(char):04X} (character "
                f"{index + 1}), which docstrings, TOML and YAML files of the generated project "
                "cannot carry as text — remove it (a description may hold new lines and tabs)"
            )
            return [Issue(path, message)]
    return []
