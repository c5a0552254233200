"""The ``fastgen`` command line: a thin Typer adapter over :mod:`fastgen.api`.

Each command parses its options, calls one library function and prints a short Rich summary
to stderr (only ``fastgen schema`` and dry runs write to stdout). Every
:class:`~fastgen.errors.FastgenError` is caught once, by
:func:`~fastgen.cli.support.user_errors`, printed without a traceback and turned into its exit
code. Exit codes: 0 success; 1 "check found differences", "a verify step failed" or "update /
add-domain left conflicts"; 2 a user error (bad spec, non-empty target, missing tool, usage
error, the project lock still held by another run after waiting 10 s) or a read or write the
system refused (disk full, no permission) — before ``update`` / ``add-domain`` commit their
journal that means nothing was written, after it the next run completes the write; 3 an
internal error (a bug in fastgen, reported without a traceback); 130 interrupted.

Shell completion comes from Typer (``--install-completion``, ``--show-completion``); colours
follow Rich, which honours ``NO_COLOR``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.panel import Panel
from rich.status import Status
from rich.table import Table
from rich.text import Text

from fastgen.cli import grow as cli_grow
from fastgen.cli import init as cli_init
from fastgen.cli.support import (
    EXIT_DIFFERENCES,
    EXIT_INTERRUPTED,
    TAIL_LINES,
    LockOpt,
    fastgen_version,
    report_lock,
    stderr,
    user_errors,
)
from fastgen.errors import FastgenError

if TYPE_CHECKING:
    from fastgen.api import CheckResult, StepResult, VerifyResult

app = typer.Typer(
    name="fastgen",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode="markdown",
    pretty_exceptions_show_locals=False,
)


def _show_version(value: bool) -> None:
    """Print the version and stop, for ``--version``."""
    if value:
        typer.echo(f"fastgen {fastgen_version()}")
        raise typer.Exit


@app.callback()
def _root(
    show_version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Turn a YAML domain spec into a layered FastAPI project and prove the output works.

    Example: `fastgen new fastgen.yaml -o my-service --verify`

    Run `fastgen COMMAND --help` for the details of a command; `--install-completion`
    installs completion for your shell. Set `NO_COLOR=1` for output without colours.

    Exit codes:

    * 0: success;
    * 1: `check` found differences, a `verify` step failed, or `update` / `add-domain` left
      conflicts;
    * 2: a bad spec, a non-empty target, a missing tool, a usage error, another run holding
      the project (a second `update` / `add-domain` waits 10 s for its lock, then exits 2),
      or a read or write the system refused (disk full, no permission); after a refused
      write, run the command again: it completes or rolls back what was interrupted;
    * 3: a bug in fastgen (rerun with `FASTGEN_DEBUG=1` for the traceback);
    * 130: interrupted.
    """


app.command()(cli_init.init)

SpecArg = Annotated[
    Path,
    typer.Argument(
        metavar="SPEC",
        help="The spec file (YAML), e.g. fastgen.yaml.",
        exists=True,
        dir_okay=False,
        readable=True,
        show_default=False,
    ),
]
DatabaseUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        metavar="URL",
        help="PostgreSQL server for the migration check and the project's tests "
        "(default: `$DATABASE__URL`, else the local server, postgres@127.0.0.1:5432).",
        show_default=False,
    ),
]

ServeOpt = Annotated[
    bool,
    typer.Option(
        "--serve/--no-serve",
        help="After the tests, serve the app over HTTP and run schemathesis against its "
        "OpenAPI document (the project's `pytest -m contract`).",
    ),
]


@app.command()
def new(
    spec: SpecArg,
    *,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="DIR",
            help="Directory to write the project to; must be absent or empty unless --force.",
            file_okay=False,
            show_default=False,
        ),
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Replace the contents of a non-empty DIR.")
    ] = False,
    verify: Annotated[
        bool,
        typer.Option("--verify", help="Then run the project's own checks (like fastgen verify)."),
    ] = False,
    database_url: DatabaseUrlOpt = None,
    serve: ServeOpt = True,
    lock: LockOpt = True,
) -> None:
    """Generate a new FastAPI project from a spec.

    Validates SPEC (every problem is listed with file:line:column), renders the project,
    formats it with ruff, writes it to DIR and locks its dependencies in `uv.lock` (`uv lock`;
    offline, the project is written unlocked and a note says how to lock it). With
    `--verify`, then installs the project in its own environment and runs its ruff, mypy,
    Alembic, pytest and serve checks.

    Example: `fastgen new examples/shop/fastgen.yaml -o ../shop --verify`

    Exit codes:

    * 0: the project was written (and, with `--verify`, passed every check);
    * 1: a `--verify` step failed;
    * 2: the spec is invalid, DIR is not empty and `--force` was not given, a tool is
      missing, or the system refused a write (disk full, no permission; DIR is unchanged).

    """
    from fastgen import api  # noqa: PLC0415 - keeps --help and --version fast

    with user_errors():
        summary = api.new_project(spec, output, force=force, lock=lock)
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold")
        table.add_column()
        table.add_row("target", str(summary.target))
        table.add_row("files", str(summary.files))
        table.add_row("domains", str(summary.domains))
        table.add_row("entities", str(summary.entities))
        table.add_row("time", f"{summary.seconds * 1000:.0f} ms")
        stderr().print(Panel.fit(table, title="fastgen new", border_style="green"))
        for note in summary.notes:
            stderr().print(Text(f"note: {note}", style="yellow"), soft_wrap=True)
        report_lock(summary.lock)
        if verify:
            result = _run_verify(output, database_url, serve=serve)
            if not result.ok:
                raise typer.Exit(EXIT_DIFFERENCES)


app.command("add-domain")(cli_grow.add_domain)
app.command()(cli_grow.update)


@app.command()
def check(
    spec: SpecArg,
    project: Annotated[
        Path,
        typer.Argument(
            metavar="DIR",
            help="The generated project to compare.",
            exists=True,
            file_okay=False,
            show_default=False,
        ),
    ],
    list_extra: Annotated[
        bool,
        typer.Option(
            "--list-extra",
            help="Also list the project's own files (neither rendered nor recorded in "
            "`.fastgen/manifest.json`); they are never drift.",
        ),
    ] = False,
) -> None:
    """Check that the generated files of a project are exactly what SPEC renders to.

    Regenerates the project in memory (with DIR's migration history) and compares every
    generated file with DIR byte for byte. Files the team added (a hand-written Alembic
    revision, a module of its own) are the team's, not drift: they are counted, and listed
    with `--list-extra`. Files `.fastgen/manifest.json` records as written by fastgen that
    the spec no longer renders are reported as stale. Caches, virtual environments and
    `uv.lock` are not read. Use it in CI to make sure the generated files were neither edited
    by hand nor left behind the spec. `uv.lock` is the project's own file: never compared,
    never missing.

    Example: `fastgen check examples/shop/fastgen.yaml examples/shop --list-extra`

    Exit codes:

    * 0: every generated file is up to date;
    * 1: differences found (listed as differing, missing and stale files);
    * 2: the spec is invalid or a tool is missing.

    """
    from fastgen import api  # noqa: PLC0415 - keeps --help and --version fast

    with user_errors():
        result = api.check_project(spec, project)
    _report_check(result, spec, project, list_extra=list_extra)


def _report_check(result: CheckResult, spec: Path, project: Path, *, list_extra: bool) -> None:
    """Print the outcome of ``check`` and exit 1 if a generated file differs."""
    console = stderr()
    groups = [
        ("differing", "generated files whose contents differ", result.differing),
        ("missing", "files the spec renders but the project lacks", result.missing),
        ("stale", "files fastgen wrote that the spec no longer renders", result.stale),
    ]
    if list_extra:
        groups.append(("yours", "files fastgen does not generate, not compared", result.extra))
    for title, meaning, files in groups:
        if not files:
            continue
        console.print(Text.assemble((f"{title} ({len(files)})", "bold"), f" — {meaning}:"))
        for name in files:
            console.print(Text(f"  {name}"), soft_wrap=True)
    if result.extra and not list_extra:
        noun = "file" if len(result.extra) == 1 else "files"
        console.print(
            Text(f"{len(result.extra)} {noun} of your own not compared (--list-extra lists them)"),
            style="dim",
            soft_wrap=True,
        )
    if result.ok:
        console.print(Text(f"✓ {project} is up to date with {spec}", style="green"), soft_wrap=True)
        return
    noun = "file" if result.problems == 1 else "files"
    message = f"✗ {project} differs from {spec}: {result.problems} generated {noun}"
    console.print(Text(message, "red"), soft_wrap=True)
    raise typer.Exit(EXIT_DIFFERENCES)


class _VerifyDisplay:
    """Shows each verify step as a spinner while it runs and a ✓/✗ line when it ends."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.status: Status | None = None

    def start(self, name: str) -> None:
        """Show a spinner for the step that starts."""
        self.status = self.console.status(f"running {name}…")
        self.status.start()

    def done(self, step: StepResult) -> None:
        """Replace the spinner with the step's outcome and, on failure, its output's tail."""
        self.stop()
        mark, style = ("✓", "green") if step.ok else ("✗", "red")
        self.console.print(
            Text.assemble((mark, style), f" {step.name:<12} ", (f"{step.seconds:5.1f} s", "dim"))
        )
        for note in step.notes:
            self.console.print(Text(f"    {note}", style="dim"), soft_wrap=True)
        if not step.ok:
            lines = step.output.rstrip().splitlines()
            if len(lines) > TAIL_LINES:
                skipped = len(lines) - TAIL_LINES
                self.console.print(Text(f"    … {skipped} earlier lines", style="dim"))
                lines = lines[-TAIL_LINES:]
            self.console.print(Text(f"    $ {step.command}", style="dim"), soft_wrap=True)
            for line in lines:
                self.console.print(Text(f"    {line}"), soft_wrap=True)

    def stop(self) -> None:
        """Remove the spinner, if one is showing."""
        if self.status is not None:
            self.status.stop()
            self.status = None


def _run_verify(project: Path, database_url: str | None, *, serve: bool) -> VerifyResult:
    """Run ``verify_project`` with live output and print the final verdict."""
    from fastgen.api import verify_project  # noqa: PLC0415 - keeps --help and --version fast

    console = stderr()
    display = _VerifyDisplay(console)
    try:
        result = verify_project(
            project,
            on_start=display.start,
            on_done=display.done,
            database_url=database_url,
            serve=serve,
        )
    finally:
        display.stop()
    total = sum(step.seconds for step in result.steps)
    if result.ok:
        console.print(Text(f"✓ all {len(result.steps)} steps passed in {total:.1f} s", "green"))
    else:
        failed = ", ".join(result.failed_steps)
        console.print(Text(f"✗ verify failed: {failed} ({total:.1f} s)", style="bold red"))
    return result


@app.command()
def verify(
    project: Annotated[
        Path,
        typer.Argument(
            metavar="DIR",
            help="The generated project (the directory holding its pyproject.toml).",
            exists=True,
            file_okay=False,
            show_default=False,
        ),
    ],
    database_url: DatabaseUrlOpt = None,
    serve: ServeOpt = True,
) -> None:
    """Prove a generated project works by running its own checks.

    In DIR's own environment (never fastgen's) runs, in order: `uv sync` (`--locked` when DIR
    has a `uv.lock`), `ruff check`, `ruff format --check`, `mypy`, the Alembic check
    (`alembic upgrade head` and `alembic check` on a throwaway PostgreSQL database, dropped
    afterwards), `pytest`, and
    `serve`: the app on a real HTTP server, its /openapi.json and /docs fetched, and
    schemathesis run against it with every check (`--no-serve` skips this last step).
    A failing `uv sync` stops there; otherwise every step runs, and the tail of each
    failing step's output is shown. A server that is not reachable is replaced by the stand-in
    the project's own tests use (embedded pgserver for PostgreSQL, fakeredis, FastStream's
    in-memory broker, moto for S3); the output names, after the Alembic step, which ran.

    Example: `fastgen verify ../shop --database-url postgresql+asyncpg://pg@db/app`

    Exit codes:

    * 0: every step passed;
    * 1: a step failed;
    * 2: DIR holds no pyproject.toml, or uv is missing (install it with `pip install uv`).

    """
    with user_errors():
        result = _run_verify(project, database_url, serve=serve)
    if not result.ok:
        raise typer.Exit(EXIT_DIFFERENCES)


@app.command()
def schema(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the schema to FILE instead of stdout.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of the spec format, for editors and validators.

    Point your editor's YAML language server at it to get completion and checking while
    you write a spec, e.g. with `# yaml-language-server: $schema=fastgen.schema.json` as the
    spec's first line.

    Example: `fastgen schema -o fastgen.schema.json`

    Exit codes:

    * 0: the schema was printed or written;
    * 2: FILE cannot be written.

    """
    from fastgen.spec import json_schema  # noqa: PLC0415 - keeps --help and --version fast

    with user_errors():
        text = json.dumps(json_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
        if output is None:
            sys.stdout.write(text)
            sys.stdout.flush()
            return
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise _WriteError(f"{output}: cannot write the schema — {exc.strerror}") from exc
        stderr().print(Text(f"✓ wrote {output}", style="green"))


class _WriteError(FastgenError):
    """A file the CLI was asked to write could not be written."""


def main() -> None:
    """Run the ``fastgen`` console script."""
    try:
        app()
    except KeyboardInterrupt:
        stderr().print(Text("interrupted", style="yellow"))
        sys.exit(EXIT_INTERRUPTED)
