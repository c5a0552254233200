"""Locking a generated project's dependencies: its ``uv.lock``.

``fastgen new`` locks the project it wrote (``uv lock`` in the project), so the team installs,
builds its image and runs CI with exactly the versions it reviewed (``uv sync --locked`` in the
generated Dockerfile and CI). ``update`` and ``add-domain`` lock again only when they changed
the project's ``pyproject.toml`` and the project has a ``uv.lock``: otherwise the team's lock
stays as it is.

``uv.lock`` is the project's own file, not a generated one: it is not rendered from the spec,
it changes with every release on the package index, so it is neither recorded in
``.fastgen/manifest.json`` nor compared by ``fastgen check``.

Locking needs the package index. When it cannot be reached, the project is still written;
:attr:`LockOutcome.note` says that the project is unlocked and how to lock it.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from fastgen.errors import ToolError
from fastgen.project.tools import find_uv, run_command, scrub_environment

__all__ = ["LOCK_TIMEOUT", "UV_LOCK", "LockOutcome", "lock_project"]

UV_LOCK = "uv.lock"
"""The project's lock file, beside its ``pyproject.toml``."""

LOCK_TIMEOUT = 300.0
"""Seconds ``uv lock`` may run before it is killed and the project is left unlocked."""

_TAIL = 6
"""How many trailing lines of ``uv lock``'s output a failure keeps."""


@dataclass(frozen=True)
class LockOutcome:
    """What locking a project did.

    Attributes:
        project: The project directory.
        locked: ``uv.lock`` now matches the project's ``pyproject.toml``.
        seconds: Wall time of ``uv lock``.
        reason: Why locking failed (the tail of uv's output); empty when it succeeded.
        existed: The project had a ``uv.lock`` before (an ``update`` re-locked it).
    """

    project: Path
    locked: bool
    seconds: float
    reason: str = ""
    existed: bool = False

    @property
    def note(self) -> str | None:
        """Return what the user should know when locking failed, else ``None``."""
        if self.locked:
            return None
        state = (
            f"{self.project / UV_LOCK} is out of date with pyproject.toml"
            if self.existed
            else f"{self.project} is unlocked (no uv.lock)"
        )
        return (
            f"{state}: `uv lock` failed ({self.reason}); the generated Dockerfile and CI "
            f"install with `uv sync --locked` and need it — lock it when the package index is "
            f"reachable: `cd {self.project} && uv lock`"
        )


def lock_project(project: Path, *, timeout: float = LOCK_TIMEOUT) -> LockOutcome:
    """Run ``uv lock`` in a generated project, in an environment pointing nowhere else.

    A failure (no network, no index, no ``uv``, no matching Python) is not an error: the
    project stays usable, and the outcome says so.

    Args:
        project: The project directory (holding ``pyproject.toml``).
        timeout: Seconds before ``uv lock`` is killed.

    Returns:
        Whether ``uv.lock`` is now in place and current, and why not.
    """
    started = time.perf_counter()
    existed = (project / UV_LOCK).is_file()
    env = scrub_environment(os.environ)
    try:
        uv = find_uv(env)
    except ToolError as err:
        return LockOutcome(project, False, time.perf_counter() - started, str(err), existed)
    run = run_command([uv, "lock"], cwd=project, env=env, timeout=timeout)
    seconds = time.perf_counter() - started
    if run.ok:
        return LockOutcome(project, True, seconds, "", existed)
    lines = [line.strip() for line in run.output.strip().splitlines() if line.strip()]
    reason = "; ".join(lines[-_TAIL:]) or f"exit status {run.returncode}"
    return LockOutcome(project, False, seconds, reason, existed)
