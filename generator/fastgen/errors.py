"""The one error hierarchy of fastgen.

Everything below the CLI raises a subclass of :class:`FastgenError`; the CLI catches the root
once, prints the message and turns it into an exit code. No other exception is expected to
reach the user: anything else is a bug and is reported as such.
"""

from __future__ import annotations

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
