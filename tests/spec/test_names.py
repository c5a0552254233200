"""Names: what the spec refuses must be what the generated code cannot carry, and no more.

The refusals live in ``fastgen.spec.naming`` as lists; these tests hold the lists against what
the templates really generate. ``data/names.yaml`` uses the names fastgen once refused although
a generated project carries them (it renders and passes ruff here, and passes every check of
its own in ``tests/test_e2e.py``); the scans below render the example specs and read the
generated code for the names an entity, a field, a table or a domain would collide with.
"""

from __future__ import annotations

import ast
import re
import subprocess
from pathlib import Path

import pytest
from fastgen.api import generate
from fastgen.spec import load_spec, naming
from ruff.__main__ import find_ruff_bin

ROOT = Path(__file__).resolve().parents[2]
NAMES = Path(__file__).parent / "data" / "names.yaml"
EXAMPLES = [
    ROOT / "tests" / "spec" / "data" / "full.yaml",
    ROOT / "examples" / "shop" / "fastgen.yaml",
]
TEMPLATES = ROOT / "templates"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, dict[str, str]]]:
    """The example specs with their formatted projects, for Python 3.11.

    The generated code is parsed here, by the Python that runs fastgen (3.11 at the oldest),
    which cannot read the 3.12 syntax (``class Page[T]``) a 3.12 project uses.
    """
    found = []
    for example in EXAMPLES:
        spec = tmp_path_factory.mktemp("names") / example.name
        text = re.sub(r'(?m)^(\s*python:\s*)"3\.1\d"', r'\1"3.11"', example.read_text("utf-8"))
        spec.write_text(text, encoding="utf-8")
        found.append((spec, generate(spec)))
    return found


def test_names_once_refused_are_accepted() -> None:
    spec = load_spec(NAMES)
    assert spec.project.name == "names_check"
    item = spec.domains["core"].entities["Item"]
    assert {"type", "match", "case", "cls", "query", "session", "limit", "sort"} <= set(item.fields)
    assert {"type", "match", "case"} <= set(spec.domains["core"].entities["Link"].relations)
    assert item.filters[:2] == ["type", "match"]
    assert spec.enums["Kind"][:3] == ["type", "match", "case"]
    assert {"core", "mail", "tests"} <= set(spec.domains)


def test_names_spec_renders_and_passes_ruff(tmp_path: Path) -> None:
    for path, text in generate(NAMES).items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    run = subprocess.run(
        [find_ruff_bin(), "check", "--no-cache", "--output-format", "concise", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def _entity_classes(spec: Path) -> set[str]:
    """Names of the classes generated for each entity of ``spec`` (its model and schemas)."""
    model = load_spec(spec)
    names = {name for domain in model.domains.values() for name in domain.entities}
    return names | {name + suffix for name in names for suffix in naming.ENTITY_CLASS_SUFFIXES}


def _module_names(tree: ast.Module) -> set[str]:
    """Names a module binds at its top level (association tables, aliases...)."""
    bound: set[str] = set()
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        bound |= {target.id for target in targets if isinstance(target, ast.Name)}
    return bound


def _class_body_names(node: ast.ClassDef) -> set[str]:
    """Names a class body reads while the class is created, from its first field on."""
    exprs: list[ast.expr] = []
    started = False
    for statement in node.body:
        started = started or isinstance(statement, ast.AnnAssign)
        if not started:
            continue
        if isinstance(statement, ast.AnnAssign):
            exprs += [statement.annotation, *([statement.value] if statement.value else [])]
        elif isinstance(statement, ast.Assign):
            exprs.append(statement.value)
        elif isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            arguments = statement.args.args + statement.args.kwonlyargs
            exprs += [a.annotation for a in arguments if a.annotation]
            exprs += statement.decorator_list + statement.args.defaults
            exprs += [statement.returns] if statement.returns else []
    return {n.id for e in exprs for n in ast.walk(e) if isinstance(n, ast.Name)}


def test_every_name_a_class_body_reads_is_refused_as_a_field(
    rendered: list[tuple[Path, dict[str, str]]],
) -> None:
    """A field of that name would be a class attribute hiding the name from the lines below."""
    found: dict[str, str] = {}
    for spec, tree in rendered:
        classes = _entity_classes(spec)
        for path, text in tree.items():
            if not path.startswith(("app/models/v1/", "app/schemas/v1/")) or not path.endswith(
                ".py"
            ):
                continue
            module = ast.parse(text)
            own = _module_names(module)
            for node in ast.walk(module):
                if isinstance(node, ast.ClassDef) and node.name in classes:
                    for name in _class_body_names(node) - own:
                        found.setdefault(name, f"{path}: class {node.name}")
    free = {
        name: where
        for name, where in found.items()
        if naming.is_snake(name) and naming.attribute_reason(name) is None
    }
    assert not free, f"field names that would hide a name in a generated class: {free}"


def _bound_names(tree: ast.Module) -> set[str]:
    bound = _module_names(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            bound |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
    for node in tree.body:
        if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            bound.add(node.name)
    return bound


def test_every_class_name_beside_the_entity_classes_is_refused_as_an_entity(
    rendered: list[tuple[Path, dict[str, str]]],
) -> None:
    """In a module that binds ``<Entity><Suffix>``, another name ``X<Suffix>`` bars entity X."""
    barred: dict[str, str] = {}
    suffixes = ["", *naming.ENTITY_CLASS_SUFFIXES]
    for spec, tree in rendered:
        model = load_spec(spec)
        entities = {name for domain in model.domains.values() for name in domain.entities}
        own = _entity_classes(spec) | set(model.enums)
        own |= {f"{naming.pascal(domain)}EventHandler" for domain in model.domains}
        for path, text in tree.items():
            if not path.endswith(".py"):
                continue
            bound = _bound_names(ast.parse(text))
            used = {suffix for suffix in suffixes for name in entities if name + suffix in bound}
            if bound & set(model.enums):
                used.add("")
            for name in bound - own:
                for suffix in used:
                    base = name.removesuffix(suffix) if suffix else name
                    if naming.is_pascal(base) and (base != name or not suffix):
                        barred.setdefault(base, f"{name} in {path}")
    free = {name: where for name, where in barred.items() if name not in naming.CLASS_RESERVED}
    assert not free, f"entity names that would clash with generated names: {free}"


def _fixed_siblings(directory: Path, variable: str) -> set[str] | None:
    """Module and package names beside the templated ``variable`` path in ``directory``."""
    children = [re.sub(r"\{%.*?%\}", "", child.name) for child in directory.iterdir()]
    if not any(variable in child for child in children):
        return None
    names = {child.removesuffix(".jinja").removesuffix(".py") for child in children}
    return {name for name in names if "{{" not in name and naming.is_snake(name)}


def test_every_module_beside_an_entity_or_domain_module_is_refused() -> None:
    """The module of an entity is its table; a domain has a module or a package per layer."""
    checked = 0
    for directory in [TEMPLATES, *(p for p in TEMPLATES.rglob("*") if p.is_dir())]:
        tables = _fixed_siblings(directory, "{{ entity.module }}")
        if tables is not None:
            checked += 1
            reserved = set(naming.MODEL_MODULES) | naming.TABLE_RESERVED
            assert tables <= reserved, f"{directory}: {tables - reserved}"
        domains = _fixed_siblings(directory, "{{ domain.name }}")
        if domains is not None:
            checked += 1
            assert domains <= set(naming.DOMAIN_RESERVED), f"{directory}: {domains}"
    assert checked >= 5
