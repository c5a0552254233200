"""Running the tools of a generated project: its own ``uv``, in its own environment.

``verify`` and locking (``uv lock``) run commands inside a generated project. Each runs with an
environment that points nowhere else (:func:`scrub_environment`), with the ``uv`` binary
fastgen depends on (:func:`find_uv`), and is killed with everything it started when it runs too
long (:func:`run_command`).
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from fastgen.errors import ToolError

__all__ = ["STEP_TIMEOUT", "Run", "find_uv", "run_command", "scrub_environment", "shown"]

STEP_TIMEOUT = 15 * 60.0
"""Seconds one command may run before it is killed and its step fails."""

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


@dataclass(frozen=True)
class Run:
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


def run_command(
    argv: Sequence[str], *, cwd: Path, env: Mapping[str, str], timeout: float | None = None
) -> Run:
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
        return Run(returncode=-1, output=f"cannot run {shown(argv)}: {exc}")
    try:
        output, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        output, _ = proc.communicate()
        limit = f"{timeout / 60:g} min" if timeout >= 60 else f"{timeout:g} s"
        return Run(
            returncode=-1,
            output=f"{output}\n{shown(argv)} did not finish within {limit}; killed",
        )
    except BaseException:
        _kill_group(proc)
        proc.wait()
        raise
    return Run(returncode=proc.returncode, output=output)


def shown(argv: Sequence[str]) -> str:
    """Return a command line for messages: ``uv`` by name, inline code elided."""
    shown = [Path(argv[0]).name, *("<code>" if "\n" in arg else arg for arg in argv[1:])]
    return shlex.join(shown)


def _kill_group(proc: subprocess.Popen[str]) -> None:
    """Kill a command and everything it started (it leads its own process group)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()
