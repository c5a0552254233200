"""The library API of fastgen: one function per command, no printing.

The CLI is a thin adapter over these functions; tests call them directly.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from fastgen.db.history import History, read_history
from fastgen.project.check import CheckResult, compare
from fastgen.project.grow import UpdateResult, add_domain, update_project
from fastgen.project.init import EXAMPLES, example_text, spec_target, write_spec
from fastgen.project.lock import LockOutcome, lock_project
from fastgen.project.merge import Action
from fastgen.project.verify import StepResult, VerifyResult, verify_project
from fastgen.project.write import HISTORY_FILE, with_baseline, write_new_project
from fastgen.render.format import format_tree
from fastgen.render.pipeline import render_spec
from fastgen.spec import Spec, load_spec_text, read_spec
from fastgen.spec.edit import add_domain_text, domain_from_args, read_domain_file
from fastgen.spec.feature_checks import spec_notes
from fastgen.spec.starter import (
    DEFAULT_FEATURES,
    FEATURE_NEEDS,
    FEATURES,
    AnswerProblem,
    Answers,
    answer_problems,
    choose_features,
    default_title,
    starter_text,
)

__all__ = [
    "DEFAULT_FEATURES",
    "EXAMPLES",
    "FEATURES",
    "FEATURE_NEEDS",
    "Action",
    "AnswerProblem",
    "Answers",
    "CheckResult",
    "GenerateSummary",
    "InitResult",
    "LockOutcome",
    "StepResult",
    "UpdateResult",
    "VerifyResult",
    "add_domain",
    "add_domain_text",
    "answer_problems",
    "check_project",
    "choose_features",
    "default_title",
    "domain_from_args",
    "generate",
    "init_spec",
    "lock_project",
    "new_project",
    "read_domain_file",
    "render_project",
    "spec_target",
    "update_project",
    "verify_project",
]


@dataclass(frozen=True)
class GenerateSummary:
    """What ``new`` produced.

    Attributes:
        target: The directory the project was written to.
        files: Number of files written.
        domains: Number of domains in the spec.
        entities: Number of entities in the spec.
        seconds: Wall time of load, render, format and write (and lock).
        notes: What the spec leaves to defaults a reader might not expect.
        lock: The outcome of ``uv lock`` in the new project; None when it was not asked for.
    """

    target: Path
    files: int
    domains: int
    entities: int
    seconds: float
    notes: list[str] = field(default_factory=list)
    lock: LockOutcome | None = None


def render_project(spec: Spec, spec_text: str, history: History | None = None) -> dict[str, str]:
    """Render and format the whole project for a validated spec.

    Args:
        spec: The validated spec.
        spec_text: The spec file's text, stored in the project as its baseline.
        history: The project's migration history (None for a new project); a revision is
            added when the spec's schema differs from its last one.

    Returns:
        A mapping of POSIX relative paths to file contents, sorted by path.
    """
    rendered = render_spec(spec, history)
    formatted = format_tree(rendered.files)
    return with_baseline(formatted, spec_text, rendered.history.dumps(), rendered.files)


def generate(spec_path: Path) -> dict[str, str]:
    """Load a spec file and return the formatted project tree it renders to."""
    return render_project(*read_spec(spec_path))


def new_project(
    spec_path: Path, target: Path, *, force: bool = False, lock: bool = False
) -> GenerateSummary:
    """Generate a new project from a spec file into ``target``.

    Args:
        spec_path: The spec file.
        target: The output directory; must be absent or empty unless ``force``.
        force: Replace the contents of a non-empty ``target``.
        lock: Then run ``uv lock`` in the project, so it carries a ``uv.lock``. It needs the
            package index; when that fails the project is still written, and the summary's
            ``lock`` says why. The CLI locks by default; the library does not, so that
            rendering stays offline and fast (tests generate hundreds of projects).

    Returns:
        A summary of what was written.

    Raises:
        SpecError: The spec is invalid; nothing is written.
        TargetExistsError: ``target`` is not empty and ``force`` is false.
    """
    started = time.perf_counter()
    spec, spec_text = read_spec(spec_path)
    tree = render_project(spec, spec_text)
    write_new_project(tree, target, force=force)
    outcome = lock_project(target.resolve()) if lock else None
    return GenerateSummary(
        target=target,
        files=len(tree),
        domains=len(spec.domains),
        entities=sum(len(d.entities) for d in spec.domains.values()),
        seconds=time.perf_counter() - started,
        notes=spec_notes(spec),
        lock=outcome,
    )


def check_project(spec_path: Path, project: Path) -> CheckResult:
    """Regenerate in memory and compare with ``project`` on disk.

    The render uses the project's own migration history (``.fastgen/migrations.json``) when it
    has one, so a project grown with ``update`` is compared with its revisions. Only generated
    files count: those the render has (differing or missing) and those the project's manifest
    says fastgen wrote that the render no longer has (stale). The team's own files (a
    hand-written revision or module) are listed as extra and never make the check fail;
    caches, virtual environments, ``uv.lock`` (the project's own file, never rendered and
    never in the manifest) and the journal are not read at all.

    Args:
        spec_path: The spec file.
        project: The generated project.

    Returns:
        The differing, missing, stale and extra files.

    Raises:
        SpecError: The spec is invalid.
    """
    spec, spec_text = read_spec(spec_path)
    stored = project / HISTORY_FILE
    history = read_history(stored) if stored.is_file() else None
    return compare(render_project(spec, spec_text, history), project)


@dataclass(frozen=True)
class InitResult:
    """What ``init`` wrote.

    Attributes:
        path: The spec file written.
        project: The spec's project name (a good name for the directory to generate into).
    """

    path: Path
    project: str


def init_spec(
    directory: Path,
    answers: Answers | None = None,
    *,
    example: str | None = None,
    name: str | None = None,
    force: bool = False,
) -> InitResult:
    """Write a new spec, ``directory/fastgen.yaml``, for ``fastgen init``.

    The text is validated by the spec loader before anything is written, and written
    atomically (a temporary file renamed over the target).

    Args:
        directory: Where the spec goes; created if missing.
        answers: What the starter spec is made of (ignored with ``example``); None gives
            the defaults.
        example: Copy this bundled example spec instead (``minimal`` or ``shop``).
        name: With ``example``, a new ``project.name`` for the copy.
        force: Replace an existing spec.

    Returns:
        The spec's path and project name.

    Raises:
        SpecExistsError: The spec exists and ``force`` is false; nothing is written.
        ArgumentError: An answer, the example's name or ``name`` is refused; the message
            names the option. Nothing is written.
        FileAccessError: The system refused the write; the old file, if any, is unchanged.
    """
    spec_target(directory, force=force)
    if example is not None:
        text = example_text(example, name)
    else:
        text = starter_text(answers or Answers())
    project = load_spec_text(text, "fastgen.yaml").project.name
    return InitResult(write_spec(directory, text, force=force), project)
