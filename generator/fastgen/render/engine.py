"""Rendering: templates and the render context in, ``{relative path: text}`` out.

The template tree is laid out the way copier reads one: files ending in ``.jinja`` are
rendered, others are copied as they are; path names are templates themselves, and a path
holding copier's ``{% yield x from xs %}...{% endyield %}`` becomes one file per item of
``xs``. A path segment that renders empty drops the file, which is how optional files are
expressed. Rendering is pure and deterministic: no clock, no randomness, sorted output.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.parser import Parser

from fastgen.db.diff import source_width
from fastgen.errors import FastgenError
from fastgen.spec.model import DATE, DATETIME_START, DECIMAL_TEXT, INT_RANGE, TIME_OF_DAY, UUID_TEXT

SUFFIX = ".jinja"


class TemplateError(FastgenError):
    """A template failed to render: a bug in fastgen's templates, not in the user's spec."""

    exit_code = 3


class YieldExtension(Extension):
    """Copier's ``{% yield name from iterable %}...{% endyield %}`` for path templates.

    In discovery mode the tag records the loop variable and the iterable and renders
    nothing; in expansion mode (the variable is bound) it renders its body.
    """

    tags = {"yield"}  # noqa: RUF012 - the Extension API defines this as a class attribute

    def parse(self, parser: Parser) -> nodes.Node:
        """Parse ``yield NAME from EXPR`` and its body up to ``endyield``."""
        lineno = next(parser.stream).lineno
        target = parser.parse_assign_target(name_only=True)
        parser.stream.expect("name:from")
        iterable = parser.parse_expression()
        body = parser.parse_statements(("name:endyield",), drop_needle=True)
        assert isinstance(target, nodes.Name)
        call = self.call_method("_support", [nodes.Const(target.name), iterable])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _support(self, name: str, iterable: Iterable[Any], caller: Any) -> str:  # noqa: ANN401
        found: dict[str, Any] = self.environment.globals["_yield"]  # type: ignore[assignment]
        if found.get("expand"):
            return str(caller())
        found["name"], found["items"] = name, list(iterable)
        return ""


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Return an on-disk cache of compiled templates, or None where none can be kept.

    Compiling the templates costs about half a second per process; the cache keys each one
    by name and a checksum of its source, so an edited template is compiled again. It lives
    in ``$FASTGEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/fastgen`` or ``~/.cache/fastgen``, and is
    never part of any output.
    """
    configured = os.environ.get("FASTGEN_CACHE_DIR")
    base = Path(configured) if configured else None
    if base is None:
        xdg = os.environ.get("XDG_CACHE_HOME")
        base = (Path(xdg) if xdg else Path.home() / ".cache") / "fastgen"
    folder = base / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


@lru_cache(maxsize=4)
def _environment(root: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(root),
        bytecode_cache=_bytecode_cache(),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        extensions=[YieldExtension, "jinja2.ext.do"],
    )
    add_helpers(env)
    return env


def add_helpers(env: jinja2.Environment) -> None:
    """Give a Jinja environment the filters and globals fastgen's templates use.

    Shared by fastgen's own environment and the copier bridge
    (:mod:`fastgen.project.copier_bridge`), so both render the templates alike.
    """
    env.filters["pylit"] = _pylit
    env.filters["used"] = used_names
    env.filters["words"] = words
    env.filters["source_width"] = source_width
    env.filters["lower_first"] = _lower_first
    env.globals["TIME_OF_DAY"] = TIME_OF_DAY
    env.globals["DATE"] = DATE
    env.globals["DATETIME_START"] = DATETIME_START
    env.globals["UUID_TEXT"] = UUID_TEXT
    env.globals["DECIMAL_TEXT"] = DECIMAL_TEXT
    env.globals["BIGINT_TOP"] = INT_RANGE["bigint"][1]


def _lower_first(text: str) -> str:
    """Jinja filter: the text with its first character in lower case."""
    return text[:1].lower() + text[1:]


_NAME = re.compile(r"(?<![\w.])[A-Za-z_]\w*")
"""A name as code uses it: not an attribute (``x.name``) and not the tail of another word."""

_LITERALS = re.compile(
    r"""
    (?P<prefix>[rRbBuUfF]{0,2})
    (?P<string>\"\"\"[\s\S]*?\"\"\"|'''[\s\S]*?'''|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')
    | \#[^\n]*
    """,
    re.VERBOSE,
)
"""String literals (with their prefix) and comments of Python source."""

_TYPE_TEXT = re.compile(r"[A-Z]\w*(\[[\w., |\[\]]*\])?")
"""A string that reads as a type expression, e.g. ``"Model"`` or ``"list[Model]"``."""


def _code_of(literal: re.Match[str]) -> str:
    """Return what of a string literal or comment is code: f-string fields, string types."""
    string = literal["string"]
    if string is None:
        return " "
    text = string.strip("\"'")
    if "f" in literal["prefix"].lower() or _TYPE_TEXT.fullmatch(text):
        return f" {text} "
    return " "


@lru_cache(maxsize=64)
def words(body: str) -> frozenset[str]:
    """Jinja filter: every name the Python code ``body`` uses, for import decisions.

    Names in strings, docstrings and comments do not count, except in f-string fields and
    in types written as strings (``cast("Model", x)``); attributes (``x.name``) do not count
    either. The scan can only find too much (a name inside an f-string's text), which costs
    an import ruff then removes; it never misses a name the code uses.
    """
    return frozenset(_NAME.findall(_LITERALS.sub(_code_of, body)))


def used_names(body: str, *names: str) -> list[str]:
    """Jinja filter: the ``names`` that ``body`` uses, in the order given.

    Templates render a module's body first and emit imports only for what it uses, so a
    render needs no clean-up of unused imports: ``{{ body | used("Decimal", "UUID") }}``.
    """
    found = words(body)
    return [name for name in names if name in found]


def _pylit(value: object) -> str:
    """Jinja filter: a Python literal for a plain value (strings keep Cyrillic readable)."""
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'"{escaped}"'
    return repr(value)


def templates_dir() -> Path:
    """Return the template tree, from an installed wheel or from a source checkout."""
    package = Path(__file__).resolve().parents[1]
    for candidate in (package / "_templates", package.parents[1] / "templates"):
        if candidate.is_dir():
            return candidate
    raise FastgenError("the template tree is missing — reinstall fastgen")  # pragma: no cover


MACROS = "_macros/"
"""Template fragments other templates import (``{% from "_macros/x.jinja" import y %}``)."""


def _template_paths(root: Path) -> list[str]:
    paths = (p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    return sorted(p for p in paths if not p.startswith(MACROS))


@lru_cache(maxsize=1024)
def _path_template(env: jinja2.Environment, path: str) -> jinja2.Template:
    """Compile a templated path once per environment (compiling costs more than rendering)."""
    return env.from_string(path)


def _expand_path(
    env: jinja2.Environment, path: str, context: dict[str, Any]
) -> list[tuple[str, dict[str, Any]]]:
    """Render a templated path into (output path, extra variables) pairs."""
    if "{" not in path:
        return [(path, {})]
    state: dict[str, Any] = {}
    env.globals["_yield"] = state
    template = _path_template(env, path)
    try:
        first = template.render(context)
    except jinja2.UndefinedError:
        # A later segment may use the yielded variable (``{% if domain.x %}``), which only
        # exists in expansion; the discovery pass has recorded the loop by then.
        if "name" not in state:
            raise
        first = ""
    if "name" not in state:
        return [(first, {})]
    out: list[tuple[str, dict[str, Any]]] = []
    state["expand"] = True
    for item in state["items"]:
        extra = {state["name"]: item}
        out.append((template.render({**context, **extra}), extra))
    return out


def _outputs(
    env: jinja2.Environment, source: str, context: dict[str, Any]
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield the output paths of one template (suffix dropped) and their extra variables.

    A path with an empty segment is no output (an optional file that is switched off).
    """
    for target, extra in _expand_path(env, source, context):
        output = target.removesuffix(SUFFIX) if source.endswith(SUFFIX) else target
        if all(output.split("/")):
            yield output, extra


def output_paths(context: dict[str, Any], root: Path | None = None) -> list[str]:
    """Return the path of every file the template tree renders to, without rendering them.

    Args:
        context: The render variables (see :func:`fastgen.view.render_variables`).
        root: The template tree (default: the one shipped with fastgen).

    Returns:
        Output paths (POSIX, relative), sorted.

    Raises:
        TemplateError: A path template is broken.
    """
    root = root or templates_dir()
    env = _environment(root)
    out: list[str] = []
    for source in _template_paths(root):
        try:
            out.extend(output for output, _ in _outputs(env, source, context))
        except jinja2.TemplateError as err:
            raise TemplateError(f"{source}: {type(err).__name__}: {err}") from err
    return sorted(out)


def render_tree(
    context: dict[str, Any], root: Path | None = None, *, only: Collection[str] | None = None
) -> dict[str, str]:
    """Render the whole template tree for the render variables.

    Args:
        context: The render variables (see :func:`fastgen.view.render_variables`).
        root: The template tree (default: the one shipped with fastgen).
        only: Render just these output paths; None renders every file. Every path is still
            expanded, so clashes are found either way.

    Returns:
        Output path (POSIX, relative) → file text, sorted by path.

    Raises:
        TemplateError: A template is broken, or two templates render to one path (or a module
            beside a package of the same name); the message names them.
    """
    root = root or templates_dir()
    env = _environment(root)
    tree: dict[str, str] = {}
    sources: dict[str, str] = {}
    for source in _template_paths(root):
        try:
            for output, extra in _outputs(env, source, context):
                rendered = source.endswith(SUFFIX)
                if output in sources:
                    raise TemplateError(
                        f"{sources[output]} and {source} both render to {output}, and one "
                        "would overwrite the other — a name clash the spec checks missed: "
                        "please report it, and rename the entity, table or domain meanwhile"
                    )
                sources[output] = source
                if only is not None and output not in only:
                    continue
                if not rendered:
                    tree[output] = (root / source).read_text(encoding="utf-8")
                    continue
                env.globals["_yield"] = {"expand": True}
                tree[output] = env.get_template(source).render({**context, **extra})
        except jinja2.TemplateError as err:
            raise TemplateError(f"{source}: {type(err).__name__}: {err}") from err
    _refuse_shadowed_modules(sources)
    return dict(sorted(tree.items()))


def _refuse_shadowed_modules(sources: dict[str, str]) -> None:
    """Refuse a module ``x.py`` beside a package ``x/``: the package hides it on import."""
    packages = {
        output.removesuffix("/__init__.py"): source
        for output, source in sources.items()
        if output.endswith("/__init__.py")
    }
    for output, source in sources.items():
        package = output.removesuffix(".py")
        if output.endswith(".py") and package in packages:
            raise TemplateError(
                f"{source} renders the module {output} beside the package {package}/ of "
                f"{packages[package]}, which hides it on import — a name clash the spec "
                "checks missed: please report it, and rename the entity, table or domain"
            )
