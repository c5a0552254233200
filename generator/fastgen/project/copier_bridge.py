"""The bridge that makes this repository a copier template whose render context is fastgen's.

``copier.yml`` at the repository root points copier at ``templates/`` (the tree fastgen
renders) and loads :class:`FastgenContext` as a Jinja extension. The extension gives copier's
environment fastgen's filters and globals, lets templates import ``_macros/`` as fastgen's own
environment does, and puts fastgen's render variables (``project``, ``tables``,
``revisions``) into every render, built from the spec the ``spec`` answer names. After copier
has rendered, the template's task runs ``python -m fastgen.project.copier_bridge SPEC`` in
the new project: :func:`finish` formats the rendered files with fastgen's one ruff pass and writes
``fastgen.yaml`` and the ``.fastgen/`` baseline, so the project is byte for byte what
``fastgen new`` writes, and ``fastgen update`` and ``fastgen check`` work on it.

Only copier loads this module: it imports ``copier`` and ``copier-template-extensions``, which
fastgen itself does not depend on, and nothing else in fastgen imports it.
"""

from __future__ import annotations

import hashlib
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from copier.errors import UserMessageError
from copier_template_extensions import ContextHook

from fastgen import __version__
from fastgen.db.history import History, advance
from fastgen.db.tables import schema_of
from fastgen.errors import FastgenError
from fastgen.model.build import build_context
from fastgen.project.lock import lock_project
from fastgen.project.write import with_baseline
from fastgen.render.engine import add_helpers, output_paths, templates_dir
from fastgen.render.format import format_tree
from fastgen.spec import read_spec
from fastgen.view import render_variables

TEMPLATE_DIR = "templates"
"""The template tree inside the repository (copier.yml's ``_subdirectory``)."""

SPEC_ANSWER = "spec"
"""The copier question whose answer is the path of the spec."""

SPEC_PATH = "_fastgen_spec"
"""The context variable holding the absolute path of the spec, for the template's task."""


class FastgenContext(ContextHook):
    """Copier context hook: fastgen's render variables and Jinja helpers in copier's renders."""

    def __init__(self, environment: jinja2.Environment) -> None:
        """Add fastgen's filters and globals; resolve ``_macros/`` imports in the template tree.

        Copier loads templates by their path from the repository root, while the templates
        import their macros as fastgen's environment names them (``_macros/text.jinja``,
        relative to the template tree), so the tree is searched too.

        Raises:
            UserMessageError: The template copier checked out is not the one of the installed
                fastgen, whose render variables and finishing step would not match it.
        """
        super().__init__(environment)
        add_helpers(environment)
        loader = environment.loader
        if isinstance(loader, jinja2.FileSystemLoader) and loader.searchpath:
            tree = Path(loader.searchpath[0]) / TEMPLATE_DIR
            _refuse_other_templates(tree)
            loader.searchpath.append(str(tree))

    def hook(self, context: dict[str, Any]) -> None:
        """Add the render variables of the answered spec to copier's context (in place).

        Renders before the ``spec`` question is answered (its own prompt) are left as they
        are. A relative path is read from the directory copier runs in.

        Raises:
            UserMessageError: The spec cannot be read or has problems (every one is listed).
        """
        answer = context.get(SPEC_ANSWER)
        if not isinstance(answer, str) or not answer:
            return
        path = Path(answer).expanduser().resolve()
        try:
            variables, _ = _load(path)
        except FastgenError as err:
            raise UserMessageError(err.render()) from err
        context.update(variables)
        context[SPEC_PATH] = str(path)


def _refuse_other_templates(tree: Path) -> None:
    """Refuse a template tree that differs from the installed fastgen's own.

    The render variables and the finishing step come from the installed fastgen; with the
    templates of another version the project would be neither that version's ``fastgen new``
    output nor reliably renderable.

    Raises:
        UserMessageError: The trees differ (the message names the installed fastgen).
    """
    installed = templates_dir()
    if tree.resolve() == installed.resolve() or _tree_digest(tree) == _tree_digest(installed):
        return
    raise UserMessageError(
        f"the copier template's {TEMPLATE_DIR}/ is not the one of the installed fastgen "
        f"{__version__} ({installed}) — install fastgen from the same version or commit as "
        "the template (e.g. `--with fastgen==VERSION`), or copy from the matching tag with "
        "`--vcs-ref`"
    )


@lru_cache(maxsize=8)
def _tree_digest(root: Path) -> str:
    """Return a SHA-256 over every file's relative path and bytes under ``root``."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _load(path: Path) -> tuple[dict[str, Any], tuple[History, str]]:
    """Return the render variables, the migration history and the text of the spec at ``path``.

    Raises:
        SpecError: The spec cannot be read or has problems.
    """
    try:
        stamp = path.stat()
    except OSError:
        return _render_variables(path, 0, 0)  # read_spec explains what is wrong with the path
    return _render_variables(path, stamp.st_mtime_ns, stamp.st_size)


@lru_cache(maxsize=4)
def _render_variables(
    path: Path, mtime_ns: int, size: int
) -> tuple[dict[str, Any], tuple[History, str]]:
    """Return the render variables of a new project for the spec at ``path``.

    Copier calls the hook for every file and path it renders, so the result is kept per
    spec file version (its modification time and size are part of the key).

    Returns:
        The render variables, and the migration history with the spec's text.
    """
    del mtime_ns, size
    spec, spec_text = read_spec(path)
    model = build_context(spec)
    schema = schema_of(model)
    history, _ = advance(None, schema)
    return render_variables(model, schema, history), (history, spec_text)


def finish(spec_path: Path, target: Path) -> list[str]:
    """Format what copier rendered into ``target`` and write fastgen's baseline beside it.

    Runs the same ruff pass over the rendered files as ``fastgen new``, then writes
    ``fastgen.yaml``, ``.fastgen/spec.yaml``, ``.fastgen/migrations.json`` and
    ``.fastgen/manifest.json``. Files of ``target`` that the template does not render are
    neither read nor recorded.

    Args:
        spec_path: The spec the project was rendered from.
        target: The project copier rendered.

    Returns:
        The paths written (POSIX, relative to ``target``), sorted.

    Raises:
        FastgenError: The spec is invalid, or a file the template renders is missing from
            ``target`` (the installed fastgen is not the one of the copier template).
    """
    variables, (history, spec_text) = _load(spec_path.resolve())
    paths = output_paths(variables)
    missing = [path for path in paths if not (target / path).is_file()]
    if missing:
        raise FastgenError(
            f"{target}: copier did not render {', '.join(missing[:5])}"
            f"{' …' if len(missing) > 5 else ''} — install the fastgen version of the "
            "copier template (`--with fastgen==VERSION`) and copy again"
        )
    rendered = {path: (target / path).read_bytes().decode("utf-8") for path in paths}
    tree = with_baseline(format_tree(rendered), spec_text, history.dumps(), rendered)
    written: list[str] = []
    for rel, text in tree.items():
        if rendered.get(rel) == text:
            continue
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        written.append(rel)
    return written


def main(argv: list[str] | None = None) -> int:
    """Run :func:`finish` for ``python -m fastgen.project.copier_bridge SPEC`` in the new project.

    Then locks the project's dependencies, as ``fastgen new`` does (``uv.lock``); when the
    package index cannot be reached, the project stays unlocked and a note says how to lock it.

    Returns:
        The exit code: 0 done, 2 a fastgen error (printed) or bad arguments.
    """
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(
            "usage: python -m fastgen.project.copier_bridge SPEC (run in the project)",
            file=sys.stderr,
        )
        return 2
    try:
        finish(Path(args[0]), Path.cwd())
        note = lock_project(Path.cwd()).note
    except FastgenError as err:
        print(f"fastgen: {err.render()}", file=sys.stderr)
        return err.exit_code
    except OSError as err:
        print(f"fastgen: {err.filename or ''}: {err.strerror or err}", file=sys.stderr)
        return 2
    if note is not None:
        print(f"fastgen: {note}", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover - run by copier's task
    sys.exit(main())
