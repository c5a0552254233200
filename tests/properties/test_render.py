"""Fast layer: if fastgen accepts a spec, its project renders and passes the project's own lint.

Specs are drawn by ``specs.py``: every field type and option, every relation kind, every
feature, awkward names and arbitrary text. Each one must load (``load_spec_text``), render and
format (``fastgen.api.render_project``), pass ``ruff check`` and ``ruff format --check`` with the
generated ``pyproject.toml``, compile with the project's Python, parse as TOML/YAML/JSON where
it is such a file, and carry factory samples that fit their fields (see ``checks.py``). mypy,
Alembic and the project's own tests run in the slow layer (``test_verify.py``).

Runs are derandomized (the ``fastgen-properties`` profile), so CI sees the same specs every
time; ``FASTGEN_PROPERTY_EXAMPLES=2000 FASTGEN_PROPERTY_SEED=7 uv run pytest
tests/properties`` searches longer, and elsewhere. A failure prints the spec as YAML: keep it
under ``tests/spec/data/regressions/`` (see ``test_regressions.py``).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from fastgen.spec import load_spec_text
from hypothesis import HealthCheck, given, note, seed, settings

from .checks import project_problems
from .coverage import REQUIRED, tags
from .specs import specs
from .yaml_text import yaml_text

EXAMPLES = int(os.environ.get("FASTGEN_PROPERTY_EXAMPLES", "0"))
SEED = os.environ.get("FASTGEN_PROPERTY_SEED")

settings.register_profile(
    "fastgen-properties",
    deadline=None,
    derandomize=SEED is None,
    database=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = settings.get_profile("fastgen-properties")


def examples(default: int) -> int:
    """The number of examples: the default of a test, or ``FASTGEN_PROPERTY_EXAMPLES``."""
    return EXAMPLES or default


def assert_passes_its_checks(spec: dict[str, Any]) -> None:
    """Render ``spec`` (noted as YAML for the failure report) and lint its project."""
    text = yaml_text(spec)
    note(text)
    with tempfile.TemporaryDirectory(prefix="fastgen-property-") as scratch:
        problems = project_problems(text, Path(scratch))
    assert not problems, "\n".join(problems)


@settings(PROFILE, max_examples=examples(40))
@seed(int(SEED or 0))
@given(specs())
def test_a_drawn_spec_renders_a_project_that_passes_its_checks(spec: dict[str, Any]) -> None:
    assert_passes_its_checks(spec)


@settings(PROFILE, max_examples=examples(12))
@seed(int(SEED or 0))
@given(specs(max_entities=6, awkward_text=False))
def test_a_larger_spec_with_plain_text_passes_its_checks(spec: dict[str, Any]) -> None:
    assert_passes_its_checks(spec)


@settings(PROFILE, max_examples=examples(300))
@seed(int(SEED or 0))
@given(specs())
def _load_and_tag(seen: set[str], spec: dict[str, Any]) -> None:
    text = yaml_text(spec)
    note(text)
    load_spec_text(text, "spec.yaml")
    seen.update(tags(spec))


def test_every_drawn_spec_loads_and_together_they_reach_every_part_of_the_format() -> None:
    """Every drawn spec loads, and the strategies cover what the module docstring promises.

    The tags are gathered by this test's own draws, so the outcome does not depend on which
    other tests ran before it.
    """
    seen: set[str] = set()
    _load_and_tag(seen)
    assert sorted(REQUIRED - seen) == []
