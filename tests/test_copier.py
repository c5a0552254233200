"""The repository as a copier template: ``copier copy`` writes what ``fastgen new`` writes.

``copier.yml`` at the root renders ``templates/`` with fastgen's context hook and finishes
with fastgen's formatting and baseline (``fastgen.project.copier_bridge``). The checked-in
examples are ``fastgen new`` output, so a copy from their spec must equal them byte for byte,
with no file left out: the template writes no ``.copier-answers.yml`` (see README, "copier").
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import copier
import pytest
from copier.errors import DirtyLocalWarning, UserMessageError
from fastgen.errors import FastgenError
from fastgen.project.copier_bridge import finish, main

ROOT = Path(__file__).resolve().parent.parent

# Copier clones the repository at HEAD; in a working tree with uncommitted changes it adds
# them to the clone and warns, which is what a test of the working tree wants.
pytestmark = pytest.mark.filterwarnings(f"ignore::{DirtyLocalWarning.__module__}.DirtyLocalWarning")


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def copy(spec: Path, target: Path, template: Path = ROOT) -> None:
    copier.run_copy(
        src_path=str(template),
        dst_path=target,
        data={"spec": str(spec)},
        defaults=True,
        unsafe=True,  # the template's task runs fastgen's formatting and baseline step
        quiet=True,
    )


@pytest.mark.parametrize("example", ["minimal", "shop"])
def test_copier_copy_equals_fastgen_new(example: str, tmp_path: Path) -> None:
    golden = ROOT / "examples" / example
    target = tmp_path / example
    copy(golden / "fastgen.yaml", target)

    want, got = tree_bytes(golden), tree_bytes(target)
    # uv.lock is written by `uv lock` in both, from the package index of the day: present in
    # both, its content is the index's, not the spec's.
    assert ("uv.lock" in want, "uv.lock" in got) == (True, True)
    want.pop("uv.lock")
    got.pop("uv.lock")
    differing = sorted(path for path in want.keys() & got.keys() if want[path] != got[path])
    missing = sorted(want.keys() - got.keys())
    extra = sorted(got.keys() - want.keys())
    assert (differing, missing, extra) == ([], [], []), (
        f"copier copy differs from examples/{example}: differing {differing}, "
        f"missing {missing}, extra {extra}"
    )


def test_a_bad_spec_is_a_copier_error_naming_the_problem(tmp_path: Path) -> None:
    spec = tmp_path / "fastgen.yaml"
    spec.write_text("fastgen: 1\nproject: {name: x}\n", encoding="utf-8")
    with pytest.raises(UserMessageError, match=r"fastgen\.yaml:\d+:\d+: "):
        copy(spec, tmp_path / "out")


def test_templates_of_another_fastgen_are_refused(tmp_path: Path) -> None:
    """The hook and the finishing step are the installed fastgen's: other templates are refused."""
    template = tmp_path / "template"
    shutil.copytree(ROOT / "templates", template / "templates")
    shutil.copy(ROOT / "copier.yml", template / "copier.yml")
    (template / "templates" / "Makefile.jinja").write_text("changed\n", encoding="utf-8")
    spec = ROOT / "examples" / "minimal" / "fastgen.yaml"
    with pytest.raises(UserMessageError, match="not the one of the installed fastgen"):
        copy(spec, tmp_path / "out", template)
    assert not (tmp_path / "out" / "Makefile").exists()


def test_fastgen_does_not_import_copier() -> None:
    """Only copier loads the bridge: fastgen's CLI and API work without copier installed."""
    code = (
        "import sys, fastgen, fastgen.api, fastgen.cli; "
        "found = sorted(m for m in sys.modules if m.startswith('copier')); "
        "print(found); sys.exit(1 if found else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_finish_refuses_a_tree_copier_did_not_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = ROOT / "examples" / "minimal" / "fastgen.yaml"
    with pytest.raises(FastgenError, match="copier did not render"):
        finish(spec, tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main([str(spec)]) == 2
    assert main([]) == 2
    assert list(tmp_path.iterdir()) == []
