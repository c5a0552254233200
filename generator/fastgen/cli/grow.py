"""The ``add-domain`` and ``update`` commands: Typer adapters over :mod:`fastgen.project.grow`.

Both print what happened to each file on stderr; with ``--dry-run`` the unified diff of what
would be written goes to stdout, so it can be paged or saved, and nothing is written.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.text import Text

from fastgen.cli.support import EXIT_DIFFERENCES, LockOpt, report_lock, stderr, user_errors
from fastgen.errors import ArgumentError

if TYPE_CHECKING:
    from fastgen.api import UpdateResult

ProjectDirOpt = Annotated[
    Path,
    typer.Option(
        "--dir",
        "-C",
        metavar="DIR",
        help="The generated project (holding fastgen.yaml and .fastgen/).",
        file_okay=False,
    ),
]
DryRunOpt = Annotated[
    bool,
    typer.Option("--dry-run", help="Print the diff of what would change; write nothing."),
]
DestructiveOpt = Annotated[
    bool,
    typer.Option(
        "--allow-destructive",
        help="Let the new migration drop tables or columns (their data goes), or remove enum "
        "values, narrow types or make columns NOT NULL (the upgrade then fails, as one "
        "transaction, if rows do not fit).",
    ),
]

# (action, label, style) in the order the summary lists them.
_GROUPS = (
    ("create", "created", "green"),
    ("replace", "updated", "green"),
    ("merge", "merged with your edits", "cyan"),
    ("keep", "kept as you edited them (the spec change does not touch them)", "dim"),
    ("skip-deleted", "not recreated (you deleted them)", "yellow"),
    ("delete", "deleted (no longer generated, untouched)", "yellow"),
    ("keep-orphan", "left in place (no longer generated, but edited by you)", "yellow"),
    ("conflict", "CONFLICTS — resolve the marked regions", "bold red"),
)


def _show_diff(diff: str) -> None:
    """Print a dry run's diff: coloured and paged on a terminal, plain text otherwise."""
    out = Console(highlight=False)
    if not out.is_terminal:
        sys.stdout.write(diff)
        sys.stdout.flush()
        return
    styles = {"+": "green", "-": "red", "@": "cyan", "#": "dim"}
    with out.pager(styles=True):
        for line in diff.splitlines():
            style = None if line.startswith(("+++", "---")) else styles.get(line[:1])
            bold = "bold" if line[:3] in ("+++", "---") else ""
            out.print(Text(line, style=style or bold), soft_wrap=True)


def _report(result: UpdateResult) -> None:
    """Print the outcome of an update, file by file, and exit 1 if conflicts were left."""
    from fastgen.api import Action  # noqa: PLC0415 - loaded by the command already

    console = stderr()
    if result.recovered:
        console.print(Text(f"note: {result.recovered}", style="yellow"), soft_wrap=True)
    if result.dry_run:
        _show_diff(result.diff)
    report_lock(result.lock)
    verb = "would be" if result.dry_run else "were"
    if not result.writes:
        kept = len(result.by_action(Action.KEEP))
        mine = f" ({kept} files keep your edits)" if kept else ""
        console.print(Text(f"✓ {result.project} is up to date with its spec{mine}", "green"))
        _outdated(result)
        return
    for action, label, style in _GROUPS:
        paths = [c for c in result.changes if c.action.value == action]
        if not paths:
            continue
        console.print(Text.assemble((f"{label} ({len(paths)})", style)))
        for change in paths:
            extra = f"  ({change.conflicts} conflicting regions)" if change.conflicts else ""
            console.print(Text(f"  {change.path}{extra}"), soft_wrap=True)
    if result.revision:
        console.print(Text(f"migration: {result.revision}", style="bold"), soft_wrap=True)
    _outdated(result)
    if result.conflicts:
        console.print(
            Text(
                f"✗ {len(result.conflicts)} files {verb} left with conflicts: edit them, keep the "
                "lines you want between `<<<<<<< yours` and `>>>>>>> fastgen`, remove the "
                f"markers, then run `fastgen update` again",
                style="red",
            ),
            soft_wrap=True,
        )
        raise typer.Exit(EXIT_DIFFERENCES)
    done = "dry run: nothing was written" if result.dry_run else "done"
    console.print(Text(f"✓ {done} in {result.seconds * 1000:.0f} ms", style="green"))


def _outdated(result: UpdateResult) -> None:
    """Name the edited files whose first render came from another version of fastgen."""
    stale = [c.path for c in result.changes if c.outdated]
    if not stale:
        return
    console = stderr()
    console.print(
        Text(
            f"note: {len(stale)} files you edited were written by another version of fastgen; "
            "its changes to them since then could not be merged without that old render — "
            "compare each with a fresh `fastgen new` of the spec:",
            style="yellow",
        ),
        soft_wrap=True,
    )
    for path in stale:
        console.print(Text(f"  {path}"), soft_wrap=True)


def update(
    project: Annotated[
        Path,
        typer.Argument(
            metavar="DIR",
            help="The generated project (default: the current directory).",
            file_okay=False,
        ),
    ] = Path(),
    dry_run: DryRunOpt = False,
    allow_destructive: DestructiveOpt = False,
    lock: LockOpt = True,
) -> None:
    """Re-apply the project's spec after you edited `fastgen.yaml` (or upgraded fastgen).

    Renders the spec the project was last generated from and the spec now, and lands the
    difference file by file: files you did not touch are replaced, files you edited keep your
    edits (three-way merge), files you deleted stay deleted. A schema change adds an Alembic
    revision; dropping tables or columns needs `--allow-destructive`. When `pyproject.toml`
    changed and the project has a `uv.lock`, the lock is updated (`uv lock`); otherwise your
    lock stays as it is.

    Example: `fastgen update ../shop --dry-run`

    Exit codes:

    * 0: applied (or nothing to do);
    * 1: files were left with conflict markers (listed);
    * 2: a bad spec, a change that cannot be migrated, conflicts left from an earlier run,
      or DIR is not a generated project — nothing was written; another run holds the
      project (a second run waits 10 s for its lock, then exits 2, writing nothing); or the
      system refused a read or write (disk full, no permission) — if that happened after the
      run committed its journal, run it again: the next run completes the write.

    """
    from fastgen.api import update_project  # noqa: PLC0415 - keeps --help fast

    with user_errors():
        result = update_project(
            project, dry_run=dry_run, allow_destructive=allow_destructive, lock=lock
        )
    _report(result)


def add_domain(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The new domain (snake_case).")],
    *,
    entity: Annotated[
        list[str] | None,
        typer.Option(
            "--entity", "-e", metavar="Name", help="An entity of the domain (PascalCase)."
        ),
    ] = None,
    field: Annotated[
        list[str] | None,
        typer.Option(
            "--field",
            "-f",
            metavar="[Entity.]name:type",
            help="A field, quoted for the shell: `-f 'amount:decimal(12,2)'`, "
            "`-f 'title:str(200)'`, `-f 'note:text?'` (optional), `-f 'code:str!'` (unique), "
            "`-f 'status:enum(Status)'`; with several entities, prefix the entity: "
            "`-f 'Lead.note:text?'`.",
        ),
    ] = None,
    from_file: Annotated[
        Path | None,
        typer.Option(
            "--from",
            metavar="FILE",
            help="A YAML file with the domain (its `entities:`, relations and all), instead of "
            "--entity/--field.",
            dir_okay=False,
        ),
    ] = None,
    description: Annotated[
        str | None, typer.Option("--description", metavar="TEXT", help="What the domain is for.")
    ] = None,
    project: ProjectDirOpt = Path(),
    dry_run: DryRunOpt = False,
    allow_destructive: DestructiveOpt = False,
    lock: LockOpt = True,
) -> None:
    """Add a domain (a bounded context) to the project's spec and generate it.

    Edits `fastgen.yaml` in place (your comments and formatting stay), then applies it like
    `fastgen update`: the new domain's models, schemas, services, routes, tests and an Alembic
    revision are written, the registries are regenerated, and your edits elsewhere are kept;
    `uv.lock` is updated when `pyproject.toml` changed.

    Example: `fastgen add-domain crm -e Lead -f 'email:email!' -f 'note:text?'`

    Exit codes:

    * 0: the domain was added;
    * 1: files were left with conflict markers (listed);
    * 2: a bad argument or spec, an existing domain name, conflicts left from an earlier run,
      or DIR is not a generated project — nothing was written; another run holds the
      project (a second run waits 10 s for its lock, then exits 2, writing nothing); or the
      system refused a read or write (disk full, no permission) — if that happened after the
      run committed its journal, run it again: the next run completes the write.

    """
    from fastgen.api import add_domain as run  # noqa: PLC0415 - keeps --help fast
    from fastgen.api import domain_from_args, read_domain_file  # noqa: PLC0415

    with user_errors():
        if from_file is not None:
            if entity or field or description:
                raise ArgumentError(
                    "--from and --entity/--field/--description all describe the domain — put "
                    "everything in the file, or pass no --from"
                )
            body = read_domain_file(from_file, name)
        else:
            body = domain_from_args(entity or [], field or [], description)
        result = run(
            project, name, body, dry_run=dry_run, allow_destructive=allow_destructive, lock=lock
        )
    _report(result)
