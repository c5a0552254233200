"""Load a spec: read YAML, check its shape with Pydantic, check its meaning, report it all.

Loading never stops at the first problem. YAML reading problems, shape problems (translated
from Pydantic's errors into plain messages with a file position) and semantic problems (from
:mod:`fastgen.spec.validate`) are gathered and raised together as one
:class:`~fastgen.errors.SpecError`, sorted by position.
"""

from __future__ import annotations

import difflib
import types
from collections import defaultdict
from enum import Enum
from pathlib import Path as FilePath
from typing import Annotated, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from fastgen.errors import SpecError, SpecProblem
from fastgen.spec.model import Spec
from fastgen.spec.positions import (
    START,
    Issue,
    ParsedYaml,
    Path,
    describe,
    dotted,
    one_of,
    parse_yaml,
)
from fastgen.spec.validate import check_spec

_TYPE_ERRORS: dict[str, str] = {
    "string_type": "text",
    "int_type": "a whole number",
    "float_type": "a number",
    "bool_type": "`true` or `false`",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "list_type": "a list",
}
_CHOICE_LABELS: dict[str, str] = {
    "type": "field type",
    "kind": "relation kind",
    "on_delete": "on_delete action",
    "operations": "operation",
    "permissions": "operation",
    "events": "event",
    "id": "primary key type",
    "pagination": "pagination style",
    "owned_by": "owner",
    "python": "Python version",
    "versions": "API version",
}
_BOUNDS: dict[str, tuple[str, str]] = {
    "greater_than_equal": ("at least", "ge"),
    "greater_than": ("greater than", "gt"),
    "less_than_equal": ("at most", "le"),
    "less_than": ("less than", "lt"),
}
_MISSING_HINTS: dict[str, str] = {
    "fastgen": "`fastgen: 1` at the top of the file",
    "project": "a `project:` mapping with `name` and `title`",
    "name": "`name:`, e.g. `name: my-service` (lowercase letters, digits, dashes, underscores)",
    "title": "`title:`, e.g. `title: My Service`",
    "domains": "a `domains:` mapping with at least one domain",
    "entities": "an `entities:` mapping with at least one entity",
    "fields": "a `fields:` mapping with at least one field, e.g. `name: {type: str}`",
    "to": "`to:` naming the target entity, e.g. `to: Customer` or `to: shop.Customer`",
    "ttl": "`ttl:`, e.g. `ttl: 5m`",
}
_PATTERN_HINTS: dict[str, str] = {
    "name": "use lowercase ASCII letters and digits, starting with a letter, with single "
    "dashes or underscores between words, e.g. `my-shop`",
    "version": "use three numbers separated by dots, e.g. `0.1.0`",
    "ttl": "use a whole number followed by s, m, h or d, e.g. `60s` or `5m`",
    "max_size": "use a whole number followed by B, KB, MB or GB, at least 16B, e.g. `5MB`",
    "content_types": "write a media type `family/kind` in lowercase, e.g. `image/png`, or "
    "`family/*`, e.g. `image/*`",
}


def load_spec(path: FilePath) -> Spec:
    """Read and validate the spec file at ``path``; see :func:`read_spec`."""
    return read_spec(path)[0]


def read_spec(path: FilePath) -> tuple[Spec, str]:
    """Read and validate the spec file at ``path``, returning its text too.

    Args:
        path: The YAML spec file.

    Returns:
        The validated spec and the file's text (as decoded: UTF-8, a BOM dropped).

    Raises:
        SpecError: The file cannot be read, or the spec has problems; every problem found is
            in the error, sorted by position.

    """
    filename = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        message = "the spec file does not exist — check the path"
    except IsADirectoryError:
        message = "this is a directory, not a spec file — pass the path of the YAML file"
    except PermissionError:
        message = "permission denied reading the spec — check the file's permissions"
    except OSError as error:
        message = f"cannot read the spec ({error.strerror}) — check the path"
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = raw.count(b"\n", 0, error.start) + 1
            column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
            problem = SpecProblem(
                filename,
                line,
                column,
                "",
                f"the file is not valid UTF-8 (byte 0x{raw[error.start]:02x}) — save it as UTF-8",
            )
            raise SpecError([problem]) from None
        return load_spec_text(text, filename), text
    raise SpecError([SpecProblem(filename, 1, 1, "", message)])


def load_spec_text(text: str, filename: str) -> Spec:
    """Validate a spec given as YAML text.

    Args:
        text: The YAML source of the spec.
        filename: The name used for the file in problem messages.

    Returns:
        The validated spec.

    Raises:
        SpecError: The spec has problems; every problem found is in the error.

    """
    parsed = parse_yaml(text)
    issues = list(parsed.issues)
    spec: Spec | None = None
    if parsed.syntax_ok and parsed.data is None:
        issues.append(
            Issue((), "the spec is empty — start with `fastgen: 1`, `project:` and `domains:`")
        )
    elif parsed.syntax_ok and not isinstance(parsed.data, dict):
        issues.append(
            Issue(
                (),
                f"the spec must be a mapping of keys, got {describe(parsed.data)} — start with "
                "`fastgen: 1`, `project:` and `domains:`",
            )
        )
    elif parsed.syntax_ok:
        try:
            spec = Spec.model_validate(parsed.data)
        except ValidationError as error:
            issues.extend(shape_issues(error.errors(), parsed.data))
        version = parsed.data.get("fastgen")
        if isinstance(version, bool | float):  # Literal[1] accepts `true` and `1.0`
            message = (
                f"expected the whole number 1, got {describe(version)}: this fastgen reads spec "
                "format 1 — set `fastgen: 1`"
            )
            issues.append(Issue(("fastgen",), message))
        issues.extend(check_spec(parsed.data))
    if issues or spec is None:
        raise SpecError(_problems(issues, parsed, filename))
    return spec


def _problems(issues: list[Issue], parsed: ParsedYaml, filename: str) -> list[SpecProblem]:
    problems: set[SpecProblem] = set()
    for issue in issues:
        mark = parsed.locate(issue) if parsed.syntax_ok else (issue.mark or START)
        problems.add(
            SpecProblem(filename, mark.line, mark.column, dotted(issue.path), issue.message)
        )
    return list(problems)


def shape_issues(errors: list[ErrorDetails], data: object) -> list[Issue]:
    """Translate Pydantic validation errors into issues with plain messages.

    Errors that only differ by union member (``default`` may be text, a number or a boolean)
    are merged into one issue.

    Args:
        errors: ``ValidationError.errors()`` from validating ``data`` against :class:`Spec`.
        data: The plain data that was validated.

    Returns:
        One issue per problem, positioned by path.

    """
    groups: dict[tuple[Path, bool], list[ErrorDetails]] = defaultdict(list)
    for error in errors:
        loc = error["loc"]
        if error["type"] == "missing":
            path, on_key = _data_path(loc[:-1], data)
            path += (loc[-1],)
        else:
            path, on_key = _data_path(loc, data)
        groups[(path, on_key)].append(error)
    issues: list[Issue] = []
    deeper = {path[:-1] for path, _ in groups if path}
    for (path, on_key), group in groups.items():
        if path in deeper and isinstance(group[0]["input"], dict):
            # A mapping that one union member accepts in shape: report what is wrong inside
            # it, not that another member (e.g. `false`) would not take a mapping.
            continue
        others = [error for error in group if error["type"] not in _TYPE_ERRORS]
        if not others:
            expected = [_TYPE_ERRORS[error["type"]] for error in group]
            issues.append(Issue(path, _type_message(path, expected, group[0]["input"])))
        for error in others:
            issues.append(_issue(path, on_key, error))
    return issues


def _data_path(loc: tuple[int | str, ...], data: object) -> tuple[Path, bool]:
    """Follow ``loc`` through ``data``; drop union member tags; tell if a key is at fault."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if part == "[key]":
            return tuple(path), True
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_list or (isinstance(node, dict) and part in node):
            node = node[part]  # type: ignore[index]
            path.append(part)
    return tuple(path), False


def _issue(path: Path, on_key: bool, error: ErrorDetails) -> Issue:
    kind, value, ctx = error["type"], error["input"], error.get("ctx") or {}
    name = "name" if on_key else _last_name(path)
    at: Literal["key", "value", "parent"] = "key" if on_key else "value"
    if kind == "missing":
        hint = _MISSING_HINTS.get(name) or _missing_choices(path) or f"`{name}:`"
        message, at = f"missing required key `{name}` — add {hint}", "parent"
    elif kind == "extra_forbidden":
        message, at = _unknown_key(path), "key"
    elif kind in {"literal_error", "enum"}:
        message = _choice_message(path, on_key, value)
    elif kind == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get(name, f"match the pattern `{ctx.get('pattern')}`")
        message = f"{describe(value)} is not a valid `{name}` — {hint}"
    elif kind == "string_too_short":
        message = f"`{name}` is empty — write a value or remove the key"
    elif kind == "string_too_long":
        what = "the name" if on_key else f"`{name}`"
        limit = ctx.get("max_length")
        message = f"{what} is longer than {limit} characters — shorten it to at most {limit}"
    elif kind in _BOUNDS:
        relation, limit_key = _BOUNDS[kind]
        limit = ctx.get(limit_key)
        hint = f"use a value {relation} {limit}"
        if name == "max_length" and kind == "less_than_equal":
            hint += "; for longer strings use `type: text`, which has no length limit"
        message = f"`{name}` must be {relation} {limit}, got {describe(value)} — {hint}"
    else:
        message = f"{describe(value)} is not valid here — check it against `fastgen schema`"
    return Issue(path, message, at)


def _last_name(path: Path) -> str:
    return next((str(part) for part in reversed(path) if isinstance(part, str)), "spec")


def _type_message(path: Path, expected: list[str], value: object) -> str:
    labels = list(dict.fromkeys(expected))
    if "a number" in labels and "a whole number" in labels:
        labels.remove("a whole number")
    want = one_of(labels)
    name = _last_name(path)
    if value is None:
        hint = f"give `{name}` a value after the colon, or remove the key"
    elif "a mapping" in labels and isinstance(value, list):
        hint = "remove the `-` markers: this is a mapping of names, not a list"
    elif "a mapping" in labels:
        hint = f"write the entries as indented `key: value` lines under `{name}:`"
    elif "`true` or `false`" in labels and isinstance(value, str):
        hint = "write `true` or `false` without quotes"
    elif any("number" in label for label in labels) and isinstance(value, str) and _numeric(value):
        hint = "write the number without quotes"
    elif labels == ["a whole number"] and isinstance(value, float):
        hint = "use a whole number, without a fraction"
    elif labels == ["a list"]:
        hint = f"write a list, e.g. `{name}: [...]` or one `- item` per line"
    elif labels == ["text"] and isinstance(value, int | float):
        hint = f"quote it to make it text, e.g. `'{value}'`"
    elif isinstance(value, list | dict):
        hint = "give a single value here, not a list or mapping"
    else:
        hint = f"write {want} here"
    return f"expected {want}, got {describe(value)} — {hint}"


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _unknown_key(path: Path) -> str:
    key = str(path[-1])
    model = _model_at(path[:-1])
    allowed = list(model.model_fields) if model is not None else []
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return f"unknown key `{key}` — did you mean `{close[0]}`?"
    if allowed:
        return f"unknown key `{key}` — remove it; allowed keys here: {', '.join(allowed)}"
    return f"unknown key `{key}` — remove it"


def _choice_message(path: Path, on_key: bool, value: object) -> str:
    if path == ("fastgen",):
        return (
            f"unsupported spec format `{value}`: this fastgen reads spec format 1 "
            "— set `fastgen: 1`"
        )
    annotation = _annotation_at(path[:-1]) if on_key else _annotation_at(path)
    if on_key:
        annotation = next((get_args(m)[0] for m in _members(annotation) if _is(m, dict)), None)
    choices = _choices(annotation)
    named = [str(part) for part in (path[:-1] if on_key else path) if isinstance(part, str)]
    name = named[-1] if named else "value"
    label = _CHOICE_LABELS.get(name, f"value for `{name}`")
    allowed = ", ".join(choices)
    close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.5)
    if isinstance(value, str) and close:
        return f"`{value}` is not a valid {label} — did you mean `{close[0]}`? Allowed: {allowed}"
    return f"{describe(value)} is not a valid {label} — use one of: {allowed}"


def _missing_choices(path: Path) -> str | None:
    choices = _choices(_annotation_at(path))
    if not choices:
        return None
    return f"`{path[-1]}:` with one of: {', '.join(choices)}"


def _members(annotation: object) -> list[object]:
    """Flatten ``Annotated`` and unions into the plain member types (``None`` left out)."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _members(get_args(annotation)[0])
    if origin is Union or origin is types.UnionType:
        return [m for arg in get_args(annotation) for m in _members(arg)]
    return [] if annotation is type(None) or annotation is None else [annotation]


def _is(member: object, container: type) -> bool:
    return get_origin(member) is container


def _annotation_at(path: Path) -> object:
    """Return the type annotation that describes the node at ``path``, or ``None``."""
    annotation: object = Spec
    for part in path:
        for member in _members(annotation):
            if isinstance(member, type) and issubclass(member, BaseModel):
                fields = member.model_fields
                if isinstance(part, str) and part in fields:
                    annotation = fields[part].annotation
                    break
            elif _is(member, dict) and isinstance(part, str):
                annotation = get_args(member)[1]
                break
            elif _is(member, list) and isinstance(part, int):
                annotation = get_args(member)[0]
                break
        else:
            return None
    return annotation


def _model_at(path: Path) -> type[BaseModel] | None:
    for member in _members(_annotation_at(path)):
        if isinstance(member, type) and issubclass(member, BaseModel):
            return member
    return None


def _choices(annotation: object) -> list[str]:
    for member in _members(annotation):
        if get_origin(member) is Literal:
            return [str(a).lower() if isinstance(a, bool) else str(a) for a in get_args(member)]
        if isinstance(member, type) and issubclass(member, Enum):
            return [str(item.value) for item in member]
    return []
