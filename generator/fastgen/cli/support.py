"""What every ``fastgen`` command shares: the console, exit codes, and the one error boundary."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.text import Text

from fastgen.errors import FastgenError, FileAccessError

if TYPE_CHECKING:
    from fastgen.api import LockOutcome

EXIT_DIFFERENCES = 1
"""Exit code of ``check`` when the project differs, of ``verify`` when a step failed, and of
``update`` / ``add-domain`` when a file was left with conflicts."""

EXIT_INTERNAL = 3
"""Exit code of a bug in fastgen (neither a FastgenError nor an OSError the system raised)."""

EXIT_INTERRUPTED = 130
"""Exit code after Ctrl-C, as shells report SIGINT."""

TAIL_LINES = 40
"""How many trailing lines of a failed step's output ``verify`` shows."""


LockOpt = Annotated[
    bool,
    typer.Option(
        "--lock/--no-lock",
        help="Lock the project's dependencies in uv.lock (`uv lock`, needs the package index; "
        "without it the project is left unlocked, with a note).",
    ),
]


def stderr() -> Console:
    """Return a console on the current stderr (looked up per call, so tests can capture it)."""
    return Console(stderr=True, highlight=False)


def fastgen_version() -> str:
    """Return the installed version of fastgen."""
    try:
        return version("fastgen")
    except PackageNotFoundError:
        return "unknown"


def report_lock(outcome: LockOutcome | None) -> None:
    """Say that ``uv.lock`` was written, or why not and how to lock the project by hand."""
    if outcome is None:
        return
    if outcome.note is None:
        verb = "updated" if outcome.existed else "wrote"
        message = f"✓ {verb} uv.lock in {outcome.seconds:.1f} s"
        stderr().print(Text(message, style="green"), soft_wrap=True)
        return
    stderr().print(Text(f"note: {outcome.note}", style="yellow"), soft_wrap=True)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn a FastgenError into a red message and its exit code, Ctrl-C into exit 130.

    An ``OSError`` the system raised (one with an ``errno``: a full disk, a missing
    permission) that reached this far is the user's environment, not a bug: it is reported
    like a :class:`~fastgen.errors.FileAccessError`, with the path it names, and exits 2.
    """
    try:
        try:
            yield
        except OSError as err:
            if err.errno is None:  # raised by code, not by the system
                raise
            raise FileAccessError.from_os_error(err, ".", "access") from err
    except FastgenError as err:
        stderr().print(Text(err.render(), style="red"), soft_wrap=True)
        raise typer.Exit(err.exit_code) from None
    except KeyboardInterrupt:
        stderr().print(Text("interrupted", style="yellow"))
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except typer.Exit:
        raise  # an exit code the command chose (``verify`` failed: 1), not a bug
    except Exception as err:
        # A bug in fastgen, not in the user's input: say so without a traceback, unless the
        # user asks for one with FASTGEN_DEBUG=1.
        if os.environ.get("FASTGEN_DEBUG"):
            raise
        message = (
            f"internal error: {type(err).__name__}: {err} — this is a bug in fastgen; rerun "
            "with FASTGEN_DEBUG=1 for the traceback and report it with your spec"
        )
        stderr().print(Text(message, style="red"), soft_wrap=True)
        raise typer.Exit(EXIT_INTERNAL) from None
