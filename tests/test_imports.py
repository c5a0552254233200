"""Templates emit exactly the imports their modules use: ruff formats, it does not clean up.

The rendered tree, before ruff touches it, must have no unused import (F401) and no name used
without one (F821), for every spec in this list; the formatted output is what users get, so a
template that emits too little fails here before it fails in a generated project.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from fastgen.render.format import ruff_binary
from fastgen.render.pipeline import render_spec
from fastgen.spec import read_spec

ROOT = Path(__file__).resolve().parent.parent
SPECS = [
    "examples/shop/fastgen.yaml",
    "examples/minimal/fastgen.yaml",
    "tests/spec/data/full.yaml",
    "tests/spec/data/auth-db.yaml",
]


def import_problems(files: dict[str, str], scratch: Path) -> list[str]:
    for rel, text in files.items():
        if rel.endswith(".py"):
            path = scratch / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [
            ruff_binary(),
            "check",
            "--isolated",
            "--select",
            "F401,F821",
            "--output-format",
            "json",
            "--no-cache",
            "--exit-zero",
            ".",
        ],
        cwd=scratch,
        capture_output=True,
        text=True,
        check=True,
    )
    return sorted(
        f"{Path(item['filename']).relative_to(scratch)}: {item['code']} {item['message']}"
        for item in json.loads(done.stdout)
    )


@pytest.mark.parametrize("spec", SPECS)
def test_rendered_modules_import_exactly_what_they_use(spec: str, tmp_path: Path) -> None:
    files = render_spec(read_spec(ROOT / spec)[0]).files
    assert import_problems(files, tmp_path) == []


def test_the_import_check_can_fail(tmp_path: Path) -> None:
    files = {"a.py": "import json\n", "b.py": "x = Decimal(1)\n"}
    assert import_problems(files, tmp_path) == [
        "a.py: F401 `json` imported but unused",
        "b.py: F821 Undefined name `Decimal`",
    ]
