"""YAML text to plain Python data, with the position of every key and value.

The spec is composed into ruamel.yaml's node tree rather than constructed directly, so that

* syntax errors become problems with a position and a hint instead of exceptions,
* every duplicate key is reported at its own position instead of aborting the load, and
* each node's path (``("domains", "shop", "entities")``) maps to the line and column of its
  key and of its value, which is how later problems (Pydantic errors, cross-references) are
  located in the file.

Scalars become ``str``, ``int``, ``float``, ``bool`` or ``None``; YAML timestamps stay the text
that was written (``2024-01-31``), so a date default reaches validation as the ISO string.
Small helpers at the end read that plain data defensively and name its values in messages.
"""

from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass, field
from typing import Any, Literal, TypeGuard

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

Path = tuple[str | int, ...]
"""Where a node sits in the spec: mapping keys and list indexes from the root."""

_TAG = "tag:yaml.org,2002:"
_PLAIN_SCALARS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null")}
_PLAIN_COLLECTIONS = {f"{_TAG}map", f"{_TAG}seq"}
_MERGE = f"{_TAG}merge"
_TIMESTAMP = f"{_TAG}timestamp"
_LARGEST = sys.float_info.max
"""The largest number a spec may hold: every number must also be a float."""


@dataclass(frozen=True, order=True)
class Mark:
    """A 1-based line and column in the spec file."""

    line: int
    column: int


START = Mark(1, 1)
"""The first character of the file: where problems without a better position go."""


@dataclass(frozen=True)
class Place:
    """Where a mapping entry (or list item) is: its key and its value."""

    key: Mark
    value: Mark


@dataclass(frozen=True)
class Issue:
    """A problem found at a path of the spec, before it is given a file position.

    Attributes:
        path: The node the problem is about.
        message: What is wrong and what to do, joined by an em dash.
        at: Point at the node's ``key``, at its ``value``, or at the key of its ``parent``
            (used for a missing key, which has no position of its own).
        mark: An explicit position that wins over ``path`` and ``at``.

    """

    path: Path
    message: str
    at: Literal["key", "value", "parent"] = "value"
    mark: Mark | None = None


@dataclass
class ParsedYaml:
    """The result of reading YAML text.

    Attributes:
        data: Plain Python data, or ``None`` when the text is empty or not valid YAML.
        places: Position of the key and value of every node, by path.
        issues: Problems found while reading (syntax, duplicate keys, unsupported tags).
        syntax_ok: False when the text could not be parsed at all.

    """

    data: Any = None
    places: dict[Path, Place] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    syntax_ok: bool = True

    def locate(self, issue: Issue) -> Mark:
        """Return the file position an issue should be reported at."""
        if issue.mark is not None:
            return issue.mark
        path, at = issue.path, issue.at
        if at == "parent":
            path, at = path[:-1], "key"
        while path:
            place = self.places.get(path)
            if place is not None:
                return place.value if at == "value" else place.key
            path, at = path[:-1], "key"
        root = self.places.get(())
        return root.value if root is not None and at == "value" else START


def dotted(path: Path) -> str:
    """Format a path as ``domains.shop.entities.Order.filters[0]``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def parse_yaml(text: str) -> ParsedYaml:
    """Parse YAML text into plain data, positions and reading problems.

    Args:
        text: The YAML source.

    Returns:
        The parsed data with its positions; ``syntax_ok`` is False (and ``data`` None) when
        the text is not valid YAML, in which case ``issues`` holds the syntax problem.

    """
    parsed = ParsedYaml()
    try:
        root = _compose(text)
    except YAMLError as error:
        parsed.syntax_ok = False
        parsed.issues.append(_syntax_issue(error, text))
        return parsed
    if root is None:
        return parsed
    parsed.places[()] = Place(START, _mark(root))
    parsed.data = _Converter(parsed).convert(root, ())
    return parsed


def _compose(text: str) -> Node | None:
    """Compose YAML text into nodes: with libyaml when it is there, else in pure Python.

    libyaml (``ruamel.yaml.clib``) is about ten times faster; its messages for broken YAML are
    terser, so a text it refuses is composed again by the pure parser, whose error is reported.
    """
    try:
        node: Node | None = YAML(typ="safe", pure=False).compose(text)
    except YAMLError:
        node = YAML(typ="rt").compose(text)
    return node


def _mark(node: Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


class _Converter:
    """Walks the node tree once, building data, positions and reading problems."""

    def __init__(self, parsed: ParsedYaml) -> None:
        self.parsed = parsed
        self.active: set[int] = set()
        self.safe = YAML(typ="safe", pure=True).constructor

    def convert(self, node: Node, path: Path) -> object:
        """Return the plain Python value of ``node`` found at ``path``."""
        if id(node) in self.active:
            self._issue(path, node, "the alias refers to itself — remove the recursive alias")
            return None
        tag = node.tag or ""
        if isinstance(node, ScalarNode):
            return self._scalar(node, path, tag)
        if tag not in _PLAIN_COLLECTIONS:
            self._unsupported_tag(path, node, tag)
        self.active.add(id(node))
        try:
            if isinstance(node, MappingNode):
                return self._mapping(node, path)
            return [self._item(item, (*path, index)) for index, item in enumerate(node.value)]
        finally:
            self.active.discard(id(node))

    def _item(self, node: Node, path: Path) -> object:
        self.parsed.places[path] = Place(_mark(node), _mark(node))
        return self.convert(node, path)

    def _mapping(self, node: MappingNode, path: Path) -> dict[str, object]:
        result: dict[str, object] = {}
        merges = [value for key, value in node.value if key.tag == _MERGE]
        for source in reversed(merges):
            for item in source.value if isinstance(source, SequenceNode) else [source]:
                merged = self.convert(item, path) if isinstance(item, MappingNode) else None
                if isinstance(merged, dict):
                    result.update(merged)
                else:
                    self._issue(
                        path, item, "`<<` merges mappings only — merge a `&anchor`ed mapping"
                    )
        first: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                continue
            key = self._key(key_node, path)
            if key is None:
                continue
            if key in first:
                self._duplicate((*path, key), first[key], key_node)
                continue
            first[key] = key_node
            key_mark = _mark(key_node)
            empty = value_node.tag == f"{_TAG}null" and value_node.value == ""
            self.parsed.places[(*path, key)] = Place(
                key_mark, key_mark if empty else _mark(value_node)
            )
            result[key] = self.convert(value_node, (*path, key))
        return result

    def _key(self, node: Node, path: Path) -> str | None:
        if not isinstance(node, ScalarNode):
            self._issue(
                path, node, "a key must be a plain name, not a list or mapping — write `name:`"
            )
            return None
        if node.value == "":
            self._issue(path, node, "this entry has no key — write the name before the colon")
            return None
        return str(node.value)

    def _duplicate(self, path: Path, first: Node, again: Node) -> None:
        name, line = path[-1], _mark(first).line
        self._issue(
            path,
            first,
            f"duplicate key `{name}`: it appears again at line {_mark(again).line} "
            f"— keep one `{name}:` and remove the other",
        )
        self._issue(
            path,
            again,
            f"duplicate key `{name}`: it already appears at line {line} "
            "— remove this one or merge the two",
        )

    def _scalar(self, node: ScalarNode, path: Path, tag: str) -> object:
        if tag == _TIMESTAMP:
            return str(node.value)
        if tag not in _PLAIN_SCALARS:
            self._unsupported_tag(path, node, tag)
            return str(node.value)
        try:
            value = self.safe.construct_object(node, deep=True)
        except (ValueError, YAMLError):
            self._issue(
                path,
                node,
                f"`{_shorten(node.value)}` cannot be read as {tag.removeprefix(_TAG)} "
                "— remove the explicit tag or fix the value",
            )
            return str(node.value)
        if is_int(value) and abs(value) > _LARGEST:
            # Checks compare numbers as floats: a bigger integer cannot even be compared.
            self._issue(
                path,
                node,
                f"the number `{_shorten(node.value)}` is too large — a spec number must lie "
                "between -1e308 and 1e308; use a smaller one",
            )
            return None
        return value

    def _unsupported_tag(self, path: Path, node: Node, tag: str) -> None:
        shown = tag.replace(_TAG, "!!")
        self._issue(
            path,
            node,
            f"unsupported YAML tag `{shown}` — remove it; a spec uses plain "
            "strings, numbers, booleans, lists and mappings",
        )

    def _issue(self, path: Path, node: Node, message: str) -> None:
        self.parsed.issues.append(Issue(path, message, mark=_mark(node)))


_HINTS: tuple[tuple[str, str], ...] = (
    ("'\\t'", "indent with spaces; YAML does not allow tab characters for indentation"),
    ("mapping values are not allowed", "quote a value that contains `: `, or fix the indentation"),
    ("could not find expected ':'", "write each entry as `key: value` and check the indentation"),
    ("expected <block end>", "line up the keys of one mapping in the same column"),
    ("undefined alias", "define the anchor (`&name`) before using the alias (`*name`)"),
    ("another document", "keep the whole spec in one YAML document: remove the extra `---`"),
    ("quoted scalar", "close the quote"),
    ("flow sequence", "close the `[` list with `]` and separate items with commas"),
    ("flow mapping", "close the `{` mapping with `}` and separate entries with commas"),
    ("cannot start any token", "quote the value: this character cannot start a plain value"),
    ("block sequence", "start every list item with `- ` at the same indentation"),
    ("sequence entries are not allowed", "indent the `- ` items under their key"),
    ("an anchor", "`&` starts an anchor: quote a value that starts with `&`"),
    ("an alias", "`*` starts an alias: quote a value that starts with `*`"),
    ("block scalar", "`|` and `>` start a block of text: quote a value that starts with them"),
    ("tag", "`!` starts a YAML tag: quote a value that starts with `!`"),
    ("directive", "`%` starts a YAML directive: quote a value that starts with `%`"),
    ("document start", "`%` starts a YAML directive: quote a value that starts with `%`"),
    ("node content", "a value is missing or starts with a special character: quote it"),
)


def _syntax_issue(error: YAMLError, text: str) -> Issue:
    """Turn a ruamel.yaml exception into an issue with a position and a hint."""
    if isinstance(error, ReaderError):
        position = int(error.position)
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        char = error.character
        shown = f"#x{char:04x}" if isinstance(char, int) else repr(char)
        return Issue(
            (),
            f"invalid YAML: the character {shown} is not allowed — remove it or save the file "
            "as plain UTF-8 text",
            mark=Mark(line, column),
        )
    mark = START
    problem = str(error).splitlines()[0] if str(error) else "unreadable YAML"
    if isinstance(error, MarkedYAMLError):
        where = error.problem_mark or error.context_mark
        if where is not None:
            mark = Mark(where.line + 1, where.column + 1)
        problem = str(error.problem or error.context or problem)
        if error.context and error.problem:
            problem = f"{problem} ({error.context})"
    hint = next((hint for key, hint in _HINTS if key in problem), None)
    problem = problem.replace("found character '\\t'", "found a tab character")
    return Issue(
        (), f"invalid YAML: {problem} — {hint or 'fix the YAML syntax at this position'}", mark=mark
    )


def _shorten(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def describe(value: object) -> str:
    """Name a plain YAML value for a message: ``the number `5```, ``a list``..."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, int | float):
        return f"the number `{value}`"
    if isinstance(value, str):
        return f"the text `{_shorten(value)}`"
    return "a list" if isinstance(value, list) else "a mapping"


def one_of(items: list[str]) -> str:
    """Join ``["a", "b", "c"]`` as ``a, b or c``."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"


def did_you_mean(name: str, candidates: list[str], what: str) -> str:
    """Return ``did you mean `x`?``, or the candidates when none is close.

    Args:
        name: The unknown name.
        candidates: The names that would have been accepted.
        what: What the candidates are, in the plural (``entities``, ``fields``...).

    """
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`?"
    if candidates:
        shown = ", ".join(candidates[:15]) + (", ..." if len(candidates) > 15 else "")
        return f"use one of the {what}: {shown}"
    return f"there are no {what} to refer to; define one first"


def is_int(value: object) -> TypeGuard[int]:
    """Tell whether a plain value is an integer (booleans are not)."""
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: object) -> TypeGuard[int | float]:
    """Tell whether a plain value is an integer or a float (booleans are not)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def text_or_none(value: object) -> str | None:
    """Return ``value`` if it is text, else ``None`` (a value of another shape is a shape error).

    Checks compare option values such as a field's ``type`` with sets and dictionaries; a list
    or mapping written there cannot be hashed, so every such value is read through here.
    """
    return value if isinstance(value, str) else None


def as_map(value: object) -> dict[str, Any]:
    """Return ``value`` if it is a mapping, else an empty one (shape errors are reported apart)."""
    return value if isinstance(value, dict) else {}


def str_items(value: object) -> list[tuple[int, str]]:
    """Return the string items of a list with their index (other items are shape errors)."""
    if not isinstance(value, list):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, str)]
