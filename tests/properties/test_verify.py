"""Slow layer: a few drawn specs through ``fastgen verify`` against the real services.

The fast layer stops at lint and compile; here a generated project installs, passes
``mypy --strict``, ``alembic upgrade head`` + ``alembic check`` and its own test suite. The specs
are drawn by the same strategies (derandomized, so always the same ones): of the first
``CANDIDATES`` draws, ``COUNT`` are picked greedily to cover the most of what the format has
(see ``coverage.tags``), at most three entities each to keep a run within minutes.
``FASTGEN_VERIFY_SPECS=8`` verifies more of them.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from fastgen.api import new_project
from fastgen.project.verify import verify_project
from hypothesis import Phase, given, settings

from .coverage import tags
from .specs import specs
from .yaml_text import yaml_text

pytestmark = pytest.mark.e2e

COUNT = int(os.environ.get("FASTGEN_VERIFY_SPECS", "2"))
CANDIDATES = 40


@cache
def chosen() -> list[str]:
    """The specs to verify, as YAML: greedy coverage over the first drawn candidates."""
    drawn: list[dict[str, Any]] = []

    @settings(
        max_examples=CANDIDATES, derandomize=True, database=None, deadline=None,
        phases=[Phase.generate],
    )  # fmt: skip
    @given(specs(max_entities=3))
    def collect(spec: dict[str, Any]) -> None:
        drawn.append(spec)

    collect()
    picked: list[dict[str, Any]] = []
    covered: set[str] = set()
    for _ in range(min(COUNT, len(drawn))):
        best = max(drawn, key=lambda spec: len(tags(spec) - covered))
        picked.append(best)
        covered |= tags(best)
        drawn.remove(best)
    return [yaml_text(spec) for spec in picked]


@pytest.mark.parametrize("number", range(COUNT))
def test_a_drawn_spec_passes_every_check_of_its_project(tmp_path: Path, number: int) -> None:
    text = chosen()[number]
    spec = tmp_path / "fastgen.yaml"
    spec.write_text(text, encoding="utf-8")
    new_project(spec, tmp_path / "project")
    # Without the serve step: schemathesis runs on the examples and fixed specs (test_e2e.py).
    result = verify_project(tmp_path / "project", serve=False)
    failures = {step.name: step.output[-3000:] for step in result.steps if not step.ok}
    assert result.ok, f"{text}\n{failures}"
