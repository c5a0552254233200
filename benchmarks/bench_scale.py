"""How generation scales: CPU per entity from 50 to 800 entities, and add-domain against new.

Usage::

    uv run python benchmarks/bench_scale.py                # both parts, default runs (~3 min)
    uv run python benchmarks/bench_scale.py --runs 9       # steadier medians
    uv run python benchmarks/bench_scale.py --only scale   # or --only add-domain
    uv run python benchmarks/bench_scale.py --sizes 50,200,800

Part 1, CPU per entity. Synthetic specs of 50, 100, 200, 400 and 800 varied entities (see
``synthetic.py``: four entity shapes with most field types, many_to_one relations within and
across domains, filters, sort, cursor pagination, soft delete; 8 entities to a domain) are
generated through the library API, ``fastgen.api.new_project`` (load, render, format, write),
into a fresh directory each time. What is measured is CPU seconds: this process's own user +
system time plus that of its finished children (ruff runs as a subprocess), as deltas of
``resource.getrusage``; CPU rather than wall time, because the machine is shared. After one
untimed warm-up run (templates compiled, caches warm), the sizes are run in rounds — 50, 100,
..., 800, then again — so a drift of the machine's speed touches every size alike. The median
per size divided by the number of entities is the CPU per entity. Target (issue 12): flat
within ±20% from 50 to 800 — every size's figure within ±20% of one centre, which is the same
as max/min ≤ 1.2/0.8 = 1.5; the figures are printed with their deviation from the centre
(max + min) / 2.

Part 2, add-domain against new. A 200-entity project is generated once (untimed). Each pair of
runs then times, alternating A B A B: (A) ``fastgen.api.add_domain`` adding a two-entity
domain (with relations into the existing spec) to a fresh copy of that project, and (B)
``fastgen.api.new_project`` of the same spec with that domain already in it (the spec text
comes from ``fastgen.api.add_domain_text``). Copying the project is not timed. Target: the
median of the pairwise ratios A/B at most 1.1, in CPU and in wall time.

Only ``fastgen.api`` is imported from fastgen.
"""

from __future__ import annotations

import argparse
import gc
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fastgen.api import UpdateResult, add_domain, add_domain_text, new_project
from synthetic import varied_spec

SIZES = (50, 100, 200, 400, 800)
LARGE = 400  # sizes from here on get fewer runs (the 800-entity render takes ~10 s of CPU)
FLAT_TOLERANCE = 0.20
ADD_DOMAIN_SIZE = 200
ADD_DOMAIN_LIMIT = 1.1
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
            "relations": {
                "customer": {"kind": "many_to_one", "to": "area0.Area0Thing2"},
            },
            "filters": ["number", "customer"],
            "sort": ["total", "issued_on"],
        },
        "InvoiceLine": {
            "fields": {"title": {"type": "str"}, "amount": {"type": "decimal", "precision": 12}},
            "relations": {"invoice": {"kind": "many_to_one", "to": "Invoice"}},
        },
    },
}


@dataclass(frozen=True)
class Sample:
    """One timed run.

    Attributes:
        cpu: CPU seconds, user + system, of this process and its children.
        wall: Wall seconds.
    """

    cpu: float
    wall: float


def cpu_seconds() -> float:
    """Return the CPU seconds used so far by this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(action: Callable[[], object]) -> Sample:
    """Run ``action`` once; return its CPU and wall seconds."""
    gc.collect()
    cpu, wall = cpu_seconds(), time.perf_counter()
    action()
    return Sample(cpu=cpu_seconds() - cpu, wall=time.perf_counter() - wall)


def time_new(spec: Path, scratch: Path) -> Sample:
    """Generate ``spec`` into a fresh directory under ``scratch``; delete it untimed."""
    target = Path(tempfile.mkdtemp(prefix="new-", dir=scratch)) / "out"
    try:
        return measure(lambda: new_project(spec, target))
    finally:
        shutil.rmtree(target.parent)


def time_add_domain(project: Path, scratch: Path) -> Sample:
    """Add the ``billing`` domain to a fresh copy of ``project``; delete the copy untimed."""
    copy = Path(tempfile.mkdtemp(prefix="grow-", dir=scratch)) / "project"
    shutil.copytree(project, copy)
    try:
        outcome: list[UpdateResult] = []
        sample = measure(lambda: outcome.append(add_domain(copy, "billing", BODY)))
        if outcome[0].conflicts or outcome[0].revision is None:
            sys.exit("add-domain did not add the domain cleanly")
        return sample
    finally:
        shutil.rmtree(copy.parent)


def runs_for(size: int, runs: int) -> int:
    """Return how many timed runs a size gets: fewer for the large ones."""
    return runs if size < LARGE else max(1, (runs + 1) // 2)


def scale_part(sizes: list[int], runs: int, scratch: Path) -> None:
    """Measure and print CPU per entity for each size, and the verdict on flatness."""
    specs: dict[int, Path] = {}
    for size in sizes:
        specs[size] = scratch / f"scale-{size}.yaml"
        specs[size].write_text(varied_spec(size), encoding="utf-8")
    print(
        f"CPU per entity — fastgen.api.new_project, synthetic varied specs "
        f"({runs} runs each, {runs_for(max(sizes), runs)} from {LARGE} entities on), "
        "median CPU seconds (self + children)"
    )
    time_new(specs[min(sizes)], scratch)  # warm-up: templates compiled, caches filled
    samples: dict[int, list[Sample]] = {size: [] for size in sizes}
    for round_ in range(runs):
        for size in sizes:
            if round_ < runs_for(size, runs):
                samples[size].append(time_new(specs[size], scratch))
    per_entity: dict[int, float] = {}
    print(f"{'entities':>8}  {'runs':>4}  {'cpu s':>7}  {'wall s':>7}  {'cpu ms/entity':>13}")
    for size in sizes:
        cpu = statistics.median(s.cpu for s in samples[size])
        wall = statistics.median(s.wall for s in samples[size])
        per_entity[size] = cpu / size
        row = f"{size:>8}  {len(samples[size]):>4}  {cpu:>7.2f}  {wall:>7.2f}"
        print(f"{row}  {per_entity[size] * 1000:>13.2f}")
    high, low = max(per_entity.values()), min(per_entity.values())
    centre = (high + low) / 2
    deviations = ", ".join(f"{size}: {per_entity[size] / centre - 1:+.0%}" for size in sizes)
    print(f"deviation from the centre {centre * 1000:.2f} ms/entity: {deviations}")
    spread = high / low
    half_width = (high - low) / (high + low)
    met = "met" if half_width <= FLAT_TOLERANCE else "MISSED"
    print(
        f"verdict: CPU per entity from {min(sizes)} to {max(sizes)}: max/min {spread:.2f} "
        f"(±{half_width:.0%} around the centre) vs ±{FLAT_TOLERANCE:.0%} "
        f"(max/min ≤ {(1 + FLAT_TOLERANCE) / (1 - FLAT_TOLERANCE):.2f}) — {met}"
    )


def add_domain_part(runs: int, scratch: Path) -> None:
    """Measure add-domain on a 200-entity project against new of the same spec, alternating."""
    text = varied_spec(ADD_DOMAIN_SIZE, name="grow")
    spec = scratch / "grow.yaml"
    spec.write_text(text, encoding="utf-8")
    grown = scratch / "grow-with-billing.yaml"
    grown.write_text(add_domain_text(text, "billing", BODY), encoding="utf-8")
    project = scratch / "grow-project"
    new_project(spec, project)
    print(
        f"add-domain on a {ADD_DOMAIN_SIZE}-entity project vs new of the same spec — "
        f"{runs} alternating pairs A B, fastgen.api"
    )
    time_add_domain(project, scratch)  # warm-up pair
    time_new(grown, scratch)
    pairs: list[tuple[Sample, Sample]] = []
    for _ in range(runs):
        pairs.append((time_add_domain(project, scratch), time_new(grown, scratch)))
    for label, pick in (("cpu", lambda s: s.cpu), ("wall", lambda s: s.wall)):
        grow = statistics.median(pick(a) for a, _ in pairs)
        new = statistics.median(pick(b) for _, b in pairs)
        ratio = statistics.median(pick(a) / pick(b) for a, b in pairs)
        print(
            f"  {label:>4}: A add-domain (2 entities) median {grow:.2f} s, "
            f"B new (202 entities) median {new:.2f} s, A/B median of pairs {ratio:.2f}x"
        )
        met = "met" if ratio <= ADD_DOMAIN_LIMIT else "MISSED"
        print(f"verdict: add-domain / new ({label}) {ratio:.2f}x vs {ADD_DOMAIN_LIMIT}x — {met}")


def main() -> int:
    """Run the benchmark and print the figures; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--runs", type=int, default=5, help=f"runs per size below {LARGE} and pairs (default 5)"
    )
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="entity counts")
    parser.add_argument("--only", choices=("scale", "add-domain"), help="run one part only")
    args = parser.parse_args()
    runs: int = max(1, args.runs)
    sizes = sorted({int(size) for size in args.sizes.split(",")})
    print(f"Python {sys.version.split()[0]}, fastgen from {sys.prefix}")
    with tempfile.TemporaryDirectory(prefix="fastgen-bench-scale-") as tmp:
        scratch = Path(tmp)
        if args.only != "add-domain":
            scale_part(sizes, runs, scratch)
        if args.only is None:
            print()
        if args.only != "scale":
            add_domain_part(runs, scratch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
