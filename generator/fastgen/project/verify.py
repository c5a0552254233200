"""Prove a generated project works by running its own checks in its own environment.

``verify_project`` runs, as subprocesses inside the project directory and through the project's
own ``uv`` environment (its ``.venv``, never fastgen's), in this order:

1. ``uv sync --locked`` — installs the project exactly as its ``uv.lock`` says (plain ``uv sync``
   for a project without one); if it fails nothing else can run, so verification stops there;
2. ``uv run ruff check .``;
3. ``uv run ruff format --check .``;
4. ``uv run mypy`` — the project's ``pyproject.toml`` configures strict mode and the files;
5. ``alembic`` — creates a throwaway PostgreSQL database, runs ``alembic upgrade head`` and
   ``alembic check`` (models and migrations agree) against it, then drops it; the server is the
   one the project's own ``tests/servers.py`` picks (the configured one, else embedded
   pgserver), and the step names it and the other servers the tests will use
   (:mod:`fastgen.project.servers`);
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
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from fastgen.errors import ProjectError
from fastgen.project.lock import UV_LOCK
from fastgen.project.servers import (
    ALEMBIC_SNIPPET,
    CANNOT_CONNECT,
    resolve_database_url,
    split_servers,
    unreachable_hint,
)
from fastgen.project.tools import Run, find_uv, run_command, scrub_environment

SERVE_ARGS = (
    *("run", "pytest", "-m", "contract", "--no-cov", "-p", "no:cacheprovider"),
    *("-q", "--tb=short", "--show-capture=no"),
)
"""``uv`` arguments of the ``serve`` step: only the project's contract test, without the
coverage threshold that the whole suite is held to."""

CONTRACT_TEST = "tests/test_contract.py"
"""The generated test the ``serve`` step runs."""


@dataclass(frozen=True)
class StepResult:
    """The outcome of one verification step.

    Attributes:
        name: Short name of the step, e.g. ``ruff check``.
        ok: Whether the step succeeded.
        seconds: Wall time of the step.
        command: The command line(s) the step ran, as shown to a user.
        output: Combined stdout and stderr; kept only when the step failed.
        notes: What the user should know even when the step passed: the servers the Alembic
            step used and the tests will use (real, or the stand-in that took their place).

    """

    name: str
    ok: bool
    seconds: float
    command: str
    output: str
    notes: tuple[str, ...] = ()


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

    @property
    def servers(self) -> list[str]:
        """Return which server ran for each kind, e.g. ``PostgreSQL: real at 127.0.0.1:5432``."""
        return [note for step in self.steps for note in step.notes]


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
        run = run_command([self.uv, *args], cwd=self.project, env=self.env)
        return self.finish(name, shlex.join(["uv", *args]), run, started)

    def finish(
        self, name: str, command: str, run: Run, started: float, notes: Sequence[str] = ()
    ) -> StepResult:
        """Record a finished step and report it."""
        step = StepResult(
            name=name,
            ok=run.ok,
            seconds=time.perf_counter() - started,
            command=command,
            output="" if run.ok else run.output,
            notes=tuple(notes),
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
        return self.finish("serve", shlex.join(["uv", *SERVE_ARGS]), Run(1, message), started)

    def alembic(self, base_url: str) -> StepResult:
        """Migrate a throwaway database to head and check models against migrations.

        The project's own ``tests/servers.py`` picks the server (see
        :mod:`fastgen.project.servers`); the step's notes name it and the other servers.
        """
        name = "alembic"
        if self.on_start:
            self.on_start(name)
        started = time.perf_counter()
        env = {
            **self.env,
            "FASTGEN_VERIFY_URL": base_url,
            "FASTGEN_VERIFY_DB": f"fastgen_verify_{os.getpid()}_{secrets.token_hex(4)}",
        }
        argv = [self.uv, "run", "python", "-c", ALEMBIC_SNIPPET]
        run = run_command(argv, cwd=self.project, env=env)
        servers, output = split_servers(run.output)
        if run.returncode == CANNOT_CONNECT:
            output = f"{output.rstrip()}\n{unreachable_hint(base_url)}"
        shown = " && ".join(
            shlex.join(["uv", "run", "alembic", *args]) for args in (["upgrade", "head"], ["check"])
        )
        notes = [server.describe() for server in servers]
        return self.finish(name, shown, Run(run.returncode, output), started, notes)


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
            defaults to ``DATABASE__URL`` from the environment, then
            :data:`~fastgen.project.servers.DEFAULT_DATABASE_URL`. When it is not reachable,
            the embedded stand-in the project's tests use takes its place.
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
    sync = ["sync", "--locked"] if (project / UV_LOCK).is_file() else ["sync"]
    if not verifier.command("uv sync", sync).ok:
        return VerifyResult(steps=verifier.steps)
    verifier.command("ruff check", ["run", "ruff", "check", "."])
    verifier.command("ruff format", ["run", "ruff", "format", "--check", "."])
    verifier.command("mypy", ["run", "mypy"])
    verifier.alembic(base_url)
    verifier.command("pytest", ["run", "pytest"])
    if serve:
        verifier.serve()
    return VerifyResult(steps=verifier.steps)
