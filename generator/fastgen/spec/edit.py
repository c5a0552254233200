"""Edit a spec's YAML text: add a domain built from command-line options or read from a file.

This backs ``fastgen add-domain``. The spec's node tree (libyaml, through ruamel.yaml) gives
the ``domains:`` mapping and where its last entry ends; the new domain is rendered by
ruamel.yaml in round-trip mode on its own and spliced into the text there, so every byte
outside the inserted block (comments, key order, quoting, flow mappings, blank lines) stays
exactly as it was.
Nothing here validates the whole spec: the caller loads the result with
:func:`fastgen.spec.load_spec_text`, which reports problems with their positions.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode
from ruamel.yaml.tokens import CommentToken

from fastgen.errors import ArgumentError, FastgenError, SpecError, SpecProblem
from fastgen.spec.model import FieldType
from fastgen.spec.value_checks import STRINGS

SNAKE_RE = re.compile(r"^[a-z][a-z0-9_]*$")
"""Field and domain names accepted from options (the spec's own checks are stricter)."""
PASCAL_RE = re.compile(r"^[A-Z][A-Za-z0-9]*$")
"""Entity and enum names accepted from options."""

_TYPES = ", ".join(kind.value for kind in FieldType)
_WHOLE_RE = re.compile(r"^[0-9]+$")
_SNAKE_HINT = "use lowercase letters, digits and underscores, starting with a letter"


def parse_field(text: str) -> tuple[str | None, str, dict[str, object]]:
    """Parse one ``--field`` value: ``[Entity.]name:type[(args)][?][!]``.

    Args:
        text: The option value, e.g. ``Payment.amount:decimal(12,2)?``.

    Returns:
        The entity prefix or ``None``, the field name and the field's mapping in the spec,
        e.g. ``("Payment", "amount", {"type": "decimal", "precision": 12, "scale": 2,
        "required": False})``.

    Raises:
        ArgumentError: The value is malformed; the message says what to write instead.

    """

    def fail(problem: str) -> ArgumentError:
        return ArgumentError(f"--field {text!r}: {problem}")

    head, colon, spec = text.partition(":")
    entity, dot, name = head.rpartition(".")
    if not colon:
        raise fail("no type given — write NAME:TYPE, e.g. price:decimal(12,2)")
    if dot and not PASCAL_RE.match(entity):
        raise fail(f"entity {entity!r} is not PascalCase — write it like Payment")
    if not SNAKE_RE.match(name):
        what = f"field name {name!r} is not snake_case" if name else "the field name is empty"
        raise fail(f"{what} — {_SNAKE_HINT}, e.g. unit_price")
    body = spec.rstrip("?!")
    flags = spec[len(body) :]
    kind, paren, rest = body.partition("(")
    if "?" in body or "!" in body:
        raise fail("`?` and `!` go at the very end — write e.g. code:str(20)?!")
    if twice := next((flag for flag in "?!" if flags.count(flag) > 1), None):
        raise fail(f"`{twice}` is given twice — write it once")
    if kind not in {item.value for item in FieldType}:
        what = f"unknown field type {kind!r}" if kind else "no type given after the colon"
        raise fail(f"{what} — use one of {_TYPES}")
    if paren and (not rest.endswith(")") or "(" in rest or ")" in rest[:-1]):
        raise fail(f"unbalanced parentheses — write e.g. {name}:{kind}(...) with one pair")
    args = [arg.strip() for arg in rest[:-1].split(",")] if paren else None
    field: dict[str, object] = {"type": kind}
    if kind == "decimal":
        field.update(_decimal_args(args, fail))
    elif kind == "enum":
        if not args or len(args) != 1 or not PASCAL_RE.match(args[0]):
            raise fail("enum needs the name of an enum from `enums:` — write e.g. enum(Currency)")
        field["enum"] = args[0]
    elif args is not None and kind in STRINGS:
        if len(args) != 1 or not _WHOLE_RE.match(args[0]) or not 1 <= int(args[0]) <= 10485760:
            raise fail(f"the length must be one whole number from 1 — write e.g. {kind}(100)")
        field["max_length"] = int(args[0])
    elif args is not None:
        raise fail(f"type {kind!r} takes no arguments — write {name}:{kind}")
    if "?" in flags:
        field["required"] = False
    if "!" in flags:
        field["unique"] = True
    return (entity if dot else None), name, field


def _decimal_args(
    args: list[str] | None, fail: Callable[[str], ArgumentError]
) -> dict[str, object]:
    """Read ``precision[,scale]`` of a decimal field; ``fail`` builds the error."""
    usage = "write decimal(PRECISION,SCALE), e.g. decimal(12,2)"
    if args is None:
        raise fail(f"decimal needs a precision, the total number of digits — {usage}")
    if len(args) > 2 or not all(_WHOLE_RE.match(arg) for arg in args):
        raise fail(f"decimal takes one or two whole numbers — {usage}")
    digits = [int(arg) for arg in args]
    if not 1 <= digits[0] <= 1000 or (len(digits) == 2 and digits[1] > digits[0]):
        raise fail(f"precision must be 1 to 1000 and scale at most the precision — {usage}")
    return dict(zip(("precision", "scale"), digits, strict=False))


def domain_from_args(
    entities: list[str], fields: list[str], description: str | None = None
) -> dict[str, object]:
    """Build a domain body from ``--entity`` and ``--field`` options.

    Args:
        entities: Entity names (PascalCase), in order.
        fields: ``--field`` values, in order; with several entities each needs a prefix.
        description: The domain's description, left out when ``None``.

    Returns:
        ``{"description": ..., "entities": {Name: {"fields": {...}}}}``.

    Raises:
        ArgumentError: No entity, a bad or repeated name, a field whose entity is unclear or
            unknown, or an entity without fields.

    """
    if not entities:
        raise ArgumentError(
            "no entity given — pass --entity Name --field name:type, or --from FILE"
        )
    bodies: dict[str, dict[str, object]] = {}
    for entity in entities:
        if not PASCAL_RE.match(entity):
            raise ArgumentError(f"--entity {entity!r}: not PascalCase — write it like Payment")
        if entity in bodies:
            raise ArgumentError(f"--entity {entity!r} is given twice — give each entity once")
        bodies[entity] = {}
    names = ", ".join(entities)
    for text in fields:
        prefix, name, field = parse_field(text)
        if prefix is None and len(entities) > 1:
            problem = f"several entities are given ({names}), so the field must name its entity"
            raise ArgumentError(f"--field {text!r}: {problem} — write e.g. {entities[0]}.{text}")
        entity = prefix or entities[0]
        if entity not in bodies:
            raise ArgumentError(
                f"--field {text!r}: entity {entity!r} is not among the --entity values "
                f"({names}) — add --entity {entity} or fix the prefix"
            )
        if name in bodies[entity]:
            raise ArgumentError(
                f"--field {text!r}: field {name!r} of {entity} is given twice — remove one"
            )
        bodies[entity][name] = field
    for entity in (entity for entity, body in bodies.items() if not body):
        hint = f" (here {entity}.NAME:TYPE)" if len(entities) > 1 else ""
        raise ArgumentError(
            f"--entity {entity!r}: the entity has no fields — add at least one with "
            f"--field NAME:TYPE{hint}"
        )
    domain: dict[str, object] = {} if description is None else {"description": description}
    domain["entities"] = {entity: {"fields": body} for entity, body in bodies.items()}
    return domain


def read_domain_file(path: Path, name: str) -> dict[str, object]:
    """Read the domain given with ``--from``.

    Args:
        path: A YAML file holding the domain body, or a mapping ``{name: body}``.
        name: The new domain's name, which the second form must use as its only key.

    Returns:
        The body, a ruamel.yaml mapping whose comments survive insertion into the spec.

    Raises:
        ArgumentError: The file cannot be read, is not valid YAML, or holds neither form.

    """
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise ArgumentError(f"--from {path}: the file does not exist — check the path") from None
    except IsADirectoryError:
        raise ArgumentError(f"--from {path}: this is a directory — pass a YAML file") from None
    except UnicodeDecodeError:
        raise ArgumentError(f"--from {path}: the file is not UTF-8 — save it as UTF-8") from None
    except OSError as error:
        raise ArgumentError(
            f"--from {path}: cannot read it ({error.strerror}) — check the path"
        ) from None
    try:
        data = _yaml().load(text)
    except YAMLError as error:
        mark, problem = _yaml_error(error)
        where = f"{path}:{mark[0]}:{mark[1]}" if mark else str(path)
        raise ArgumentError(
            f"{where}: the file given with --from is not valid YAML ({problem}) — fix the file"
        ) from None
    where = str(path)
    if isinstance(data, CommentedMap | CommentedSeq):
        where += f":{data.lc.line + 1}:{data.lc.col + 1}"
    if isinstance(data, CommentedMap) and len(data) == 1:
        ((key, value),) = data.items()
        if isinstance(value, CommentedMap) and "entities" in value:
            if key == name:
                return value
            raise ArgumentError(
                f"{where}: the file holds domain {key!r}, not {name!r} — rename its key to "
                f"{name}, or pass {key} as the domain name"
            )
    if isinstance(data, CommentedMap) and "entities" in data:
        return data
    if isinstance(data, CommentedMap):
        got = f"the keys {', '.join(map(str, data))}"
    else:
        got = "a list" if isinstance(data, list) else "a single value" if data else "nothing"
    raise ArgumentError(
        f"{where}: the file holds {got}, not a domain — write the domain body (`entities:` "
        f"and optionally `description:`), or `{name}:` holding it"
    )


def add_domain_text(
    spec_text: str, name: str, body: Mapping[str, object], filename: str = "fastgen.yaml"
) -> str:
    """Return ``spec_text`` with ``domains.<name>`` added as its last domain.

    Args:
        spec_text: The YAML source of the spec.
        name: The new domain's name (snake_case).
        body: The domain body, e.g. from :func:`domain_from_args` or :func:`read_domain_file`.
        filename: The spec's name in messages.

    Returns:
        The original text with one block inserted after the last domain: block style, the
        existing domains' indentation, field mappings in flow style. The same input always
        gives the same bytes.

    Raises:
        ArgumentError: The name is not snake_case or is taken, or there is no block
            ``domains:`` mapping.
        SpecError: ``spec_text`` is not valid YAML.
        FastgenError: The spec's layout is too unusual to insert the domain safely.

    """
    if not SNAKE_RE.match(name):
        raise ArgumentError(f"domain name {name!r} is not snake_case — {_SNAKE_HINT}, e.g. billing")
    layout = _layout(spec_text, filename)
    if layout is None:
        raise ArgumentError(
            f"{filename}: there is no block `domains:` mapping with a domain in it — add "
            "`domains:` at the top level with one indented domain, then run add-domain again"
        )
    if name in layout.names:
        line, column = layout.names[name]
        raise ArgumentError(
            f"domain {name!r} already exists in {filename}:{line + 1}:{column + 1} — choose "
            "another name, or edit its entities in the spec"
        )
    text, offset = _insert(spec_text, layout, _rendered(name, body, layout))
    if not _placed(text, offset, layout, name):
        raise FastgenError(
            f"{filename}: cannot place domain {name!r} in this spec's layout — add it by hand"
        )
    return text


def _placed(text: str, offset: int, layout: _Layout, name: str) -> bool:
    """Tell whether the block inserted at ``offset`` became the last domain and nothing else.

    The text before ``offset`` and after the block is the original, byte for byte; YAML could
    only read it differently if the block were taken into the domain above it or took in
    what follows, or cut the last domain's trailing text. So the same top-level keys, the old
    domains followed by ``name`` (whose key lies in the block) and the last old domain's
    value unchanged prove every old value unchanged (libyaml's node tree is read and one
    domain loaded: several times cheaper than loading the spec twice).
    """
    try:
        root = YAML(typ="safe", pure=False).compose(text)
    except YAMLError:
        return False
    if not isinstance(root, MappingNode):
        return False
    top = [str(key.value) for key, _ in root.value if isinstance(key, ScalarNode)]
    domains = next((v for k, v in root.value if getattr(k, "value", None) == "domains"), None)
    if top != layout.top or not isinstance(domains, MappingNode):
        return False
    names = [str(key.value) for key, _ in domains.value if isinstance(key, ScalarNode)]
    if names != [*layout.names, name]:
        return False
    if domains.value[-1][0].start_mark.index < offset:
        return False
    # The one old value the block touches: the last domain (a ``|+`` scalar keeps the blank
    # lines after it, which the block would take away).
    return bool(_value(domains.value[-2][1]) == _value(layout.last))


def _value(node: Node) -> object:
    """Return the plain data of one composed node."""
    constructor: SafeConstructor = YAML(typ="safe", pure=False).constructor
    return constructor.construct_object(node, deep=True)


def _yaml() -> YAML:
    """Return a round-trip YAML instance that keeps quotes as written."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    return yaml


def _yaml_error(error: YAMLError) -> tuple[tuple[int, int] | None, str]:
    """Return the 1-based line and column (if known) and the short problem of a YAML error."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    where = (mark.line + 1, mark.column + 1) if mark is not None else None
    if isinstance(error, MarkedYAMLError):
        return where, str(error.problem or error.context or "syntax error")
    return where, str(error).split("\n", 1)[0]


@dataclass(frozen=True)
class _Layout:
    """Where the ``domains:`` mapping of a spec is and how it is indented (0-based marks).

    Attributes:
        key: Line and column of the ``domains`` key.
        names: Each domain's name → line and column of its key, in file order.
        step: Indentation step of the domains' own mappings.
        top: The top-level keys, in file order.
        last: The node of the last domain's value.
    """

    key: tuple[int, int]
    names: dict[str, tuple[int, int]]
    step: int
    top: list[str]
    last: Node


def _layout(spec_text: str, filename: str) -> _Layout | None:
    """Find the block ``domains:`` mapping with libyaml's node tree (positions only).

    Returns:
        The layout, or None when there is no non-empty block ``domains:`` mapping.

    Raises:
        SpecError: The spec is not valid YAML.
    """
    try:
        root = YAML(typ="safe", pure=False).compose(spec_text)
    except YAMLError:
        try:
            _yaml().compose(spec_text)
        except YAMLError as error:  # the pure parser words the problem better
            mark, problem = _yaml_error(error)
            message = f"the spec is not valid YAML ({problem}) — fix it, then add the domain"
            raise SpecError([SpecProblem(filename, *(mark or (1, 1)), "", message)]) from None
        raise  # pragma: no cover - both parsers agree on what is valid YAML
    if not isinstance(root, MappingNode):
        return None
    found = [(k, v) for k, v in root.value if isinstance(k, ScalarNode) and k.value == "domains"]
    if not found or not isinstance(found[0][1], MappingNode):
        return None
    key, domains = found[0]
    if domains.flow_style or not domains.value:
        return None
    names = {
        str(k.value): (k.start_mark.line, k.start_mark.column)
        for k, _ in domains.value
        if isinstance(k, ScalarNode)
    }
    column = domains.value[0][0].start_mark.column
    first = domains.value[0][1]
    step = 2
    if isinstance(first, MappingNode) and first.value and not first.flow_style:
        step = max(first.value[0][0].start_mark.column - column, 1)
    top = [str(k.value) for k, _ in root.value if isinstance(k, ScalarNode)]
    mark = (key.start_mark.line, key.start_mark.column)
    return _Layout(mark, names, step, top, domains.value[-1][1])


def _rendered(name: str, body: Mapping[str, object], layout: _Layout) -> str:
    """Render ``{name: body}`` in block style at the indentation of the existing domains."""
    column = next(iter(layout.names.values()))[1]
    step = layout.step
    yaml = _yaml()
    yaml.width = 4096
    yaml.indent(mapping=step, sequence=2 * step, offset=step)
    shift = step - body.lc.col if isinstance(body, CommentedMap) else 0
    stream = io.StringIO()
    yaml.dump(CommentedMap([(name, _styled(copy.deepcopy(body), 0, shift))]), stream)
    lines = stream.getvalue().splitlines(keepends=True)
    return "".join(" " * column + line if line.strip() else line for line in lines)


def _insert(text: str, layout: _Layout, block: str) -> tuple[str, int]:
    """Splice ``block`` into ``text`` after the last line of the mapping under ``key``.

    Returns the new text and where the block starts in it.

    Comments indented deeper than the ``domains:`` key belong to its last domain; one at its
    column or left of it belongs to what follows, so the block goes before it. A blank line
    separates the block when one separates the last two domains.
    """
    lines: list[str] = re.findall(r"[^\n]*\n|[^\n]+$", text)
    start, column = layout.key
    last = start
    for index in range(start + 1, len(lines)):
        stripped = lines[index].strip()
        indent = len(lines[index]) - len(lines[index].lstrip(" "))
        if stripped and indent <= column and not stripped.startswith("#"):
            break
        last = index if stripped and indent > column else last
    newline = "\r\n" if lines[start].endswith("\r\n") else "\n"
    if not lines[last].endswith("\n"):
        lines[last] += newline
    above = list(layout.names.values())[-1][0] - 1
    while above > start and lines[above].strip().startswith("#"):
        above -= 1
    blank = newline if above > start and not lines[above].strip() else ""
    head = "".join([*lines[: last + 1], blank])
    return head + block.replace("\n", newline) + "".join(lines[last + 1 :]), len(head)


def _styled(value: object, depth: int, shift: int) -> object:
    """Turn plain data into ruamel nodes in the spec's usual look.

    Collections of scalars below an entity (fields, relations, ``cache``, lists) get flow
    style, everything else block style; a collection with comments (from a ``--from`` file)
    keeps its style, and its comments move ``shift`` columns along with it.
    """
    node: CommentedMap | CommentedSeq
    if isinstance(value, Mapping):
        node = value if isinstance(value, CommentedMap) else CommentedMap(value)
        for key in node:
            node[key] = _styled(node[key], depth + 1, shift)
        items: list[object] = list(node.values())
    elif isinstance(value, list | tuple):
        node = value if isinstance(value, CommentedSeq) else CommentedSeq(value)
        for index, item in enumerate(node):
            node[index] = _styled(item, depth + 1, shift)
        items = list(node)
    else:
        return value
    tokens, stack = [], [node.ca.comment, list(node.ca.items.values()), node.ca.end]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, CommentToken) and item.start_mark is not None:
            tokens.append(item)
    for token in tokens:
        token.column = max(0, token.column + shift)
        token.value = re.sub(
            r"\n( *)#", lambda m: "\n" + " " * max(0, len(m[1]) + shift) + "#", token.value
        )
    if not tokens and depth >= 3 and not any(isinstance(i, dict | list) for i in items):
        node.fa.set_flow_style()
    elif not tokens:
        node.fa.set_block_style()
    return node
