"""Tests of the fastgen command line: help texts, schema output and error handling."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import typer
from fastgen.cli import commands as cli
from fastgen.cli import support as cli_support
from fastgen.errors import SpecError, SpecProblem, TargetExistsError
from typer.testing import CliRunner

ANSI = re.compile(r"\x1b\[[0-9;]*m")

runner = CliRunner()


def plain(text: str) -> str:
    """Drop colours and box drawing, collapse whitespace: help text as one line of words."""
    text = ANSI.sub("", text)
    text = re.sub(r"[│╭╮╰╯─]", " ", text)
    return " ".join(text.split())


@pytest.mark.parametrize(
    ("command", "example"),
    [
        ("new", "fastgen new examples/shop/fastgen.yaml -o ../shop --verify"),
        ("check", "fastgen check examples/shop/fastgen.yaml examples/shop"),
        ("verify", "fastgen verify ../shop --database-url"),
        ("schema", "fastgen schema -o fastgen.schema.json"),
        ("update", "fastgen update ../shop --dry-run"),
        ("add-domain", "fastgen add-domain billing -e Invoice -f number:str(32)! -f"),
    ],
)
def test_help_shows_an_example_and_exit_codes(command: str, example: str) -> None:
    result = runner.invoke(cli.app, [command, "--help"])
    assert result.exit_code == 0, result.output
    text = plain(result.output)
    assert f"Example: {example}" in text
    assert "Exit codes:" in text
    assert "2:" in text


def test_schema_prints_valid_json() -> None:
    result = runner.invoke(cli.app, ["schema"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    assert schema["title"] == "fastgen spec v1"
    assert "domains" in schema["properties"]


def test_fastgen_error_exits_2_without_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = tmp_path / "fastgen.yaml"
    spec.write_text("fastgen: 1\n", encoding="utf-8")
    problem = SpecProblem(str(spec), 1, 1, "project", "required — add a project section")

    def broken(*_args: object, **_kwargs: object) -> None:
        raise SpecError([problem])

    monkeypatch.setattr("fastgen.api.new_project", broken)
    result = runner.invoke(cli.app, ["new", str(spec), "-o", str(tmp_path / "out")])

    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    stderr = plain(result.stderr)
    assert f"{spec}:1:1: project: required — add a project section" in stderr
    assert "1 problem in the spec; nothing was written." in stderr
    assert result.stdout == ""


def test_user_errors_uses_the_error_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(typer.Exit) as caught, cli_support.user_errors():
        raise TargetExistsError(Path("/tmp/out"))
    assert caught.value.exit_code == 2
    assert "pass --force" in plain(capsys.readouterr().err)


def test_user_errors_turns_ctrl_c_into_130(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(typer.Exit) as caught, cli_support.user_errors():
        raise KeyboardInterrupt
    assert caught.value.exit_code == 130
    assert "interrupted" in capsys.readouterr().err


def test_user_errors_keeps_the_exit_code_a_command_chose(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``new --verify`` exits 1 when a step fails: not an internal error (exit 3)."""
    with pytest.raises(typer.Exit) as caught, cli_support.user_errors():
        raise typer.Exit(1)
    assert caught.value.exit_code == 1
    assert "internal error" not in capsys.readouterr().err


def test_user_errors_reports_a_bug_without_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FASTGEN_DEBUG", raising=False)
    with pytest.raises(typer.Exit) as caught, cli_support.user_errors():
        raise FileExistsError("boom")
    assert caught.value.exit_code == 3
    err = plain(capsys.readouterr().err)
    assert "internal error: FileExistsError: boom" in err
    assert "FASTGEN_DEBUG=1" in err
    assert "Traceback" not in err


def test_user_errors_shows_the_traceback_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FASTGEN_DEBUG", "1")
    with pytest.raises(FileExistsError), cli_support.user_errors():
        raise FileExistsError("boom")
