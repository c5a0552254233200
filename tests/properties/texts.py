"""Human text for titles and descriptions: ordinary phrases and anything else the spec allows.

A title is 1 to 100 characters, a description 1 to 2000; both are arbitrary Unicode. Besides
random text the strategies mix in the pieces that break code generators: triple quotes, a
trailing quote or backslash, escape-like sequences, control characters, line and paragraph
separators, a byte-order mark, template and format syntax, and text of the greatest length.
"""

from __future__ import annotations

import unicodedata

from hypothesis import strategies as st

WORDS = [
    *("Заказ", "товар", "оплата", "пользователь", "адрес", "запись", "каталог", "Order"),
    *("product", "the", "value", "é", "ß", "日本語", "🙂", "x"),
]
"""Ordinary words, Cyrillic and Latin, with a few non-BMP and wide characters."""

PIECES = [
    *('"""', "'''", '"', "'", "\\", "\\n", "\\x00", "\\u0041", "\\N{DASH}", "\\\\"),
    *("\n", "\n\n", "\t", "\r", "\r\n", "\x00", "\x07", "\x0b", "\x0c", "\x1b[31m", "\x7f"),
    *("\x85", "\u2028", "\u2029", "\ufeff", "\u200b", "\u00a0", "  ", " "),
    *("{{ x }}", "{% if %}", "{#", "%s", "%(x)s", "{0}", "{}", "${HOME}", "$$", "$"),
    *("# comment", "-- ", "*/", "/*", "<b>&amp;</b>", "`code`", "*", "_", ":", ": "),
    *("TODO", "noqa", "# noqa: E501", "type: ignore", "»", "«", ".", "...", "Args:"),
]
"""Text pieces that need escaping or care somewhere in a generated project."""

_ordinary = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)


def texts(limit: int) -> st.SearchStrategy[str]:
    """Text of 1 to ``limit`` characters: ordinary, random, awkward or as long as allowed."""

    def cut(text: str) -> str:
        return text[:limit] or "x"

    mixed = st.lists(
        st.one_of(st.sampled_from(WORDS), st.sampled_from(PIECES), st.text(max_size=4)),
        min_size=1,
        max_size=10,
    ).map("".join)
    longest = st.tuples(st.sampled_from(WORDS), st.sampled_from(PIECES)).map(
        lambda pair: ((pair[0] + " ") * limit)[: limit - len(pair[1])] + pair[1]
    )
    return st.one_of(
        _ordinary,
        st.lists(_ordinary, min_size=2, max_size=4).map("\n".join),
        st.sampled_from(PIECES),
        mixed,
        st.text(min_size=1, max_size=30),
        longest,
    ).map(cut)


LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"


def _printable(text: str, keep: str) -> str:
    """Drop the control characters the spec refuses (all but those in ``keep``)."""
    kept = "".join(c for c in text if unicodedata.category(c) != "Cc" or c in keep)
    return kept or "x"


def titles() -> st.SearchStrategy[str]:
    """A title: 1 to 100 characters on one line, no control characters (the spec's rule)."""
    return (
        texts(100)
        .map(lambda text: _printable(text, "\t"))
        .map(lambda text: "".join(" " if c in LINE_BREAKS else c for c in text))
    )


def descriptions() -> st.SearchStrategy[str]:
    """A description: 1 to 2000 characters; new lines and tabs, no other control character."""
    return texts(2000).map(lambda text: _printable(text, "\n\t"))


def tame_texts(limit: int) -> st.SearchStrategy[str]:
    """Ordinary phrases only (for runs that look at something other than text)."""
    return _ordinary.map(lambda text: text[:limit])
