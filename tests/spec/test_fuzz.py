"""Fuzzing the spec loader: any text gives a spec or a SpecError, never another exception.

The shop example is mutated at random (a node replaced by a random scalar, list or mapping, a
key deleted, duplicated, renamed or added, a subtree copied elsewhere, a line of the text
duplicated or deleted) and loaded. Loading must either succeed or raise
:class:`~fastgen.errors.SpecError` whose every problem has a line and a column: anything else
is a crash the CLI reports as an internal error (exit 3).

The examples are derandomized, so a run is deterministic; a failure found here becomes a row of
``test_bad_specs.py``. ``FUZZ_EXAMPLES=20000 FUZZ_SEED=7 uv run pytest tests/spec/test_fuzz.py``
searches longer, and elsewhere.
"""

from __future__ import annotations

import json
import math
import os
import re
from pathlib import Path
from typing import Any, TypeAlias

import pytest
from fastgen.errors import SpecError
from fastgen.spec import load_spec_text
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

SHOP = Path(__file__).resolve().parents[2] / "examples" / "shop" / "fastgen.yaml"

Node: TypeAlias = Any
"""A scalar, a list of nodes, or a :class:`Mapping` (which may hold a key twice)."""


class Mapping(list[tuple[str, Node]]):
    """A YAML mapping as (key, value) pairs, so that a mutation can repeat a key."""


def _tree(value: object) -> Node:
    if isinstance(value, dict):
        return Mapping((str(key), _tree(item)) for key, item in value.items())
    if isinstance(value, list):
        return [_tree(item) for item in value]
    return value


def _words(node: Node) -> set[str]:
    """Every key and text value of the tree: the vocabulary mutations reuse."""
    if isinstance(node, Mapping):
        return {key for key, _ in node} | {w for _, item in node for w in _words(item)}
    if isinstance(node, list):
        return {w for item in node for w in _words(item)}
    return {node} if isinstance(node, str) else set()


SHOP_TREE: Node = _tree(YAML(typ="safe").load(SHOP.read_text(encoding="utf-8")))

NAMES = [
    # Names the checks treat specially, and values of the spec's own vocabulary.
    *["type", "match", "case", "_", "self", "id", "metadata", "model_x", "_private", "sort"],
    *["base", "enums", "__init__", "users", "auth", "app", "tests", "Base", "User", "Enum"],
    *["str", "int", "decimal", "enum", "file", "json", "many_to_one", "one_to_many"],
    *["many_to_many", "one_to_one", "Product", "catalog.Product", "payments.Payment.created"],
    *["list", "get", "create", "update", "delete", "public", "owner", "admin", "-price"],
    *["5m", "0s", "10/minute", "10MB", "image/*", "2024-01-31", "12:00", "yes", "~", ""],
    *["Цена", "a b", "a-b", "x" * 70, "A.B.C", "1", "class", "None"],
]
TEXT = st.one_of(
    st.sampled_from(NAMES),
    st.sampled_from(sorted(_words(SHOP_TREE))),
    st.text(max_size=8),
)
SCALAR = st.one_of(
    TEXT,
    st.integers(min_value=-(2**64), max_value=2**64),
    st.sampled_from([0, 1, -1, 2**31, 2**63, 10**400, -(10**400)]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)
VALUE = st.recursive(
    SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.lists(st.tuples(TEXT, inner), max_size=3).map(Mapping),
    ),
    max_leaves=6,
)


# --- the tree ----------------------------------------------------------------------------------

Path_: TypeAlias = tuple[int, ...]
"""Where a node is: the index of the entry or item at each level."""


def _paths(node: Node, path: Path_ = ()) -> list[Path_]:
    found = [path]
    if isinstance(node, Mapping):
        for index, (_, item) in enumerate(node):
            found += _paths(item, (*path, index))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found += _paths(item, (*path, index))
    return found


def _get(node: Node, path: Path_) -> Node:
    for index in path:
        node = node[index][1] if isinstance(node, Mapping) else node[index]
    return node


def _set(node: Node, path: Path_, value: Node) -> Node:
    """Return a copy of ``node`` with the node at ``path`` replaced (or removed for ``...``)."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(node, Mapping):
        key, item = node[head]
        entries = list(node)
        if rest or value is not ...:
            entries[head] = (key, _set(item, rest, value))
        else:
            del entries[head]
        return Mapping(entries)
    items = list(node)
    if rest or value is not ...:
        items[head] = _set(items[head], rest, value)
    else:
        del items[head]
    return items


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """The shop spec with one to three random mutations, as YAML text."""
    tree = SHOP_TREE
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(tree)
        path = draw(st.sampled_from(paths))
        action = draw(st.sampled_from(["replace", "delete", "duplicate", "rename", "add", "copy"]))
        parent = _get(tree, path[:-1]) if path else None
        if action == "replace" or not path:
            tree = _set(tree, path, draw(VALUE))
        elif action == "delete":
            tree = _set(tree, path, ...)
        elif action == "copy":
            tree = _set(tree, path, _get(tree, draw(st.sampled_from(paths))))
        elif isinstance(parent, Mapping):
            entries = list(parent)
            key, item = entries[path[-1]]
            if action == "duplicate":
                entries.insert(path[-1] + 1, (key, draw(st.sampled_from([item, draw(VALUE)]))))
            elif action == "rename":
                entries[path[-1]] = (draw(TEXT), item)
            else:
                entries.insert(path[-1], (draw(TEXT), draw(VALUE)))
            tree = _set(tree, path[:-1], Mapping(entries))
        elif isinstance(parent, list):
            items = [*parent[: path[-1]], draw(VALUE), *parent[path[-1] :]]
            tree = _set(tree, path[:-1], items)
    text = "\n".join(_emit(tree, 0)) + "\n"
    lines = text.splitlines(keepends=True)
    edit = draw(st.sampled_from(["none", "none", "none", "repeat", "drop"]))
    if edit != "none" and lines:
        at = draw(st.integers(0, len(lines) - 1))
        lines[at : at + 1] = [lines[at]] * (2 if edit == "repeat" else 0)
    return "".join(lines)


# --- YAML out ----------------------------------------------------------------------------------

_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_ ./*-]*$")
_SPECIAL = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}


def _scalar(value: Node) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        return repr(value) if math.isfinite(value) else (".inf" if value > 0 else "-.inf")
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _SPECIAL and not text.endswith(" "):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _emit(node: Node, indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    if isinstance(node, Mapping):
        for key, item in node:
            head = f"{pad}{_scalar(key)}:"
            lines += _nested(head, item, indent)
        return lines or [pad + "{}"]
    if isinstance(node, list):
        for item in node:
            lines += _nested(f"{pad}-", item, indent)
        return lines or [pad + "[]"]
    return [pad + _scalar(node)]


def _nested(head: str, item: Node, indent: int) -> list[str]:
    if isinstance(item, Mapping | list) and item:
        return [head, *_emit(item, indent + 2)]
    if isinstance(item, Mapping):
        return [f"{head} {{}}"]
    if isinstance(item, list):
        return [f"{head} []"]
    return [f"{head} {_scalar(item)}"]


# --- the property ------------------------------------------------------------------------------


def assert_loads_or_explains(text: str) -> None:
    """Load ``text``: a spec, or a SpecError with a position for every problem."""
    try:
        load_spec_text(text, "fuzz.yaml")
    except SpecError as error:
        problems = error.problems
    else:
        return
    assert problems
    for problem in problems:
        assert problem.line >= 1, problem
        assert problem.column >= 1, problem
        assert " — " in problem.message, problem


def test_the_shop_spec_round_trips_through_the_emitter() -> None:
    load_spec_text("\n".join(_emit(SHOP_TREE, 0)) + "\n", "shop.yaml")


SEED = os.environ.get("FUZZ_SEED")


@settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "300")),
    deadline=None,
    derandomize=SEED is None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@seed(int(SEED or 0))
@given(mutated())
def test_a_mutated_spec_loads_or_is_explained(text: str) -> None:
    assert_loads_or_explains(text)


@pytest.mark.parametrize(
    "text",
    [
        "fastgen: 1\n" * 2,
        "- [\n",
        "&a [*a]\n",
        "{? [a]: b}\n",
    ],
)
def test_odd_texts_are_explained(text: str) -> None:
    assert_loads_or_explains(text)
