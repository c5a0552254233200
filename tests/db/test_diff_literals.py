"""Column comments in migrations: a long one is split into pieces Python joins."""

from __future__ import annotations

import ast

from fastgen.db.diff import _comment


def test_short_comment_stays_one_literal() -> None:
    assert _comment("Название категории") == '"Название категории"'


def test_long_comment_is_split_into_joined_pieces() -> None:
    text = 'A "quoted" comment\\ that goes on and on, well past what fits on one line of code.'
    source = _comment(text)
    assert source.startswith("(")
    assert source.endswith(")")
    assert ast.literal_eval(source) == text
    assert all(len(line) <= 60 for line in source.strip("()").split('" "'))


def test_wide_characters_make_shorter_pieces() -> None:
    text = "長い説明" * 20
    source = _comment(text)
    assert ast.literal_eval(source) == text
    assert all(len(piece) <= 22 for piece in source.strip("()").split(" "))
