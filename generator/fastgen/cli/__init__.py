"""The command line: Typer commands over :mod:`fastgen.api`; errors become exit codes here."""

from fastgen.cli.commands import main

__all__ = ["main"]
