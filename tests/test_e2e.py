"""End to end: generate the example, then run its own checks in its own environment.

This is the promise of ``fastgen verify``: the generated project installs from its own
``pyproject.toml`` and passes ruff, ruff format, mypy --strict, Alembic (upgrade and check
against the real PostgreSQL) and its own test suite; a broken project fails and says where.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastgen.api import new_project
from fastgen.cli import commands as cli
from fastgen.project.tools import find_uv, scrub_environment
from fastgen.project.verify import verify_project
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SHOP_SPEC = ROOT / "examples" / "shop" / "fastgen.yaml"
FULL_SPEC = ROOT / "tests" / "spec" / "data" / "full.yaml"
MINIMAL = ROOT / "examples" / "minimal"
MINIMAL_SPEC = MINIMAL / "fastgen.yaml"
AUTH_DB_SPEC = ROOT / "tests" / "spec" / "data" / "auth-db.yaml"
NAMES_SPEC = ROOT / "tests" / "spec" / "data" / "names.yaml"
REGRESSIONS = ROOT / "tests" / "spec" / "data" / "regressions"

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def shop() -> Iterator[Path]:
    # Not under pytest's basetemp (/tmp/pytest-of-<user>, mode 0700): run as root, the
    # embedded PostgreSQL (pgserver) runs its binaries, which live in the project's venv, as
    # a user of its own, and that user must be able to reach them.
    parent = Path(tempfile.mkdtemp(prefix="fastgen-e2e-"))
    parent.chmod(0o755)
    target = parent / "shop"
    new_project(SHOP_SPEC, target)
    try:
        yield target
    finally:
        shutil.rmtree(parent, ignore_errors=True)


def test_generated_example_passes_all_its_checks(shop: Path) -> None:
    result = verify_project(shop)
    failures = {step.name: step.output[-3000:] for step in result.steps if not step.ok}
    assert result.ok, failures
    assert [step.name for step in result.steps] == [
        "uv sync",
        "ruff check",
        "ruff format",
        "mypy",
        "alembic",
        "pytest",
        "serve",
    ]


def test_verify_names_the_failing_steps(shop: Path) -> None:
    service = shop / "app/services/v1/payments/service.py"
    original = service.read_text()
    # A wrong type mypy sees, and a value that fails when the module is imported: the
    # generated tests cannot even be collected (so pytest fails in seconds, not minutes).
    broken = original + '\n\nPAGE_LIMIT: int = str(int("сто"))\n'
    service.write_text(broken)
    try:
        result = verify_project(shop, serve=False)
    finally:
        service.write_text(original)
    assert not result.ok
    assert "mypy" in result.failed_steps
    assert "pytest" in result.failed_steps
    assert "uv sync" not in result.failed_steps
    assert "ruff check" not in result.failed_steps


SERVED = (FULL_SPEC, MINIMAL_SPEC)
"""Specs whose projects also go through the serve step (with the shop: every feature, all off,
the self-references and uuid keys of full.yaml); auth-db.yaml shares the shop's routes."""


@pytest.mark.parametrize(
    "spec",
    [
        FULL_SPEC,
        MINIMAL_SPEC,
        AUTH_DB_SPEC,
        NAMES_SPEC,
        *(
            REGRESSIONS / f"{name}.yaml"
            for name in (
                "cascade-through-one-to-many",
                "sort-by-negative-numbers",
                "two-relations-to-one-target",
                "owned-child-of-owned-parent",
                "python-3-13-without-pgserver",
                "look-around-pattern",
                "file-without-content-types",
                "mail-sender-display-name",
                "private-reads-soft-delete-datetime-filter",
                "huge-columns-small-pages-unique-events",
            )
        ),
        REGRESSIONS / "url-email-length-cases.yaml",
        REGRESSIONS / "time-value-in-openapi.yaml",
        REGRESSIONS / "pattern-backslash-in-message.yaml",
    ],
    ids=[
        "full",
        "minimal",
        "auth-db",
        "names",
        "cascade-through-one-to-many",
        "sort-by-negative-numbers",
        "two-relations-to-one-target",
        "owned-child-of-owned-parent",
        "python-3-13-without-pgserver",
        "look-around-pattern",
        "file-without-content-types",
        "mail-sender-display-name",
        "private-reads-soft-delete-datetime-filter",
        "huge-columns-small-pages-unique-events",
        "url-email-length-cases",
        "time-value-in-openapi",
        "pattern-backslash-in-message",
    ],
)
def test_other_specs_pass_all_their_checks(tmp_path: Path, spec: Path) -> None:
    """full.yaml: self-references, one-to-one, uuid targets, every default, auth without mail;
    minimal: all off; auth-db.yaml: auth state in PostgreSQL (no Redis), mails to the log;
    names.yaml: names fastgen once refused (soft keywords, list parameters as fields...);
    regressions/*.yaml: failure classes of the spec generator that showed in a project's own
    tests (see tests/properties/test_regressions.py)."""
    target = tmp_path / "project"
    new_project(spec, target)
    # The serve step (schemathesis against the running app) costs about a minute: it runs on
    # the specs whose features differ most, not on every regression spec.
    result = verify_project(target, serve=spec in SERVED)
    failures = {step.name: step.output[-3000:] for step in result.steps if not step.ok}
    assert result.ok, failures


def test_generated_tests_fall_back_to_embedded_services(shop: Path) -> None:
    """No server reachable: the suite runs on every stand-in, and its header names each one."""
    env = scrub_environment(os.environ)
    env["DATABASE__URL"] = "postgresql+asyncpg://postgres@127.0.0.1:3/shop"
    env["CACHE__URL"] = "redis://127.0.0.1:3/0"
    env["MESSAGING__URL"] = "amqp://guest:guest@127.0.0.1:3/"
    env["STORAGE__ENDPOINT_URL"] = "http://127.0.0.1:3"
    run = subprocess.run(
        [find_uv(), "run", "pytest", "-p", "no:cacheprovider"],
        cwd=shop,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "база данных: встроенный PostgreSQL (pgserver)" in run.stdout
    assert "Redis: встроенный Redis (fakeredis)" in run.stdout
    assert "RabbitMQ: брокер в памяти (TestRabbitBroker из FastStream)" in run.stdout
    assert "S3: встроенный S3 (moto) на http://127.0.0.1:" in run.stdout
    assert "Logging error" not in run.stdout + run.stderr


def test_verify_passes_with_no_server_reachable(monkeypatch: pytest.MonkeyPatch) -> None:
    """`fastgen verify` on the minimal example, every server on a closed port: the Alembic step,
    the tests and the served contract run on the stand-ins, and the output names them."""
    parent = Path(tempfile.mkdtemp(prefix="fastgen-e2e-"))
    parent.chmod(0o755)  # pgserver runs the venv's binaries as a user of its own (see `shop`)
    project = parent / "minimal"
    shutil.copytree(MINIMAL, project)
    assert (project / "uv.lock").is_file(), "the example carries the lock `fastgen new` wrote"
    monkeypatch.setenv("DATABASE__URL", "postgresql+asyncpg://postgres@127.0.0.1:1/notes")
    monkeypatch.setenv("CACHE__URL", "redis://127.0.0.1:1/0")
    monkeypatch.setenv("MESSAGING__URL", "amqp://guest:guest@127.0.0.1:1/")
    monkeypatch.setenv("STORAGE__ENDPOINT_URL", "http://127.0.0.1:1")
    try:
        result = CliRunner().invoke(cli.app, ["verify", str(project)])
    finally:
        shutil.rmtree(parent, ignore_errors=True)
    assert result.exit_code == 0, result.output[-5000:]
    assert "✓ uv sync" in result.output
    assert "PostgreSQL: embedded pgserver (127.0.0.1:1 not reachable)" in result.output
    assert "all 7 steps passed" in result.output
