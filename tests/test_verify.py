"""Tests of fastgen.project.verify: environment scrubbing, step orchestration, a real project."""

from __future__ import annotations

import os
import stat
import sys
import textwrap
from pathlib import Path

import pytest
from fastgen.errors import ProjectError, ToolError
from fastgen.project.servers import (
    DEFAULT_DATABASE_URL,
    Server,
    asyncpg_dsn,
    redact_url,
    resolve_database_url,
    split_servers,
    throwaway_database_url,
)
from fastgen.project.tools import run_command, scrub_environment
from fastgen.project.verify import StepResult, VerifyResult, verify_project

STEP_NAMES = ["uv sync", "ruff check", "ruff format", "mypy", "alembic", "pytest", "serve"]

# --- pure functions ---------------------------------------------------------------------------


def test_scrub_environment_removes_foreign_environments() -> None:
    venv = "/work/main/.venv"
    environ = {
        "PATH": os.pathsep.join([f"{venv}/bin", "/usr/local/bin", "/usr/bin"]),
        "HOME": "/root",
        "VIRTUAL_ENV": venv,
        "PYTHONPATH": "/somewhere",
        "PYTHONHOME": "/elsewhere",
        "UV_PROJECT_ENVIRONMENT": "/other/.venv",
        "UV_PROJECT": "/other",
        "UV_FROZEN": "1",
        "UV_LOCKED": "1",
        "UV_NO_SYNC": "1",
        "UV_RUN_RECURSION_DEPTH": "1",
        "PYENV_VERSION": "3.11.7",
        "PYENV_DIR": "/work/main",
        "PYENV_ROOT": "/root/.pyenv",
        "UV_CACHE_DIR": "/cache/uv",
        "UV_INDEX_URL": "https://mirror.example/simple",
        "DATABASE__URL": "postgresql+asyncpg://u@db/x",
    }
    original = dict(environ)

    env = scrub_environment(environ)

    assert environ == original, "the input mapping must not change"
    for name in [
        "VIRTUAL_ENV",
        "PYTHONPATH",
        "PYTHONHOME",
        "UV_PROJECT_ENVIRONMENT",
        "UV_PROJECT",
        "UV_FROZEN",
        "UV_LOCKED",
        "UV_NO_SYNC",
        "UV_RUN_RECURSION_DEPTH",
        "PYENV_VERSION",
        "PYENV_DIR",
    ]:
        assert name not in env, name
    assert env["PATH"] == os.pathsep.join(["/usr/local/bin", "/usr/bin"])
    assert env["UV_NO_PROGRESS"] == "1"
    # User-level settings and everything else pass through.
    assert env["HOME"] == "/root"
    assert env["UV_CACHE_DIR"] == "/cache/uv"
    assert env["PYENV_ROOT"] == "/root/.pyenv"
    assert env["UV_INDEX_URL"] == "https://mirror.example/simple"
    assert env["DATABASE__URL"] == "postgresql+asyncpg://u@db/x"


def test_scrub_environment_exports_database_url() -> None:
    env = scrub_environment({"PATH": "/usr/bin"}, database_url="postgresql+asyncpg://h/db")
    assert env == {
        "PATH": "/usr/bin",
        "UV_NO_PROGRESS": "1",
        "DATABASE__URL": "postgresql+asyncpg://h/db",
    }


def test_database_urls() -> None:
    base = "postgresql+asyncpg://postgres:pw@127.0.0.1:5432/postgres?ssl=disable"
    assert throwaway_database_url(base, "fastgen_verify_1_ab") == (
        "postgresql+asyncpg://postgres:pw@127.0.0.1:5432/fastgen_verify_1_ab?ssl=disable"
    )
    assert asyncpg_dsn(base) == "postgresql://postgres:pw@127.0.0.1:5432/postgres?ssl=disable"
    assert (
        redact_url(base) == "postgresql+asyncpg://postgres:***@127.0.0.1:5432/postgres?ssl=disable"
    )
    assert redact_url(DEFAULT_DATABASE_URL) == DEFAULT_DATABASE_URL
    socket = "postgresql+asyncpg://postgres@/postgres?host=/tmp/pg"
    assert throwaway_database_url(socket, "x") == "postgresql+asyncpg://postgres@/x?host=/tmp/pg"


def test_resolve_database_url_precedence() -> None:
    env = {"DATABASE__URL": "postgresql+asyncpg://env/db"}
    assert resolve_database_url("postgresql+asyncpg://arg/db", env) == "postgresql+asyncpg://arg/db"
    assert resolve_database_url(None, env) == "postgresql+asyncpg://env/db"
    assert resolve_database_url(None, {}) == DEFAULT_DATABASE_URL


def test_run_kills_a_command_that_times_out(tmp_path: Path) -> None:
    code = "import time; print('started', flush=True); time.sleep(60)"
    run = run_command([sys.executable, "-c", code], cwd=tmp_path, env=os.environ, timeout=0.5)
    assert not run.ok
    assert "started" in run.output
    assert "did not finish within" in run.output


# --- orchestration, with a fake uv ------------------------------------------------------------

FAKE_UV = """\
import os
import sys

args = " ".join("<code>" if "\\n" in arg else arg for arg in sys.argv[1:])
with open(os.environ["FAKE_UV_LOG"], "a", encoding="utf-8") as log:
    log.write(args + "\\n")
if args.startswith(os.environ["FAKE_UV_FAIL"]):
    print("fake failure of:", args)
    sys.exit(1)
"""


@pytest.fixture
def fake_uv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Put a fake `uv` first on PATH that logs its arguments; return the log file."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    uv = bin_dir / "uv"
    uv.write_text(f"#!{sys.executable}\n{FAKE_UV}", encoding="utf-8")
    uv.chmod(uv.stat().st_mode | stat.S_IXUSR)
    log = tmp_path / "uv.log"
    # Hide the `uv` package fastgen depends on, so find_uv falls back to PATH.
    monkeypatch.setitem(sys.modules, "uv", None)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setenv("FAKE_UV_LOG", str(log))
    monkeypatch.setenv("FAKE_UV_FAIL", "no-such-command")
    return log


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "project"
    path.mkdir()
    (path / "pyproject.toml").write_text('[project]\nname = "p"\n', encoding="utf-8")
    (path / "tests").mkdir()
    (path / "tests" / "test_contract.py").write_text('"""Контракт."""\n', encoding="utf-8")
    return path


def test_every_step_runs_after_a_failure(
    fake_uv: Path, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_UV_FAIL", "run mypy")
    started: list[str] = []
    done: list[StepResult] = []

    result = verify_project(project, on_start=started.append, on_done=done.append)

    assert [s.name for s in result.steps] == STEP_NAMES
    assert started == STEP_NAMES
    assert done == result.steps
    assert not result.ok
    assert result.failed_steps == ["mypy"]
    assert result.failed_step == "mypy"
    mypy = result.steps[3]
    assert mypy.command == "uv run mypy"
    assert "fake failure of: run mypy" in mypy.output
    assert all(step.output == "" for step in result.steps if step.ok)
    calls = fake_uv.read_text(encoding="utf-8").splitlines()
    assert calls[:4] == ["sync", "run ruff check .", "run ruff format --check .", "run mypy"]
    # One helper in the project's environment: it finds the server (or its stand-in),
    # creates the throwaway database, migrates and checks it, then drops it.
    assert calls[4] == "run python -c <code>"
    assert calls[5] == "run pytest"
    assert calls[6].startswith("run pytest -m contract --no-cov")
    assert len(calls) == 7


def test_a_locked_project_is_installed_exactly(fake_uv: Path, project: Path) -> None:
    (project / "uv.lock").write_text("version = 1\n", encoding="utf-8")
    result = verify_project(project)
    assert result.ok
    assert result.steps[0].command == "uv sync --locked"
    assert fake_uv.read_text(encoding="utf-8").splitlines()[0] == "sync --locked"


def test_failed_sync_stops_everything(
    fake_uv: Path, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_UV_FAIL", "sync")
    result = verify_project(project)
    assert [s.name for s in result.steps] == ["uv sync"]
    assert result.failed_steps == ["uv sync"]
    assert not result.ok
    assert fake_uv.read_text(encoding="utf-8").splitlines() == ["sync"]


def test_failed_alembic_step_fails_alone(
    fake_uv: Path, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_UV_FAIL", "run python -c")
    result = verify_project(project)
    assert result.failed_steps == ["alembic"]
    assert "fake failure of: run python -c <code>" in result.steps[4].output
    assert result.steps[4].command == "uv run alembic upgrade head && uv run alembic check"


def test_server_reports_are_read_out_of_the_output() -> None:
    output = (
        "starting\n"
        '@fastgen-server {"kind": "PostgreSQL", "real": false, "address": "127.0.0.1:1"}\n'
        '@fastgen-server {"kind": "Redis", "real": true, "address": "127.0.0.1:6379"}\n'
        '@fastgen-server {"kind": "RabbitMQ", "real": false, "address": "127.0.0.1:2"}\n'
        '@fastgen-server {"kind": "S3", "real": false, "address": "127.0.0.1:3"}\n'
        '@fastgen-server {"kind": "SMTP", "real": false, "address": "127.0.0.1"}\n'
        "@fastgen-server not json\n"
        "$ alembic upgrade head\n"
    )
    servers, rest = split_servers(output)
    assert rest == "starting\n@fastgen-server not json\n$ alembic upgrade head\n"
    assert servers[1] == Server("Redis", real=True, address="127.0.0.1:6379")
    assert [server.describe() for server in servers] == [
        "PostgreSQL: embedded pgserver (127.0.0.1:1 not reachable)",
        "Redis: real at 127.0.0.1:6379",
        "RabbitMQ: FastStream's in-memory test broker (127.0.0.1:2 not reachable)",
        "S3: embedded moto server (127.0.0.1:3 not reachable)",
        "SMTP: aiosmtpd on 127.0.0.1, started by the tests",
    ]
    step = StepResult("alembic", True, 1.0, "uv run alembic check", "", ("PostgreSQL: x",))
    assert VerifyResult(steps=[step]).servers == ["PostgreSQL: x"]


def test_serve_without_the_contract_test_says_how_to_get_it(fake_uv: Path, project: Path) -> None:
    (project / "tests" / "test_contract.py").unlink()
    result = verify_project(project)
    assert result.failed_steps == ["serve"]
    assert "fastgen update" in result.steps[-1].output
    assert "--no-serve" in result.steps[-1].output
    calls = fake_uv.read_text(encoding="utf-8").splitlines()
    assert not any("contract" in call for call in calls)


def test_no_serve_leaves_the_step_out(fake_uv: Path, project: Path) -> None:
    result = verify_project(project, serve=False)
    assert [s.name for s in result.steps] == STEP_NAMES[:-1]
    assert result.ok


def test_project_without_pyproject(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="no pyproject"):
        verify_project(tmp_path)


def test_missing_uv(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither the uv package, nor PATH, nor the interpreter's directory has uv."""
    monkeypatch.setitem(sys.modules, "uv", None)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    with pytest.raises(ToolError, match="pip install uv"):
        verify_project(project)


# --- one real project, installed from PyPI ----------------------------------------------------

REAL_PROJECT = {
    "pyproject.toml": """\
        [project]
        name = "tiny"
        version = "0.1.0"
        requires-python = ">=3.11"
        dependencies = ["sqlalchemy[asyncio]>=2", "asyncpg", "alembic"]

        [dependency-groups]
        dev = ["ruff", "mypy", "pytest"]

        [build-system]
        requires = ["hatchling"]
        build-backend = "hatchling.build"

        [tool.mypy]
        strict = true
        files = ["src"]
        """,
    "src/tiny/__init__.py": '''\
        """A tiny package with one table and one type error."""

        import sqlalchemy as sa

        metadata = sa.MetaData()
        items = sa.Table("items", metadata, sa.Column("id", sa.Integer, primary_key=True))


        def double(x: int) -> int:
            """Double a number."""
            return x * 2


        WRONG: int = "not an int"
        ''',
    "tests/test_tiny.py": """\
        from tiny import double


        def test_double() -> None:
            assert double(2) == 4
        """,
    "alembic.ini": """\
        [alembic]
        script_location = migrations
        """,
    "migrations/env.py": """\
        import asyncio
        import os

        from alembic import context
        from sqlalchemy.ext.asyncio import create_async_engine

        from tiny import metadata


        def run(connection):
            context.configure(connection=connection, target_metadata=metadata)
            with context.begin_transaction():
                context.run_migrations()


        async def main():
            engine = create_async_engine(os.environ["DATABASE__URL"])
            async with engine.connect() as connection:
                await connection.run_sync(run)
            await engine.dispose()


        asyncio.run(main())
        """,
    "migrations/versions/0001_items.py": '''\
        """Create items."""

        import sqlalchemy as sa
        from alembic import op

        revision = "0001"
        down_revision = None


        def upgrade() -> None:
            op.create_table("items", sa.Column("id", sa.Integer, primary_key=True))


        def downgrade() -> None:
            op.drop_table("items")
        ''',
}


@pytest.mark.e2e
def test_real_project_reports_the_failing_step(tmp_path: Path) -> None:
    """A type error fails mypy only; ruff, the migrations on PostgreSQL and pytest still pass.

    Needs PyPI (uv sync) and the PostgreSQL server on 127.0.0.1:5432 (or DATABASE__URL).
    """
    project = tmp_path / "tiny"
    for name, text in REAL_PROJECT.items():
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")

    result = verify_project(project, serve=False)

    assert [s.name for s in result.steps] == STEP_NAMES[:-1]
    details = "\n".join(f"{s.name}: {s.output}" for s in result.steps if not s.ok)
    assert result.failed_steps == ["mypy"], details
    assert not result.ok
    assert 'Incompatible types in assignment (expression has type "str"' in result.steps[3].output
    assert (project / ".venv").is_dir(), "the project's own environment was used"
