"""Prove a generated project works by running its own checks in its own environment.

``verify_project`` runs, as subprocesses inside the project directory and through the project's
own ``uv`` environment (its ``.venv``, never fastgen's), in this order:

1. ``uv sync`` — installs the project from its ``pyproject.toml``; if it fails nothing else can
   run, so verification stops there;
2. ``uv run ruff check .``;
3. ``uv run ruff format --check .``;
4. ``uv run mypy`` — the project's ``pyproject.toml`` configures strict mode and the files;
5. ``alembic`` — creates a throwaway PostgreSQL database, runs ``alembic upgrade head`` and
   ``alembic check`` (models and migrations agree) against it, then drops it;
6. ``uv run pytest``;
7. ``serve`` (unless turned off) — ``uv run pytest -m contract --no-cov``: the project's
   ``tests/test_contract.py`` serves the app with uvicorn on a free loopback port, fetches
   ``/health/ready``, ``/openapi.json`` and ``/docs`` over HTTP, and runs schemathesis with all
   checks against it (settings in the project's ``schemathesis.toml``); any 5xx or answer the
   OpenAPI document does not describe fails the step, which prints the reproducing request.

Every step after ``uv sync`` runs even when an earlier one failed, so one run shows every
failure. Nothing here prints: progress is reported through the ``on_start`` / ``on_done``
callbacks and the result is returned.
"""

from __future__ import annotations

import os
import secrets
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from fastgen.errors import ProjectError, ToolError

DEFAULT_DATABASE_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
"""The server verify uses when neither ``--database-url`` nor ``DATABASE__URL`` is given."""

STEP_TIMEOUT = 15 * 60.0
"""Seconds one command may run before it is killed and its step fails."""

SERVE_ARGS = (
    *("run", "pytest", "-m", "contract", "--no-cov", "-p", "no:cacheprovider"),
    *("-q", "--tb=short", "--show-capture=no"),
)
"""``uv`` arguments of the ``serve`` step: only the project's contract test, without the
coverage threshold that the whole suite is held to."""

CONTRACT_TEST = "tests/test_contract.py"
"""The generated test the ``serve`` step runs."""

_SCRUBBED_VARIABLES = frozenset(
    {
        "VIRTUAL_ENV",
        "PYTHONPATH",
        "PYTHONHOME",
        "CONDA_PREFIX",
        # Set by pyenv's shims for the interpreter fastgen runs on; left in place they would
        # override the project's own .python-version.
        "PYENV_VERSION",
        "PYENV_DIR",
        "UV_PROJECT",
        "UV_PROJECT_ENVIRONMENT",
        "UV_WORKING_DIR",
        "UV_WORKING_DIRECTORY",
        "UV_NO_SYNC",
        "UV_FROZEN",
        "UV_LOCKED",
        "UV_NO_PROJECT",
        "UV_ISOLATED",
        "UV_ACTIVE",
        "UV_RUN_RECURSION_DEPTH",
        "UV_NO_DEV",
        "UV_DEV",
        "UV_ONLY_DEV",
        "UV_NO_DEFAULT_GROUPS",
        "UV_NO_EDITABLE",
        "UV_NO_INSTALL_PROJECT",
        "UV_NO_INSTALL_WORKSPACE",
        "UV_SYSTEM_PYTHON",
        "UV_NO_ENV_FILE",
        "UV_ENV_FILE",
    }
)
"""Variables that would make ``uv`` or Python use another project or environment than the
generated project's own one (fastgen itself often runs under ``uv run``)."""

_CANNOT_CONNECT = 3
"""Exit status of the database helper when the server cannot be reached."""

# Runs inside the generated project's environment, where asyncpg is always installed.
# Exit status 3 means "cannot connect"; the DSN and name arrive through the environment so a
# password never shows in a process listing.
_DB_SNIPPET = """
import asyncio, os, sys
import asyncpg

async def main(action: str) -> None:
    dsn = os.environ["FASTGEN_VERIFY_DSN"]
    name = os.environ["FASTGEN_VERIFY_DB"]
    try:
        conn = await asyncio.wait_for(asyncpg.connect(dsn), 20)
    except Exception as exc:
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(3)
    try:
        exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        quoted = '"' + name.replace('"', '""') + '"'
        if action == "create":
            if exists:
                print(f"database {name} already exists", file=sys.stderr)
                sys.exit(1)
            await conn.execute(f"CREATE DATABASE {quoted}")
            print(f"created database {name}")
        elif exists:
            await conn.execute(f"DROP DATABASE {quoted} WITH (FORCE)")
            print(f"dropped database {name}")
    finally:
        await conn.close()

asyncio.run(main(sys.argv[1]))
"""


@dataclass(frozen=True)
class StepResult:
    """The outcome of one verification step.

    Attributes:
        name: Short name of the step, e.g. ``ruff check``.
        ok: Whether the step succeeded.
        seconds: Wall time of the step.
        command: The command line(s) the step ran, as shown to a user.
        output: Combined stdout and stderr; kept only when the step failed.

    """

    name: str
    ok: bool
    seconds: float
    command: str
    output: str


@dataclass(frozen=True)
class VerifyResult:
    """The outcome of a whole verification.

    Attributes:
        steps: Every step that ran, in order.

    """

    steps: list[StepResult]

    @property
    def ok(self) -> bool:
        """Tell whether every step ran and succeeded."""
        return bool(self.steps) and all(step.ok for step in self.steps)

    @property
    def failed_steps(self) -> list[str]:
        """Return the names of the steps that failed, in order."""
        return [step.name for step in self.steps if not step.ok]

    @property
    def failed_step(self) -> str | None:
        """Return the name of the first step that failed, or ``None``."""
        failed = self.failed_steps
        return failed[0] if failed else None


@dataclass(frozen=True)
class _Run:
    """One finished command."""

    returncode: int
    output: str

    @property
    def ok(self) -> bool:
        """Tell whether the command exited with status 0."""
        return self.returncode == 0


def scrub_environment(
    environ: Mapping[str, str], *, database_url: str | None = None
) -> dict[str, str]:
    """Return the environment for commands run in the generated project.

    Removes what would point ``uv`` or Python at another environment (``VIRTUAL_ENV``,
    ``PYTHONPATH``, ``PYTHONHOME``, ``UV_PROJECT_ENVIRONMENT`` and the other ``UV_*`` project
    overrides, pyenv's ``PYENV_VERSION``), drops the active virtual environment's ``bin``
    directory from ``PATH`` so the project's tools are never shadowed by fastgen's, and turns
    off uv's progress bars.

    Args:
        environ: The environment to start from, usually ``os.environ``.
        database_url: When given, exported as ``DATABASE__URL`` for the project's settings.

    Returns:
        A new mapping; ``environ`` is not changed.

    """
    env = {key: value for key, value in environ.items() if key not in _SCRUBBED_VARIABLES}
    active = environ.get("VIRTUAL_ENV")
    if active and "PATH" in env:
        venv_dirs = {str(Path(active) / "bin"), str(Path(active) / "Scripts")}
        kept = [d for d in env["PATH"].split(os.pathsep) if d.rstrip("/\\") not in venv_dirs]
        env["PATH"] = os.pathsep.join(kept)
    env["UV_NO_PROGRESS"] = "1"
    if database_url is not None:
        env["DATABASE__URL"] = database_url
    return env


def find_uv(environ: Mapping[str, str] | None = None) -> str:
    """Return the path of the ``uv`` executable.

    The binary of the ``uv`` package fastgen depends on comes first: a ``uv`` found on
    ``PATH`` may be a pyenv shim that resolves differently inside a project that pins its
    own Python with ``.python-version``.

    Args:
        environ: The environment whose ``PATH`` is searched; defaults to ``os.environ``.

    Raises:
        ToolError: ``uv`` is not installed.

    """
    try:
        from uv import find_uv_bin  # noqa: PLC0415 - fastgen depends on the uv package

        return os.fsdecode(find_uv_bin())
    except (ImportError, FileNotFoundError):
        pass
    env = os.environ if environ is None else environ
    found = shutil.which("uv", path=env.get("PATH"))
    if found:
        return found
    beside = Path(sys.executable).parent / ("uv.exe" if os.name == "nt" else "uv")
    if beside.is_file():
        return str(beside)
    raise ToolError(
        "uv is not installed or not on PATH — verify runs the generated project's checks with "
        "uv; install it with `pip install uv` (or see https://docs.astral.sh/uv/) and try again"
    )


def throwaway_database_url(base_url: str, name: str) -> str:
    """Return ``base_url`` with its database replaced by ``name``; query and host are kept."""
    parts = urlsplit(base_url)
    return urlunsplit(parts._replace(path="/" + name))


def asyncpg_dsn(url: str) -> str:
    """Turn a SQLAlchemy URL (``postgresql+asyncpg://…``) into a DSN asyncpg accepts."""
    parts = urlsplit(url)
    scheme = parts.scheme.split("+", 1)[0]
    return urlunsplit(parts._replace(scheme="postgres" if scheme == "postgres" else "postgresql"))


def redact_url(url: str) -> str:
    """Hide the password of a database URL so it can be shown."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


def _run(
    argv: Sequence[str], *, cwd: Path, env: Mapping[str, str], timeout: float | None = None
) -> _Run:
    """Run one command, capturing stdout and stderr together, killing it on timeout.

    Args:
        argv: The command and its arguments (never run through a shell).
        cwd: The directory to run in.
        env: The complete environment of the command.
        timeout: Seconds before the command and its children are killed; defaults to
            :data:`STEP_TIMEOUT`.

    Returns:
        The exit status (-1 when it could not start or was killed) and the combined output.

    """
    if timeout is None:
        timeout = STEP_TIMEOUT
    try:
        proc = subprocess.Popen(
            list(argv),
            cwd=cwd,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
            start_new_session=True,
        )
    except OSError as exc:
        return _Run(returncode=-1, output=f"cannot run {_shown(argv)}: {exc}")
    try:
        output, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        output, _ = proc.communicate()
        limit = f"{timeout / 60:g} min" if timeout >= 60 else f"{timeout:g} s"
        return _Run(
            returncode=-1,
            output=f"{output}\n{_shown(argv)} did not finish within {limit}; killed",
        )
    except BaseException:
        _kill_group(proc)
        proc.wait()
        raise
    return _Run(returncode=proc.returncode, output=output)


def _shown(argv: Sequence[str]) -> str:
    """Return a command line for messages: ``uv`` by name, inline code elided."""
    shown = [Path(argv[0]).name, *("<code>" if "\n" in arg else arg for arg in argv[1:])]
    return shlex.join(shown)


def _kill_group(proc: subprocess.Popen[str]) -> None:
    """Kill a command and everything it started (it leads its own process group)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()


class _Verifier:
    """Runs the steps of one verification and reports them through the callbacks."""

    def __init__(
        self,
        project: Path,
        uv: str,
        env: dict[str, str],
        on_start: Callable[[str], None] | None,
        on_done: Callable[[StepResult], None] | None,
    ) -> None:
        self.project = project
        self.uv = uv
        self.env = env
        self.on_start = on_start
        self.on_done = on_done
        self.steps: list[StepResult] = []

    def command(self, name: str, args: Sequence[str]) -> StepResult:
        """Run ``uv ARGS`` as the step ``name``."""
        if self.on_start:
            self.on_start(name)
        started = time.perf_counter()
        run = _run([self.uv, *args], cwd=self.project, env=self.env)
        return self.finish(name, shlex.join(["uv", *args]), run, started)

    def finish(self, name: str, command: str, run: _Run, started: float) -> StepResult:
        """Record a finished step and report it."""
        step = StepResult(
            name=name,
            ok=run.ok,
            seconds=time.perf_counter() - started,
            command=command,
            output="" if run.ok else run.output,
        )
        self.steps.append(step)
        if self.on_done:
            self.on_done(step)
        return step

    def serve(self) -> StepResult:
        """Run the project's contract test: the app over HTTP against its OpenAPI document."""
        if (self.project / CONTRACT_TEST).is_file():
            return self.command("serve", SERVE_ARGS)
        message = (
            f"{CONTRACT_TEST} is missing — projects from an older fastgen get it with "
            "`fastgen update`; or skip this step with --no-serve"
        )
        started = time.perf_counter()
        return self.finish("serve", shlex.join(["uv", *SERVE_ARGS]), _Run(1, message), started)

    def alembic(self, base_url: str) -> StepResult:
        """Migrate a throwaway database to head and check models against migrations."""
        name = "alembic"
        if self.on_start:
            self.on_start(name)
        started = time.perf_counter()
        db_name = f"fastgen_verify_{os.getpid()}_{secrets.token_hex(4)}"
        admin_env = {
            **self.env,
            "FASTGEN_VERIFY_DSN": asyncpg_dsn(base_url),
            "FASTGEN_VERIFY_DB": db_name,
        }

        def admin(action: str) -> _Run:
            argv = [self.uv, "run", "python", "-c", _DB_SNIPPET, action]
            return _run(argv, cwd=self.project, env=admin_env, timeout=180)

        created = admin("create")
        if not created.ok:
            message = f"cannot create the throwaway database {db_name}:\n{created.output.rstrip()}"
            if created.returncode == _CANNOT_CONNECT:
                message += (
                    f"\nPostgreSQL is not reachable at {redact_url(base_url)} — start it, or "
                    "point verify at a server with --database-url URL or the DATABASE__URL "
                    "environment variable (e.g. postgresql+asyncpg://user:password@host:5432/db)"
                )
            return self.finish(name, f"create database {db_name}", _Run(1, message), started)

        migrate_env = {**self.env, "DATABASE__URL": throwaway_database_url(base_url, db_name)}
        commands = [["alembic", "upgrade", "head"], ["alembic", "check"]]
        outputs: list[str] = []
        returncode = 0
        try:
            for args in commands:
                outputs.append("$ " + shlex.join(["uv", "run", *args]))
                run = _run([self.uv, "run", *args], cwd=self.project, env=migrate_env)
                outputs.append(run.output.rstrip())
                if not run.ok:
                    returncode = run.returncode or 1
                    break
        finally:
            dropped = admin("drop")
            if not dropped.ok:
                returncode = returncode or 1
                outputs.append(f"cannot drop database {db_name}:\n{dropped.output.rstrip()}")
        shown = " && ".join(shlex.join(["uv", "run", *args]) for args in commands)
        return self.finish(name, shown, _Run(returncode, "\n".join(outputs)), started)


def resolve_database_url(database_url: str | None, environ: Mapping[str, str]) -> str:
    """Pick the server URL: the argument, else ``DATABASE__URL``, else the local default."""
    return database_url or environ.get("DATABASE__URL") or DEFAULT_DATABASE_URL


def verify_project(
    project: Path,
    *,
    on_start: Callable[[str], None] | None = None,
    on_done: Callable[[StepResult], None] | None = None,
    database_url: str | None = None,
    serve: bool = True,
) -> VerifyResult:
    """Run a generated project's own checks in its own environment.

    Args:
        project: The generated project's directory (it holds ``pyproject.toml``).
        on_start: Called with a step's name just before the step runs.
        on_done: Called with each step's result as soon as the step ends.
        database_url: The PostgreSQL server for the Alembic step (and the project's tests);
            defaults to ``DATABASE__URL`` from the environment, then :data:`DEFAULT_DATABASE_URL`.
        serve: Run the ``serve`` step (the running app against its OpenAPI document).

    Returns:
        Every step that ran; ``ok`` is false when any failed.

    Raises:
        ProjectError: ``project`` has no ``pyproject.toml``.
        ToolError: ``uv`` is not installed.

    """
    project = project.resolve()
    if not (project / "pyproject.toml").is_file():
        raise ProjectError(
            f"{project}: no pyproject.toml here — point verify at the directory a "
            "`fastgen new` wrote"
        )
    uv = find_uv()
    base_url = resolve_database_url(database_url, os.environ)
    env = scrub_environment(os.environ, database_url=database_url)
    verifier = _Verifier(project, uv, env, on_start, on_done)
    if not verifier.command("uv sync", ["sync"]).ok:
        return VerifyResult(steps=verifier.steps)
    verifier.command("ruff check", ["run", "ruff", "check", "."])
    verifier.command("ruff format", ["run", "ruff", "format", "--check", "."])
    verifier.command("mypy", ["run", "mypy"])
    verifier.alembic(base_url)
    verifier.command("pytest", ["run", "pytest"])
    if serve:
        verifier.serve()
    return VerifyResult(steps=verifier.steps)
