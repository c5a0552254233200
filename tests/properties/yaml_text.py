"""Plain spec data as YAML text, the way a person writes a spec: block mappings at the top,
flow mappings for a field or relation, flow lists.

Every string that is not a plain identifier-like word is written double-quoted with escapes,
so any Unicode text (quotes, backslashes, control characters, line separators) reaches the
loader exactly as drawn. The emitter is deliberately independent of ruamel's, so a dumper quirk
cannot hide a loader or template bug.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_./*-]*$")
"""Strings that can stay unquoted (in block and flow context alike)."""

_RESERVED_WORDS = {
    *("y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"),
    *("~", ".nan", ".inf"),
}
"""Plain words YAML 1.1 or 1.2 reads as something else than a string."""

_FLOW_KEYS = 2
"""Depth from which mappings of the spec are written in flow style (field and relation bodies,
``cache``, ``lockout``...)."""


def _printable(char: str) -> bool:
    """Tell whether YAML may carry ``char`` unescaped inside a double-quoted scalar."""
    code = ord(char)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return False
    return code not in (0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF) and not 0xD800 <= code <= 0xDFFF


def quoted(text: str) -> str:
    """Return ``text`` as a YAML double-quoted scalar with every unusual character escaped."""
    body = json.dumps(text, ensure_ascii=False)[1:-1]
    out: list[str] = []
    for char in body:
        if _printable(char) or char in "\\":
            out.append(char)
        elif ord(char) > 0xFFFF:
            out.append(f"\\U{ord(char):08x}")
        else:
            out.append(f"\\u{ord(char):04x}")
    return '"' + "".join(out) + '"'


def scalar(value: object) -> str:
    """Return one scalar as YAML."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        assert math.isfinite(value), value
        return repr(value)
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _RESERVED_WORDS:
        return text
    return quoted(text)


def _flow(node: Any) -> str:
    if isinstance(node, dict):
        return "{" + ", ".join(f"{scalar(k)}: {_flow(v)}" for k, v in node.items()) + "}"
    if isinstance(node, list):
        return "[" + ", ".join(_flow(item) for item in node) + "]"
    return scalar(node)


def _block(node: dict[str, Any], indent: int, depth: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for key, value in node.items():
        head = f"{pad}{scalar(key)}:"
        flow = depth >= _FLOW_KEYS and _is_leaf_mapping(value)
        if isinstance(value, dict) and value and not flow:
            lines += [head, *_block(value, indent + 2, depth + 1)]
        else:
            lines.append(f"{head} {_flow(value)}")
    return lines


def _is_leaf_mapping(value: object) -> bool:
    """A mapping whose values are scalars or lists of scalars: one flow line reads well."""
    if not isinstance(value, dict):
        return True
    return all(
        not isinstance(item, dict)
        and not (isinstance(item, list) and any(isinstance(x, dict | list) for x in item))
        for item in value.values()
    )


def yaml_text(data: dict[str, Any]) -> str:
    """Return spec data as YAML text."""
    return "\n".join(_block(data, 0, 0)) + "\n"
