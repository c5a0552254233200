"""Strings a ``pattern`` accepts: the distinct sample values of a field with a pattern.

Generated tests create four sample rows of every entity, and a unique field needs four
distinct values in them. For a field with a ``pattern`` they are derived from the pattern
itself: :func:`pattern_samples` puts the spec's example first, then a few variations of it,
then strings enumerated from the pattern's parse tree (Python's own ``re`` parser) within the
field's lengths, then the example with one character replaced. Every value is checked against
the compiled pattern, so a construct the walk only approximates (anchors, look-arounds, flags,
back references) can cost values but never yields a wrong one. The spec refuses ``unique`` on
a field for which fewer than four values are found (``field_checks``), and the model takes its
samples from the same function.

A ``url`` or ``email`` field also has a form the generated API keeps its values in (Pydantic's
``HttpUrl`` and ``email-validator`` write ``https://example.com`` as ``https://example.com/``):
:func:`stored_form` gives it, the spec holds examples and defaults to it, and the samples of
such a field are taken only among values kept as they are, so a test reads back what it sent.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from email_validator import EmailNotValidError, validate_email
from pydantic import HttpUrl, TypeAdapter, ValidationError

_PARSER: Any = importlib.import_module("re._parser")
_C: Any = importlib.import_module("re._constants")

_BUDGET = 20_000
"""Steps of the walk before it gives up (a pattern whose matches are rare among the strings
walked, e.g. behind a look-ahead that refuses most of them)."""

_CHARS_PER_SET = 10
"""Characters tried for one position (the first ones of each range of a set)."""

_POOL = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_. @"
"""Characters tried where a pattern takes almost any (``.``, ``[^...]``, ``\\S``)."""

_CATEGORIES: dict[str, str] = {
    "DIGIT": "0123456789",
    "NOT_DIGIT": "abcdefghijABCDEFGHIJ-_. ",
    "SPACE": " \t",
    "NOT_SPACE": "abcdefghij0123456789",
    "WORD": "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_",
    "NOT_WORD": "-. @:/+",
    "LINEBREAK": "\n",
    "NOT_LINEBREAK": "abcdefghij0123456789",
}
"""Characters tried for a class escape (``\\d``, ``\\w``...), by the category's name."""


class _OutOfStepsError(Exception):
    """The walk used its budget."""


def _category(code: object) -> str:
    """Return the characters tried for a category code such as ``CATEGORY_UNI_DIGIT``."""
    name = str(code).removeprefix("CATEGORY_").removeprefix("UNI_").removeprefix("LOC_")
    return _CATEGORIES.get(name, "")


def _in_set(char: str, items: list[tuple[Any, Any]]) -> bool:
    """Whether ``char`` is one of the items of a set (``[...]``), negation aside."""
    code = ord(char)
    for op, av in items:
        if op is _C.LITERAL and av == code:
            return True
        if op is _C.RANGE and av[0] <= code <= av[1]:
            return True
        if op is _C.CATEGORY and re.fullmatch(_CATEGORY_TESTS.get(str(av), "(?!)"), char):
            return True
    return False


_CATEGORY_TESTS = {
    f"CATEGORY_{prefix}{name}": test
    for prefix in ("", "UNI_", "LOC_")
    for name, test in (
        ("DIGIT", r"\d"),
        ("NOT_DIGIT", r"\D"),
        ("SPACE", r"\s"),
        ("NOT_SPACE", r"\S"),
        ("WORD", r"\w"),
        ("NOT_WORD", r"\W"),
        ("LINEBREAK", r"\n"),
        ("NOT_LINEBREAK", r"[^\n]"),
    )
}
"""A one-character expression per category code, to test a character against a set."""


def _chars(item: tuple[Any, Any]) -> str | None:
    """Return the characters tried for one position, or ``None`` if the item is no position."""
    op, av = item
    if op is _C.LITERAL:
        return chr(av)
    if op is _C.NOT_LITERAL:
        return "".join(c for c in _POOL if ord(c) != av)[:_CHARS_PER_SET]
    if op is _C.ANY:
        return _POOL[:_CHARS_PER_SET]
    if op is _C.CATEGORY:
        return _category(av)
    if op is not _C.IN:
        return None
    items = list(av)
    if items and items[0][0] is _C.NEGATE:
        rest = items[1:]
        return "".join(c for c in _POOL if not _in_set(c, rest))[:_CHARS_PER_SET]
    found: list[str] = []
    for item_op, item_av in items:
        if item_op is _C.LITERAL:
            found.append(chr(item_av))
        elif item_op is _C.RANGE:
            low, high = item_av
            found.extend(chr(code) for code in range(low, min(high, low + _CHARS_PER_SET) + 1))
        elif item_op is _C.CATEGORY:
            found.extend(_category(item_av))
    return "".join(dict.fromkeys(found))[: _CHARS_PER_SET * 2]


_ZERO_WIDTH = ("AT", "ASSERT", "ASSERT_NOT")
"""Items that take no characters (anchors and look-arounds: the final match decides)."""

_HUGE = 1 << 30
"""The width of what has no upper bound."""


def _widths(items: tuple[tuple[Any, Any], ...]) -> tuple[int, int]:
    """Return the fewest and the most characters a sequence of items takes."""
    least = most = 0
    for item in items:
        low, high = _width(item)
        least, most = least + low, min(most + high, _HUGE)
    return least, most


def _width(item: tuple[Any, Any]) -> tuple[int, int]:
    """Return the fewest and the most characters one item takes."""
    op, av = item
    name = str(op)
    if name in _ZERO_WIDTH:
        return 0, 0
    if name == "SUBPATTERN":
        return _widths(tuple(av[3]))
    if name == "ATOMIC_GROUP":
        return _widths(tuple(av))
    if name == "BRANCH":
        spans = [_widths(tuple(alternative)) for alternative in av[1]]
        return min(low for low, _ in spans), max(high for _, high in spans)
    if name == "GROUPREF_EXISTS":
        spans = [_widths(tuple(part)) if part is not None else (0, 0) for part in av[1:]]
        return min(low for low, _ in spans), max(high for _, high in spans)
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, sub = av
        sub_low, sub_high = _widths(tuple(sub))
        top = _HUGE if high is _C.MAXREPEAT else min(high * sub_high, _HUGE)
        return min(low * sub_low, _HUGE), top
    if name.startswith("GROUPREF"):
        return 0, _HUGE
    return 1, 1


class _Walk:
    """A depth-first walk over the strings of a parse tree, shortest counts first."""

    def __init__(self) -> None:
        self.steps = 0

    def strings(self, items: tuple[tuple[Any, Any], ...], need: int, room: int) -> Iterator[str]:
        """Yield strings of ``items`` of at least ``need`` and at most ``room`` characters."""
        self.steps += 1
        if self.steps > _BUDGET:
            raise _OutOfStepsError
        need = max(need, 0)
        least, most = _widths(items)
        if least > room or most < need:
            return
        if not items:
            yield ""
            return
        (op, av), rest = items[0], items[1:]
        name = str(op)
        if name in _ZERO_WIDTH or (name.startswith("GROUPREF") and name != "GROUPREF_EXISTS"):
            yield from self.strings(rest, need, room)  # the final match decides
        elif name == "SUBPATTERN":
            yield from self.strings(tuple(av[3]) + rest, need, room)
        elif name == "ATOMIC_GROUP":
            yield from self.strings(tuple(av) + rest, need, room)
        elif name == "BRANCH":
            for alternative in av[1]:
                yield from self.strings(tuple(alternative) + rest, need, room)
        elif name == "GROUPREF_EXISTS":
            for part in av[1:]:
                yield from self.strings(tuple(part or ()) + rest, need, room)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, sub = av
            sub_items = tuple(sub)
            top = min(high, low + 3 + need)
            sub_least = _widths(sub_items)[0]
            if sub_least:
                top = min(top, room // sub_least)
            for count in range(low, top + 1):
                yield from self.strings(sub_items * count + rest, need, room)
        else:
            chars = _chars(items[0])
            for char in chars or "":
                for tail in self.strings(rest, need - 1, room - 1):
                    yield char + tail


def _variations(example: str, n: int) -> tuple[str, ...]:
    """Return the variations of the example tried first for the ``n``-th value."""
    return (f"{example}-{n}", f"{example}{n}", f"{example[: -len(str(n))]}{n}")


_HTTP_URL: TypeAdapter[HttpUrl] = TypeAdapter(HttpUrl)


def stored_form(kind: str, value: str) -> str | None:
    """Return the text the generated API keeps for ``value``; ``None`` when it refuses it.

    Args:
        kind: The field type; only ``url`` and ``email`` are checked, others come back as given.
        value: The text a request would carry.
    """
    if kind == "url":
        try:
            return str(_HTTP_URL.validate_python(value))
        except ValidationError:
            return None
    if kind == "email":
        try:
            return validate_email(
                value, check_deliverability=False, test_environment=True
            ).normalized
        except EmailNotValidError:
            return None
    return value


@lru_cache(maxsize=256)
def pattern_samples(
    pattern: str,
    example: str,
    min_length: int | None,
    max_length: int | None,
    count: int,
    *,
    kind: str = "str",
) -> tuple[str, ...]:
    """Return up to ``count`` distinct values the pattern accepts within the lengths.

    The example comes first; then, for each later value, the first variation of the example
    (``<example>-<n>``, ``<example><n>``, its end replaced by ``n``) that fits; then strings
    enumerated from the pattern, shortest repetitions and first characters of each set first;
    then the example with one character replaced. Fewer than ``count`` values come back when
    no more are found.

    Args:
        pattern: The field's pattern (Python ``re``, matched with ``search`` as the generated
            schemas do).
        example: The spec's example, which fits the pattern and the lengths.
        min_length: The shortest value the field takes.
        max_length: The longest value the field takes (``None``: no limit).
        count: How many values are wanted.
        kind: The field type: a url or email value must be one the API keeps as it is
            (:func:`stored_form`).
    """
    compiled = re.compile(pattern)
    need = min_length or 0
    room = _HUGE if max_length is None else max_length

    def fits(value: str) -> bool:
        if not need <= len(value) <= room or compiled.search(value) is None:
            return False
        return stored_form(kind, value) == value

    found = [example]
    for n in range(1, count):
        for candidate in _variations(example, n):
            if candidate not in found and fits(candidate) and compiled.fullmatch(candidate):
                found.append(candidate)
                break
    if len(found) >= count:
        return tuple(found[:count])
    walk = _Walk()
    try:
        for candidate in walk.strings(tuple(_PARSER.parse(pattern)), need, room):
            if candidate not in found and fits(candidate):
                found.append(candidate)
                if len(found) == count:
                    break
    except (_OutOfStepsError, RecursionError):
        pass
    for candidate in _substitutions(example):
        if len(found) >= count:
            break
        if candidate not in found and fits(candidate):
            found.append(candidate)
    return tuple(found)


def _substitutions(example: str) -> Iterator[str]:
    """Yield the example with one character replaced, from its end, up to the budget.

    Values the walk misses (a look-ahead that wants a character late in a set, such as
    ``(?=.*Z)``) often differ from the example in one place.
    """
    tried = 0
    for index in reversed(range(len(example))):
        for char in _POOL:
            if char != example[index]:
                tried += 1
                if tried > _BUDGET // 4:
                    return
                yield example[:index] + char + example[index + 1 :]
