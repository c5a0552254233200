"""``fastgen new`` of the shop as a fresh process against ``copier copy`` of a comparable template.

Usage::

    uv run python benchmarks/bench_copier.py            # 7 alternating pairs (~1 min)
    uv run python benchmarks/bench_copier.py --runs 15  # steadier medians

What is timed: two whole processes, each started fresh, alternating A B A B: (A) the
``fastgen`` console script of this environment, ``fastgen new examples/shop/fastgen.yaml -o
DIR --no-lock`` (load, render, ruff format, write; not ``uv lock``, which ``new`` runs by
default since issue 17 and which is uv's time, not the render's: copier's run locks nothing
either), and (B) ``copier copy --defaults --quiet TEMPLATE
DIR``. Both run with PYTHONDONTWRITEBYTECODE removed from their environment, so bytecode is
written and kept, and each is run once untimed first, so both start with compiled bytecode and
warm caches (fastgen's compiled-template cache included). Each run writes into a new
directory. Wall seconds (a monotonic clock around the process) and CPU seconds (the finished
child's user + system, its children included) are printed as medians; the verdict takes the
median of the pairwise wall-time ratios A/B against the target of issue 12: at most 0.5.

Copier comes from PyPI and is installed by this script into a fresh virtual environment of its
own, with uv (``uv venv`` + ``uv pip install copier``); nothing of it is installed by hand.

Which copier template, and why it is comparable. No copier template that ships in a PyPI
package matches the shop in size: fa-template-cli 0.1.1 (a FastAPI copier template inside its
wheel) has 37 template files of about 1,100 lines, against the shop's 214 files of about
20,000 lines; fastapi-template ships a cookiecutter template, not a copier one;
fastapi-mvc 0.29 and copier-python 0.27 ship no template in their wheels; forge-template
ships components assembled by its own engine, not one copier tree. fastgen's own
``templates/`` tree is laid out the copier way, but its templates call methods of fastgen's
render context (``project.uses('file')``, ``entity.columns`` built from the spec) and
fastgen's own filters (``pylit``, ``lower_first``), which copier answers — plain YAML data —
cannot supply without fastgen's internal context builder.

So the template is built here, deterministically, from what fastgen itself renders for the
shop in the same run (the warm-up run's output): every output file becomes a ``.jinja``
template at the same path; every whole-word occurrence of the project's own names — the
project name, the domain names, the model modules and the model classes read from the
rendered tree — in a line or a path segment becomes ``{{ n['name'] }}``, where ``n`` is a
copier answer (a mapping, given as the question's default in ``copier.yml``); lines holding
Jinja delimiters of their own (GitHub's ``${{ }}``) are wrapped in ``{% raw %}``. Lines to
template are taken evenly from all candidates up to the number of templated lines in fastgen's
``templates/`` (lines holding ``{{`` or ``{%``), so both engines evaluate about as many
expressions. The result: the same 214 files, byte for byte — the script checks that copier's
output equals fastgen's — from a copier template with as many templated lines as fastgen's
templates and at least as many template lines to compile. What copier does not do is what
makes fastgen fastgen (build the per-entity context, format with ruff): that is the point of
the comparison — fastgen's whole job against a plain render of the same tree.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "examples" / "shop" / "fastgen.yaml"
FASTGEN_TEMPLATES = ROOT / "templates"
TARGET_RATIO = 0.5
COPIER = "copier>=9,<10"
JINJA_MARKS = ("{{", "{%", "{#")
WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
SUBDIRECTORY = "template"


@dataclass(frozen=True)
class Sample:
    """One timed process.

    Attributes:
        wall: Wall seconds from start to exit.
        cpu: User + system seconds of the process and the children it waited for.
    """

    wall: float
    cpu: float


@dataclass(frozen=True)
class TreeStats:
    """Size of a template tree or of a rendered tree.

    Attributes:
        files: Number of files.
        lines: Number of lines.
        templated_lines: Lines holding a Jinja expression or statement.
        templated_paths: Files whose path is a template.
        raw_lines: Lines wrapped in ``{% raw %}`` (they hold Jinja marks of their own).
        rendered_files: Files that are templates (``.jinja``); the others are copied as they are.
    """

    files: int
    lines: int
    templated_lines: int = 0
    templated_paths: int = 0
    raw_lines: int = 0
    rendered_files: int = 0


def children_cpu() -> float:
    """Return the user + system seconds of this process's finished children so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(argv: list[str], env: dict[str, str]) -> Sample:
    """Run a process to its end; return its wall and CPU seconds, or exit on its failure."""
    cpu, wall = children_cpu(), time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    sample = Sample(wall=time.perf_counter() - wall, cpu=children_cpu() - cpu)
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return sample


def fastgen_command() -> list[str]:
    """Return the command of this environment's ``fastgen`` console script."""
    beside = Path(sys.executable).parent / "fastgen"
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("fastgen")
    return [found] if found else [sys.executable, "-m", "fastgen"]


def uv_binary() -> str:
    """Return the uv executable: on PATH, else the one installed beside this interpreter."""
    found = shutil.which("uv") or shutil.which("uv", path=str(Path(sys.executable).parent))
    if found is None:
        sys.exit("uv is needed to install copier from PyPI; it is not on PATH")
    return found


def install_copier(venv: Path, requirement: str) -> tuple[Path, str]:
    """Install copier from PyPI into a new virtual environment; return its script and version."""
    uv = uv_binary()
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    for argv in (
        [uv, "venv", "--quiet", "--python", sys.executable, str(venv)],
        [uv, "pip", "install", "--quiet", "--python", str(venv / "bin" / "python"), requirement],
    ):
        done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            sys.exit(f"installing copier failed: {' '.join(argv)}\n{done.stderr}")
    script = venv / "bin" / "copier"
    version = subprocess.run(
        [str(script), "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    return script, version


def read_tree(root: Path) -> dict[str, bytes]:
    """Return every file under ``root`` by POSIX relative path."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def template_stats(root: Path) -> TreeStats:
    """Count files, lines and templated lines and paths of a template tree."""
    tree = read_tree(root)
    lines = templated = 0
    for text in (data.decode("utf-8") for data in tree.values()):
        rows = text.splitlines()
        lines += len(rows)
        templated += sum(1 for row in rows if "{{" in row or "{%" in row)
    paths = sum(1 for path in tree if "{" in path)
    jinja = sum(1 for path in tree if path.endswith(".jinja"))
    return TreeStats(len(tree), lines, templated, paths, rendered_files=jinja)


def project_names(rendered: Path) -> list[str]:
    """Return the project's own names as they appear in its rendered tree.

    The project name (from ``pyproject.toml``), the domain names (folders of
    ``app/services/v1``), the model modules and the model classes (``app/models/v1``).
    """
    names: set[str] = set()
    pyproject = (rendered / "pyproject.toml").read_text(encoding="utf-8")
    found = re.search(r'^name = "([A-Za-z_][A-Za-z0-9_]*)"', pyproject, re.MULTILINE)
    if found:
        names.add(found.group(1))
    services = rendered / "app" / "services" / "v1"
    names |= {p.name for p in services.iterdir() if p.is_dir() and p.name != "__pycache__"}
    for module in (rendered / "app" / "models" / "v1").glob("*.py"):
        if module.stem not in {"__init__", "base"}:
            names.add(module.stem)
            text = module.read_text(encoding="utf-8")
            names |= set(re.findall(r"^    ([a-z][a-z0-9_]*): Mapped\[", text, re.MULTILINE))
    for module in (rendered / "app").rglob("*.py"):
        text = module.read_text(encoding="utf-8")
        names |= set(re.findall(r"^class ([A-Z][A-Za-z0-9]*)\b", text, re.MULTILINE))
    return sorted(names)


def substitutable(match: re.Match[str], names: set[str]) -> bool:
    """Tell whether a word may become ``{{ n['word'] }}``: a name not touching a brace."""
    before = match.string[match.start() - 1 : match.start()]
    after = match.string[match.end() : match.end() + 1]
    return match.group() in names and before != "{" and after != "}"


def template_words(text: str, names: set[str]) -> str:
    """Replace each whole-word occurrence of a name in ``text`` by a copier expression."""
    return WORD.sub(
        lambda m: f"{{{{ n['{m.group()}'] }}}}" if substitutable(m, names) else m.group(), text
    )


def build_template(rendered: Path, template: Path, budget: int) -> TreeStats:
    """Write a copier template that renders exactly ``rendered``; return its stats.

    Args:
        rendered: A project fastgen rendered (the shop).
        template: The directory to create the copier template in.
        budget: How many lines to template (fastgen's own templated lines).
    """
    names = project_names(rendered)
    name_set = set(names)
    tree = {path: data.decode("utf-8") for path, data in read_tree(rendered).items()}
    candidates: list[tuple[str, int]] = []
    for path, text in tree.items():
        for number, row in enumerate(text.splitlines()):
            if not any(mark in row for mark in JINJA_MARKS) and any(
                substitutable(match, name_set) for match in WORD.finditer(row)
            ):
                candidates.append((path, number))
    step = max(1.0, len(candidates) / budget)
    chosen = {candidates[int(i * step)] for i in range(min(budget, len(candidates)))}
    root = template / SUBDIRECTORY
    answers = json.dumps({name: name for name in names}, ensure_ascii=False)
    (template).mkdir(parents=True)
    (template / "copier.yml").write_text(
        f"_subdirectory: {SUBDIRECTORY}\n_templates_suffix: .jinja\n"
        f"n:\n  type: yaml\n  when: false\n  default: '{answers}'\n",
        encoding="utf-8",
    )
    templated_paths = templated_lines = raw_lines = lines = rendered_files = 0
    for path, text in tree.items():
        parts = path.split("/")
        parts = [template_words(part, name_set) for part in parts]
        target_path = "/".join(parts)
        templated_paths += target_path != path
        rows = text.splitlines(keepends=True)
        out: list[str] = []
        for number, row in enumerate(rows):
            body = row.rstrip("\n")
            end = row[len(body) :]
            if any(mark in body for mark in JINJA_MARKS):
                out.append(f"{{% raw %}}{body}{{% endraw %}}{end}")
                raw_lines += 1
            elif (path, number) in chosen:
                out.append(template_words(body, name_set) + end)
                templated_lines += 1
            else:
                out.append(row)
        # A file with nothing to render is copied as it is, as a template author would have it.
        body = "".join(out)
        target = root / (f"{target_path}.jinja" if body != text else target_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
        rendered_files += body != text
        lines += len(rows)
    return TreeStats(len(tree), lines, templated_lines, templated_paths, raw_lines, rendered_files)


def same_trees(expected: Path, actual: Path) -> list[str]:
    """Return the paths where two trees differ (missing, extra or other content)."""
    one, two = read_tree(expected), read_tree(actual)
    return sorted(p for p in one.keys() | two.keys() if one.get(p) != two.get(p))


def main() -> int:
    """Run the benchmark and print the figures; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="alternating pairs (default 7)")
    parser.add_argument("--copier", default=COPIER, help=f"copier requirement (default {COPIER})")
    args = parser.parse_args()
    runs: int = max(1, args.runs)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    fastgen = fastgen_command()

    with tempfile.TemporaryDirectory(prefix="fastgen-bench-copier-") as tmp:
        scratch = Path(tmp)
        copier, version = install_copier(scratch / "copier-venv", args.copier)
        reference = scratch / "reference"
        run([*fastgen, "new", str(SPEC), "-o", str(reference), "--no-lock"], env)  # warm-up A
        fastgen_stats = template_stats(FASTGEN_TEMPLATES) if FASTGEN_TEMPLATES.is_dir() else None
        budget = fastgen_stats.templated_lines if fastgen_stats else 2700
        template = scratch / "copier-template"
        copier_stats = build_template(reference, template, budget)
        rendered = template_stats(reference)
        first = scratch / "copier-first"
        run([str(copier), "copy", "--defaults", "--quiet", str(template), str(first)], env)
        differing = same_trees(reference, first)
        if differing:
            sys.exit(f"copier's output differs from fastgen's in: {', '.join(differing[:10])}")

        def fastgen_run(target: Path) -> Sample:
            return run([*fastgen, "new", str(SPEC), "-o", str(target), "--no-lock"], env)

        def copier_run(target: Path) -> Sample:
            argv = [str(copier), "copy", "--defaults", "--quiet", str(template), str(target)]
            return run(argv, env)

        pairs: list[tuple[Sample, Sample]] = []
        for i in range(runs):
            a, b = scratch / f"a{i}", scratch / f"b{i}"
            pairs.append((fastgen_run(a), copier_run(b)))
            shutil.rmtree(a)
            shutil.rmtree(b)

    print(f"fastgen new vs copier copy — {runs} alternating pairs A B, fresh processes")
    command = " ".join(Path(part).name for part in fastgen)
    print(f"  A: {command} new {SPEC.relative_to(ROOT)} --no-lock")
    print(f"  B: {version} (PyPI, own venv) copy --defaults --quiet <template derived from A>")
    print(f"  rendered tree (both, byte-identical): {rendered.files} files, {rendered.lines} lines")
    if fastgen_stats:
        print(
            f"  fastgen templates/: {fastgen_stats.files} files, {fastgen_stats.lines} lines, "
            f"{fastgen_stats.templated_lines} templated lines, "
            f"{fastgen_stats.templated_paths} templated paths, "
            f"{fastgen_stats.rendered_files} of the files .jinja"
        )
    print(
        f"  copier template:    {copier_stats.files} files, {copier_stats.lines} lines, "
        f"{copier_stats.templated_lines} templated lines, "
        f"{copier_stats.templated_paths} templated paths "
        f"(+{copier_stats.raw_lines} lines in {{% raw %}}), "
        f"{copier_stats.rendered_files} of the files .jinja"
    )
    print(
        "  PYTHONDONTWRITEBYTECODE removed for both: bytecode written and kept; "
        "one untimed warm-up run each"
    )
    for label, pick in (("wall", lambda s: s.wall), ("cpu", lambda s: s.cpu)):
        a_values = [pick(a) for a, _ in pairs]
        b_values = [pick(b) for _, b in pairs]
        ratio = statistics.median(x / y for x, y in zip(a_values, b_values, strict=True))
        print(
            f"  {label:>4}: fastgen median {statistics.median(a_values):.3f} s "
            f"(min {min(a_values):.3f}), copier median {statistics.median(b_values):.3f} s "
            f"(min {min(b_values):.3f}); fastgen/copier median of pairs {ratio:.2f}x"
        )
    wall_ratio = statistics.median(a.wall / b.wall for a, b in pairs)
    met = "met" if wall_ratio <= TARGET_RATIO else "MISSED"
    print(f"verdict: fastgen/copier wall {wall_ratio:.2f}x vs {TARGET_RATIO}x target — {met}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
