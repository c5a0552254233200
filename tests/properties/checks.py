"""What a rendered project must pass without its own environment (the fast layer's checks).

``render`` loads a spec text and renders the formatted tree, as ``fastgen new`` does. The tree is
written to a scratch directory and then:

- ``ruff check`` and ``ruff format --check`` run with the tree's own ``pyproject.toml`` (the
  generated project's configuration; fastgen's pinned ruff);
- every Python module is compiled by the Python the project is for (3.11 to 3.13 differ in
  syntax), which also catches what ruff reads leniently (null bytes, bad escapes);
- every TOML, YAML and JSON file parses;
- the factory samples of each entity (``tests/factories.py``, four rows) fit their fields:
  distinct where the field is unique, within lengths, bounds and patterns, one of the enum's
  values — or the generated tests would fail on their own data.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import tempfile
import tomllib
from decimal import Decimal, localcontext
from functools import lru_cache
from operator import ge, gt, le, lt
from pathlib import Path
from typing import Any

from fastgen.api import render_project
from fastgen.project.tools import find_uv, scrub_environment
from fastgen.render.format import ruff_binary
from fastgen.spec import Spec, load_spec_text
from fastgen.spec.model import INT_RANGE
from ruamel.yaml import YAML

_COMPILE = """
import sys, pathlib
bad = []
for path in sorted(pathlib.Path(".").rglob("*.py")):
    try:
        compile(path.read_bytes(), str(path), "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as error:
        bad.append(f"{path}: {type(error).__name__}: {error}")
print("\\n".join(bad))
sys.exit(1 if bad else 0)
"""


def render(text: str) -> tuple[Spec, dict[str, str]]:
    """Load a spec text (it must be accepted) and render its formatted project tree."""
    spec = load_spec_text(text, "spec.yaml")
    return spec, render_project(spec, text)


def write_tree(tree: dict[str, str], root: Path) -> None:
    """Write every file of a tree under ``root``."""
    for rel, content in tree.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


@lru_cache(maxsize=8)
def python_for(version: str) -> str:
    """Return an interpreter of ``version`` (``uv python find`` honours ``.python-version``,
    which pyenv's shims need)."""
    with tempfile.TemporaryDirectory() as scratch:
        (Path(scratch) / ".python-version").write_text(version + "\n")
        found = subprocess.run(
            [find_uv(), "python", "find", "--no-project", version],
            cwd=scratch,
            env=scrub_environment(os.environ),
            capture_output=True,
            text=True,
            check=False,
        )
    assert found.returncode == 0, f"no Python {version} for the compile check: {found.stderr}"
    return found.stdout.strip()


def tool_problems(root: Path, version: str) -> list[str]:
    """Run ruff check, ruff format --check and the compile check on a written tree."""
    compiling = subprocess.Popen(  # runs beside ruff: two cores, half the wait
        [python_for(version), "-c", _COMPILE],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    problems: list[str] = []
    for name, args in (
        ("ruff check", ["check", "--no-cache", "--output-format", "concise", "--quiet", "."]),
        ("ruff format --check", ["format", "--check", "--no-cache", "."]),
    ):
        run = subprocess.run(
            [ruff_binary(), *args], cwd=root, capture_output=True, text=True, check=False
        )
        if run.returncode:
            problems.append(f"{name}:\n{run.stdout}{run.stderr}")
    output, _ = compiling.communicate()
    if compiling.returncode:
        problems.append(f"compile (Python {version}):\n{output}")
    return problems


def data_file_problems(tree: dict[str, str]) -> list[str]:
    """Parse every TOML, YAML and JSON file of the tree."""
    problems: list[str] = []
    yaml = YAML(typ="safe")
    for rel, content in tree.items():
        try:
            if rel.endswith(".toml"):
                tomllib.loads(content)
            elif rel.endswith((".yml", ".yaml")):
                yaml.load(content)
            elif rel.endswith(".json"):
                json.loads(content)
        except Exception as error:
            problems.append(f"{rel}: {type(error).__name__}: {error}")
    return problems


def _payloads(factories: str) -> dict[str, dict[str, list[Any]]]:
    """The four sample rows of each ``<entity>_payload`` function, by field."""
    found: dict[str, dict[str, list[Any]]] = {}
    for node in ast.parse(factories).body:
        if not (isinstance(node, ast.FunctionDef) and node.name.endswith("_payload")):
            continue
        returned = next(n for n in node.body if isinstance(n, ast.Return))
        assert isinstance(returned.value, ast.Dict)
        rows: dict[str, list[Any]] = {}
        for key, value in zip(returned.value.keys, returned.value.values, strict=True):
            if isinstance(key, ast.Constant) and isinstance(value, ast.Subscript):
                try:
                    rows[key.value] = ast.literal_eval(value.value)
                except ValueError:
                    continue  # not a literal list (e.g. built from another call)
        found[node.name.removesuffix("_payload")] = rows
    return found


def _sample_problem(name: str, body: Any, values: list[Any], enums: dict[str, Any]) -> str | None:
    """Why the samples of one field would not pass its own request schema, or None."""
    if body.unique and len({json.dumps(v, sort_keys=True) for v in values}) < len(values):
        return f"unique field `{name}` gets repeated samples {values}"
    for value in values:
        if value is None:
            continue
        if isinstance(value, str) and body.type in ("str", "text"):
            if body.max_length is not None and len(value) > body.max_length:
                return f"`{name}` sample {value!r} is longer than max_length {body.max_length}"
            if body.min_length is not None and len(value) < body.min_length:
                return f"`{name}` sample {value!r} is shorter than min_length {body.min_length}"
            if body.pattern is not None and not re.search(body.pattern, value):
                return f"`{name}` sample {value!r} does not match pattern {body.pattern!r}"
        if body.type in ("int", "bigint", "float", "decimal") and not isinstance(value, bool):
            number = Decimal(str(value))  # exact: a float would round a bigint
            for key, test in (("min", ge), ("max", le), ("gt", gt), ("lt", lt)):
                bound = getattr(body, key)
                if bound is not None and not test(number, Decimal(repr(bound))):
                    return f"`{name}` sample {value!r} is outside `{key}: {bound}`"
            if body.type in ("int", "bigint"):
                low, high = INT_RANGE[body.type]
                if not low <= number <= high:
                    return f"`{name}` sample {value!r} does not fit a {body.type} column"
            if body.type == "decimal" and body.precision is not None:
                scale = body.scale or 0
                # PostgreSQL's NUMERIC takes up to 1000 digits: the default 28 would not do.
                with localcontext(prec=body.precision + 2):
                    fits = number == number.quantize(Decimal(1).scaleb(-scale)) and abs(
                        number
                    ) < Decimal(10) ** (body.precision - scale)
                if not fits:
                    return (
                        f"`{name}` sample {value!r} does not fit decimal({body.precision}, {scale})"
                    )
        if body.type == "enum" and value not in enums[body.enum]:
            return f"`{name}` sample {value!r} is not a value of enum {body.enum}"
    return None


def sample_problems(spec: Spec, tree: dict[str, str]) -> list[str]:
    """Check the factory samples of every entity against its fields."""
    from fastgen.spec.naming import snake  # noqa: PLC0415

    payloads = _payloads(tree["tests/factories.py"])
    problems: list[str] = []
    for domain in spec.domains.values():
        for entity_name, entity in domain.entities.items():
            rows = payloads.get(snake(entity_name), {})
            for name, body in entity.fields.items():
                if name in rows:
                    problem = _sample_problem(name, body, rows[name], spec.enums)
                    if problem:
                        problems.append(f"{entity_name}: {problem}")
    return problems


def project_problems(text: str, scratch: Path) -> list[str]:
    """Render a spec text and return every problem the fast checks find in its project."""
    spec, tree = render(text)
    root = scratch / "project"
    write_tree(tree, root)
    problems = tool_problems(root, spec.project.python)
    problems += data_file_problems(tree)
    problems += sample_problems(spec, tree)
    return problems
