"""The ``init`` command: write a starter ``fastgen.yaml`` from options, prompts or an example.

On a terminal it asks (project name, title, description, each optional part, a first domain,
an entity and its fields); each answer is checked as it is given, by the spec's own loader,
and asked again with the reason when it is refused. ``--no-input`` takes everything from the
options instead (the default when stdin is not a terminal); ``--example`` copies a bundled
example spec.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.prompt import Confirm, Prompt
from rich.text import Text

from fastgen.cli.support import stderr, user_errors
from fastgen.errors import ArgumentError

if TYPE_CHECKING:
    from rich.console import Console

    from fastgen.api import Answers

_FEATURE_HELP = (
    "auth, cache, rate-limit (needs cache), messaging, storage, mail, http-client, metrics, "
    "docker, github-ci, gitlab-ci"
)


def init(
    directory: Annotated[
        Path,
        typer.Argument(
            metavar="DIR",
            help="Where to write fastgen.yaml (created if missing; default: here).",
            file_okay=False,
        ),
    ] = Path(),
    *,
    example: Annotated[
        str | None,
        typer.Option(
            "--example",
            metavar="minimal|shop",
            help="Copy a bundled example spec: `minimal` (one entity, every optional part off) "
            "or `shop` (every feature).",
            show_default=False,
        ),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option(
            "--name", metavar="NAME", help="Project name, e.g. my-shop.", show_default=False
        ),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option(
            "--title", metavar="TEXT", help="Human title (any language).", show_default=False
        ),
    ] = None,
    description: Annotated[
        str | None,
        typer.Option(
            "--description", metavar="TEXT", help="What the service is for.", show_default=False
        ),
    ] = None,
    with_: Annotated[
        list[str] | None,
        typer.Option(
            "--with",
            metavar="FEATURE",
            help=f"Switch an optional part on (repeatable): {_FEATURE_HELP}.",
            show_default=False,
        ),
    ] = None,
    without: Annotated[
        list[str] | None,
        typer.Option(
            "--without",
            metavar="FEATURE",
            help="Switch off a part that is on by default (docker, github-ci).",
            show_default=False,
        ),
    ] = None,
    domain: Annotated[
        str | None,
        typer.Option(
            "--domain", metavar="NAME", help="The first domain (snake_case).", show_default=False
        ),
    ] = None,
    entity: Annotated[
        str | None,
        typer.Option(
            "--entity", "-e", metavar="Name", help="Its entity (PascalCase).", show_default=False
        ),
    ] = None,
    field: Annotated[
        list[str] | None,
        typer.Option(
            "--field",
            "-f",
            metavar="name:type",
            help="A field of the entity, as add-domain takes it: `-f 'title:str(200)'`, "
            "`-f 'note:text?'` (optional), `-f 'code:str!'` (unique).",
            show_default=False,
        ),
    ] = None,
    interactive: Annotated[
        bool | None,
        typer.Option(
            "--input/--no-input",
            help="Ask the questions, or take every answer from the options "
            "(default: ask when stdin is a terminal).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing fastgen.yaml.")
    ] = False,
) -> None:
    """Write a starter spec, `DIR/fastgen.yaml`, to edit and then generate from.

    On a terminal, asks for the project's name, title and description, the optional parts,
    a first domain, its entity and the entity's fields (`name:type`, one per line, as
    `add-domain` takes them); a refused answer is asked again with the reason. With
    `--no-input` the options give the answers (defaults for the rest); with `--example` a
    bundled example spec is copied. The spec is commented, checked by fastgen's own
    validator, and written atomically; the command to generate the project from it
    comes last (`fastgen new DIR/fastgen.yaml -o NAME --verify`).

    Example: `fastgen init --no-input --name crm -e Lead -f 'email:email!'`

    Exit codes:

    * 0: the spec was written;
    * 2: DIR already holds a fastgen.yaml and `--force` was not given, an answer or option
      was refused (the message names it), or the system refused the write (disk full, no
      permission) — nothing was written in each case.

    """
    from fastgen import api  # noqa: PLC0415 - keeps --help and --version fast

    with user_errors():
        api.spec_target(directory, force=force)  # refuse before asking anything
        if example is not None:
            if with_ or without or field or domain or entity or title or description:
                raise ArgumentError(
                    "--example copies a whole spec — pass only --name with it, or drop "
                    "--example and describe the project with the other options"
                )
            result = api.init_spec(directory, example=example, name=name, force=force)
        else:
            project = api.Answers.name if name is None else name
            answers = api.Answers(
                name=project,
                title=api.default_title(project) if title is None else title,
                description=description,
                features=api.choose_features(with_ or [], without or []),
                domain=api.Answers.domain if domain is None else domain,
                entity=api.Answers.entity if entity is None else entity,
                fields=tuple(field) if field else api.Answers.fields,
            )
            if sys.stdin.isatty() if interactive is None else interactive:
                answers = _ask(answers, title_given=title is not None, fields_given=bool(field))
            result = api.init_spec(directory, answers, force=force)
    console = stderr()
    console.print(Text(f"✓ wrote {result.path}", style="green"), soft_wrap=True)
    command = f"fastgen new {result.path} -o {result.project} --verify"
    console.print(Text(f"next: {command}", style="bold"), soft_wrap=True)


def _ask(answers: Answers, *, title_given: bool, fields_given: bool) -> Answers:
    """Ask every question, starting from ``answers``; return the answers given."""
    console = stderr()
    try:
        return _Questions(console, answers).run(title_given=title_given, fields_given=fields_given)
    except EOFError:
        console.print()
        raise ArgumentError(
            "the input ended before every question was answered; nothing was written — answer "
            "on a terminal, or pass --no-input with the options"
        ) from None


class _Questions:
    """Asks the questions one by one, re-asking each refused answer with the reason."""

    def __init__(self, console: Console, answers: Answers) -> None:
        self.console = console
        self.answers = answers

    def run(self, *, title_given: bool, fields_given: bool) -> Answers:
        """Ask everything and return the answers."""
        from fastgen.api import FEATURE_NEEDS, FEATURES, default_title  # noqa: PLC0415

        self.console.print(
            Text("A new fastgen.yaml: answer each question, Enter takes the default.", "bold")
        )
        self.text("name", "Project name (lowercase, dashes between words)")
        if not title_given:
            self.answers = dataclasses.replace(self.answers, title=default_title(self.answers.name))
        self.text("title", "Title (any language)")
        self.text("description", "Description (optional)", optional=True)
        for feature, what in FEATURES.items():
            needs = FEATURE_NEEDS.get(feature)
            if needs is not None and needs not in self.answers.features:
                continue
            self.feature(feature, what)
        self.text("domain", "First domain (snake_case, e.g. catalog)")
        self.text("entity", "Its entity (PascalCase, e.g. Product)")
        self.fields(keep=fields_given)
        return self.answers

    def check(self, candidate: Answers) -> bool:
        """Take ``candidate`` if it adds no problem; else print the new problems."""
        from fastgen.api import answer_problems  # noqa: PLC0415

        before = set(answer_problems(self.answers))
        new = [p for p in answer_problems(candidate) if p not in before]
        for problem in new:
            self.console.print(Text(f"  ✗ {problem.message}", style="red"), soft_wrap=True)
        if new:
            return False
        self.answers = candidate
        return True

    def text(self, key: str, question: str, *, optional: bool = False) -> None:
        """Ask for one text answer until it is accepted."""
        while True:
            current = getattr(self.answers, key)
            value = Prompt.ask(
                question, console=self.console, default=current or "", show_default=bool(current)
            )
            value = value.strip()
            if not value and not optional:
                self.console.print(Text("  ✗ an answer is needed", style="red"))
                continue
            change: dict[str, Any] = {key: value or None}
            if self.check(dataclasses.replace(self.answers, **change)):
                return

    def feature(self, feature: str, what: str) -> None:
        """Ask whether to switch one feature on, until the answer is accepted.

        Answering no also switches off the features that need this one.
        """
        from fastgen.api import FEATURE_NEEDS  # noqa: PLC0415

        while True:
            on = feature in self.answers.features
            yes = Confirm.ask(f"{feature}: {what}?", console=self.console, default=on)
            current = [f for f in self.answers.features if f != feature]
            if yes:
                features = (*current, feature)
            else:
                features = tuple(f for f in current if FEATURE_NEEDS.get(f) != feature)
            if self.check(dataclasses.replace(self.answers, features=features)):
                return

    def fields(self, *, keep: bool) -> None:
        """Ask for fields one per line until an empty line; each is checked as it is given."""
        self.console.print(
            Text(
                "Fields, one per line as name:type — e.g. title:str(200), price:decimal(12,2), "
                "note:text? (optional), code:str! (unique); an empty line ends the list.",
                style="bold",
            ),
            soft_wrap=True,
        )
        if not keep:
            self.answers = dataclasses.replace(self.answers, fields=())
        for text in self.answers.fields:
            self.console.print(Text(f"  {text}", style="dim"))
        while True:
            value = Prompt.ask("Field", console=self.console, default="", show_default=False)
            value = value.strip()
            if not value:
                if self.answers.fields:
                    return
                self.console.print(Text("  ✗ an entity needs at least one field", style="red"))
                continue
            self.check(dataclasses.replace(self.answers, fields=(*self.answers.fields, value)))
