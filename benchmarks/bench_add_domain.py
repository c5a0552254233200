"""Time ``fastgen add-domain`` on a hand-edited copy of examples/shop, against ``fastgen new``.

Usage::

    uv run python benchmarks/bench_add_domain.py            # median of 7 runs
    uv run python benchmarks/bench_add_domain.py --runs 15  # steadier medians
    uv run python benchmarks/bench_add_domain.py --cli      # also as a process

Each run copies the checked-in example (with three hand edits: a service, a route and a
schema) to a fresh temporary directory and adds a two-entity domain through the library API
(``fastgen.api.add_domain``: edit the spec, render old and new, format, merge, write). The
baseline in the same run is ``fastgen new`` of the spec with that domain already in it — a
full regeneration, which is what add-domain has to beat or match while also keeping edits.
The verdict compares the add-domain median with the 0.5 s target.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from fastgen.api import add_domain, add_domain_text, new_project

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "shop"
TARGET_SECONDS = 0.5
BODY: dict[str, object] = {
    "description": "Счета",
    "entities": {
        "Invoice": {
            "title": "Счёт",
            "fields": {
                "number": {"type": "str", "max_length": 32, "unique": True},
                "total": {"type": "decimal", "precision": 12, "scale": 2},
                "issued_on": {"type": "date", "required": False},
            },
            "relations": {"payment": {"kind": "many_to_one", "to": "payments.Payment"}},
        },
        "InvoiceLine": {
            "fields": {"title": {"type": "str"}, "amount": {"type": "decimal", "precision": 12}},
            "relations": {"invoice": {"kind": "many_to_one", "to": "Invoice"}},
        },
    },
}
EDITS = {
    "app/services/v1/payments/service.py": ('"""Операции над', '"""Правка команды. Операции над'),
    "app/routes/v1/payments.py": ('summary="Список записей «Платёж»"', 'summary="Список платежей"'),
    "app/schemas/v1/payments/request.py": (
        "max_length=1000)",
        'max_length=1000, description="Комментарий.")',
    ),
}


def edited_copy(tmp: Path) -> Path:
    """Copy the example and apply the hand edits; return the copy."""
    project = tmp / "shop"
    shutil.copytree(EXAMPLE, project)
    for rel, (old, new) in EDITS.items():
        path = project / rel
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return project


def time_add_domain() -> float:
    """Add the domain to a fresh edited copy through the library; return seconds."""
    with tempfile.TemporaryDirectory(prefix="fastgen-bench-") as tmp:
        project = edited_copy(Path(tmp))
        started = time.perf_counter()
        result = add_domain(project, "billing", BODY)
        elapsed = time.perf_counter() - started
        if result.conflicts or result.revision is None:
            sys.exit("add-domain did not add the domain cleanly")
        return elapsed


def time_new() -> float:
    """Generate the spec with the domain already in it from scratch; return seconds."""
    with tempfile.TemporaryDirectory(prefix="fastgen-bench-") as tmp:
        text = (EXAMPLE / "fastgen.yaml").read_text(encoding="utf-8")
        spec = Path(tmp) / "fastgen.yaml"
        spec.write_text(add_domain_text(text, "billing", BODY), encoding="utf-8")
        started = time.perf_counter()
        new_project(spec, Path(tmp) / "out")
        return time.perf_counter() - started


def time_cli() -> float:
    """Run ``fastgen add-domain`` as a process on a fresh edited copy; return seconds."""
    with tempfile.TemporaryDirectory(prefix="fastgen-bench-") as tmp:
        project = edited_copy(Path(tmp))
        script = shutil.which("fastgen")
        command = [script] if script else [sys.executable, "-m", "fastgen"]
        argv = [*command, "add-domain", "billing", "-C", str(project), "-e", "Invoice"]
        argv += ["-f", "number:str(32)!", "-f", "total:decimal(12,2)", "--no-lock"]
        started = time.perf_counter()
        done = subprocess.run(argv, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"fastgen add-domain failed ({done.returncode}):\n{done.stderr}")
    return elapsed


def median_of(runs: int, measure: Callable[[], float]) -> tuple[float, float]:
    """Run ``measure`` ``runs`` times; return (first run, median)."""
    times = [measure() for _ in range(runs)]
    return times[0], statistics.median(times)


def main() -> int:
    """Run the benchmark and print the figures; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per measurement (default 7)")
    parser.add_argument("--cli", action="store_true", help="also time `fastgen add-domain`")
    args = parser.parse_args()
    runs: int = max(1, args.runs)

    first, median = median_of(runs, time_add_domain)
    _, baseline = median_of(runs, time_new)
    print(f"fastgen add-domain on {EXAMPLE.relative_to(ROOT)} — median of {runs} runs, library API")
    print(f"  add-domain (2 entities, 3 hand-edited files kept): median {median:.3f} s")
    print(f"  (first run in this process, cold caches: {first:.3f} s)")
    print(f"  baseline, `fastgen new` of the same spec:          median {baseline:.3f} s")
    print(f"  add-domain / new: {median / baseline:.2f}x")
    if args.cli:
        _, cli = median_of(runs, time_cli)
        print(f"  as a `fastgen add-domain` process:                 median {cli:.3f} s")
        if os.environ.get("PYTHONDONTWRITEBYTECODE"):
            print("  (PYTHONDONTWRITEBYTECODE is set: every process compiles every module again)")
    met = "met" if median <= TARGET_SECONDS else "MISSED"
    print(f"verdict: add-domain {median:.3f} s vs {TARGET_SECONDS} s target — {met}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
