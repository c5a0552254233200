"""The generator's shape: stage packages import only from earlier stages, and no module cycles.

Every ``import`` and ``from ... import`` of a ``fastgen`` module counts, wherever it stands
(top level, inside a function, under ``TYPE_CHECKING``): a cycle hidden in a function is still
a cycle in the design.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator" / "fastgen"

STAGES = ("errors", "spec", "model", "db", "view", "render", "project", "api", "cli")
"""The pipeline, first stage first; a module may import only from its own stage or earlier."""

TOP_LEVEL = {"__init__", "__main__"}
"""Modules outside the pipeline: the package face and ``python -m fastgen``."""


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported(path: Path, name: str, known: set[str]) -> set[str]:
    """The fastgen modules one module imports (``from pkg import mod`` resolved to ``mod``)."""
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("fastgen"))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    [*package.split(".")[: len(package.split(".")) - node.level + 1], base]
                )
                base = base.rstrip(".")
            if not base.startswith("fastgen"):
                continue
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in known else base)
    return {m for m in found if m in known and m != name}


@cache
def graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: imported(path, name, known) for name, path in found.items()}


def stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_every_module_belongs_to_a_stage() -> None:
    strays = [m for m in modules() if stage(m) not in (*STAGES, *TOP_LEVEL)]
    assert strays == [], f"modules outside the stage packages {STAGES}: {strays}"


def test_no_import_cycles() -> None:
    edges = graph()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(edges[node]):
            if state.get(target) == 1:
                cycles.append([*stack[stack.index(target) :], target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    assert cycles == [], "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


@pytest.mark.parametrize("module", sorted(modules()))
def test_imports_follow_the_pipeline(module: str) -> None:
    own = stage(module)
    if own in TOP_LEVEL:
        return
    late = [
        target
        for target in sorted(graph()[module])
        if stage(target) in STAGES and STAGES.index(stage(target)) > STAGES.index(own)
    ]
    assert late == [], f"{module} ({own}) imports from later stages: {late}"


def test_the_cycle_check_can_fail(tmp_path: Path) -> None:
    """The walker sees a cycle through a function-level import (guards the test itself)."""
    first = tmp_path / "a.py"
    first.write_text("def f():\n    from fastgen.b import g\n", encoding="utf-8")
    assert imported(first, "fastgen.a", {"fastgen.a", "fastgen.b"}) == {"fastgen.b"}
