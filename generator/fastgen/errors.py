"""The one error hierarchy of fastgen.

Everything below the CLI raises a subclass of :class:`FastgenError`; the CLI catches the root
once, prints the message and turns it into an exit code. No other exception is expected to
reach the user: anything else is a bug and is reported as such.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path


class FastgenError(Exception):
    """Root of every error fastgen reports to a user.

    Attributes:
        exit_code: The process exit code the CLI uses for this error.
    """

    exit_code: int = 2

    def render(self) -> str:
        """Return the full, user-facing text of the error."""
        return str(self)


@dataclass(frozen=True, order=True)
class SpecProblem:
    """One problem found in a spec, with the place it was found.

    Attributes:
        file: The spec file the problem is in.
        line: 1-based line of the offending node.
        column: 1-based column of the offending node.
        path: Dotted path of the node inside the spec, e.g. ``domains.shop.entities``.
        message: What is wrong and what to do, joined by an em dash.
    """

    file: str
    line: int
    column: int
    path: str
    message: str

    def __str__(self) -> str:
        """Format as ``FILE:LINE:COL: dotted.path: message``."""
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class SpecError(FastgenError):
    """A spec failed to load or validate; carries every problem found, in file order."""

    def __init__(self, problems: list[SpecProblem]) -> None:
        """Keep the problems sorted by position so output is stable."""
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def render(self) -> str:
        """Return every problem on its own line, then a count."""
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        return f"{self}\n{count} {noun} in the spec; nothing was written."


class TargetExistsError(FastgenError):
    """The output directory is not empty and ``--force`` was not given."""

    def __init__(self, target: Path) -> None:
        """Name the directory and the way out."""
        super().__init__(
            f"{target}: the directory exists and is not empty — choose another directory "
            "or pass --force to replace its contents"
        )


class SpecExistsError(FastgenError):
    """The directory already holds a spec and ``--force`` was not given."""

    def __init__(self, path: Path) -> None:
        """Name the file and the way out."""
        super().__init__(
            f"{path}: a spec already exists — edit it, choose another directory, or pass "
            "--force to replace it; nothing was written"
        )


class ProjectError(FastgenError):
    """A generated project on disk is missing something a command needs."""


class ToolError(FastgenError):
    """An external tool fastgen relies on (ruff, uv) is missing or failed unexpectedly."""


class ArgumentError(FastgenError):
    """A command-line argument is malformed (e.g. ``--field price:money``); says how to fix it."""


class MigrationError(FastgenError):
    """A spec change cannot be migrated as asked (destructive without consent, or unsupported)."""


class ConflictsLeftError(FastgenError):
    """The project still holds conflict markers from an earlier run; they must be resolved first."""


class ProjectLockedError(FastgenError):
    """Another run of ``update`` or ``add-domain`` held the project's lock for too long."""

    def __init__(self, project: Path, lock: Path, pid: int | None, waited: float) -> None:
        """Name the project, the holder (when it recorded its pid) and the way out."""
        holder = f"another fastgen run (pid {pid})" if pid else "another fastgen run"
        super().__init__(
            f"{project}: {holder} holds the project lock {lock} and is changing the project "
            f"(waited {waited:g} s) — wait for it to finish, then run the command again; "
            "nothing was written"
        )


_ADVICE = {
    errno.ENOSPC: "free space",
    errno.EDQUOT: "free space within your disk quota",
    errno.EFBIG: "free space",
    errno.EROFS: "make the file system writable (or work on a writable copy)",
    errno.EACCES: "give your user permission to {verb} it",
    errno.EPERM: "give your user permission to {verb} it",
    errno.EMFILE: "close other programs or raise the open-file limit (ulimit -n)",
    errno.ENFILE: "close other programs or raise the open-file limit (ulimit -n)",
    errno.ENAMETOOLONG: "use a shorter path",
}
_WRITING = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS})


class FileAccessError(FastgenError):
    """The operating system refused to read or write a file of the user's (an ``OSError``).

    A full disk, a missing permission or a read-only file system is the user's environment,
    not a bug in fastgen: the message names the path and the cause, and the exit code is 2.

    Attributes:
        path: The file or directory the system refused.
        errno: The ``errno`` of the refusal (None when the system gave none).
    """

    def __init__(
        self, path: Path | str, cause: str, code: int | None, *, verb: str, then: str = ""
    ) -> None:
        """Build ``PATH: cannot VERB — CAUSE — ADVICE and run the command again THEN``."""
        self.path = Path(path)
        self.errno = code
        advice = _ADVICE.get(code or 0, "fix the cause").format(verb=verb)
        super().__init__(
            f"{path}: cannot {verb} — {cause} — {advice} and run the command again{then}"
        )

    @classmethod
    def from_os_error(
        cls, error: OSError, fallback: Path | str, verb: str, *, then: str = ""
    ) -> FileAccessError:
        """Describe an ``OSError``; the path is the one it names, else ``fallback``.

        Args:
            error: What the system raised.
            fallback: The path to name when ``error`` names none.
            verb: What fastgen tried to do (``read``, ``write``, ``lock``); a full disk or a
                read-only file system always reads ``write``.
            then: What follows the advice, e.g. ``"; nothing was written"``.
        """
        path = os.fsdecode(error.filename) if error.filename is not None else fallback
        if error.errno in _WRITING:
            verb = "write"
        cause = error.strerror or str(error) or type(error).__name__
        return cls(path, cause, error.errno, verb=verb, then=then)
