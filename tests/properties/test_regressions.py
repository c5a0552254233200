"""Every failure class the spec generator found, kept as one spec under
``tests/spec/data/regressions/``, named by the class.

A regression spec's leading comment says what broke and how it ends:

- no marker: fixed, so the spec renders a project that passes the fast layer's checks
  (``checks.project_problems``: ruff, ruff format, compile, data files, factory samples);
- ``# refused: <fragment>``: the spec check now refuses such a spec, and its message (at the
  right ``file:line:col``) holds the fragment;
- ``# open: <reason>``: not fixed yet (the fix lies outside the spec checks and templates), so
  the test is an ``xfail(strict=True)``: it fails loudly the day the class is fixed, and the
  marker (and the strategy's rule that avoids the class, see ``fields.clear_of_known``) goes;
- ``# open in the slow layer: <reason>``: the same for a class only the project's own checks
  show; here the spec must pass, and ``tests/test_e2e.py`` holds the strict xfail.

Classes that only show in mypy, Alembic or the project's own tests are verified by
``tests/test_e2e.py``.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from fastgen.errors import SpecError
from fastgen.spec import load_spec_text

from .checks import project_problems

REGRESSIONS = Path(__file__).resolve().parents[1] / "spec" / "data" / "regressions"
_MARKER = re.compile(r"^# (open|refused): (.*(?:\n#   .*)*)", re.MULTILINE)


def _cases() -> list[object]:
    cases: list[object] = []
    for path in sorted(REGRESSIONS.glob("*.yaml")):
        found = _MARKER.search(path.read_text(encoding="utf-8"))
        marks = []
        if found and found[1] == "open":
            reason = " ".join(found[2].replace("\n#  ", "").split())
            marks.append(pytest.mark.xfail(strict=True, reason=reason))
        cases.append(pytest.param(path, id=path.stem, marks=marks))
    return cases


@pytest.mark.parametrize("path", _cases())
def test_regression_spec(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    found = _MARKER.search(text)
    if found and found[1] == "refused":
        with pytest.raises(SpecError) as refused:
            load_spec_text(text, path.name)
        fragment = " ".join(found[2].replace("\n#  ", "").split())
        assert any(fragment in problem.message for problem in refused.value.problems), str(
            refused.value
        )
        return
    with tempfile.TemporaryDirectory(prefix="fastgen-regression-") as scratch:
        problems = project_problems(text, Path(scratch))
    assert not problems, "\n".join(problems)


def test_every_regression_spec_says_what_it_holds() -> None:
    for path in REGRESSIONS.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# "), f"{path.name}: start with a comment on the class"
        comment = " ".join(line.lstrip("# ") for line in text.splitlines() if line[:1] == "#")
        assert "found by" in comment.lower(), f"{path.name}: say which layer found the class"
