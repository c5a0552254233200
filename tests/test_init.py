"""``fastgen init``: starter specs from options, prompts (through a real terminal) or examples.

Every spec ``init`` writes must load with fastgen's own validator and render; the one written
from the prompts is also generated and verified end to end (marked ``e2e``: CI runs it).
"""

from __future__ import annotations

import errno
import os
import re
import sys
from pathlib import Path

import pexpect
import pytest
from fastgen.api import render_project
from fastgen.cli import commands as cli
from fastgen.spec import read_spec
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")

runner = CliRunner()


def init(*args: str, input: str | None = None) -> tuple[int, str]:
    """Run ``fastgen init ARGS`` in-process; return the exit code and the output (one line)."""
    result = runner.invoke(cli.app, ["init", *args], input=input)
    return result.exit_code, " ".join(ANSI.sub("", result.output).split())


def renders(spec: Path) -> dict[str, str]:
    """Load ``spec`` with fastgen's validator and render the project in memory."""
    tree = render_project(*read_spec(spec))
    assert "app/main.py" in tree
    return tree


# --- examples --------------------------------------------------------------------------------


@pytest.mark.parametrize("example", ["minimal", "shop"])
def test_example_is_copied_and_renders(example: str, tmp_path: Path) -> None:
    code, output = init(str(tmp_path / "new"), "--no-input", "--example", example)
    assert code == 0, output
    written = tmp_path / "new" / "fastgen.yaml"
    source = ROOT / "examples" / example / "fastgen.yaml"
    assert written.read_bytes() == source.read_bytes()
    assert f"wrote {written}" in output
    renders(written)


def test_example_gets_the_name_asked_for(tmp_path: Path) -> None:
    code, output = init(str(tmp_path), "--example", "shop", "--name", "big-shop")
    assert code == 0, output
    text = (tmp_path / "fastgen.yaml").read_text(encoding="utf-8")
    original = (ROOT / "examples/shop/fastgen.yaml").read_text(encoding="utf-8")
    assert text == original.replace("  name: shop\n", "  name: big-shop\n", 1)
    assert "-o big-shop --verify" in output


def test_example_name_the_spec_refuses_is_exit_2(tmp_path: Path) -> None:
    # shop stores files in S3, whose bucket names cannot hold `_`.
    code, output = init(str(tmp_path), "--example", "shop", "--name", "big_shop")
    assert code == 2
    assert "--name 'big_shop':" in output
    assert "S3 bucket names cannot contain `_`" in output
    assert not (tmp_path / "fastgen.yaml").exists()


def test_unknown_example_is_exit_2(tmp_path: Path) -> None:
    code, output = init(str(tmp_path), "--example", "blog")
    assert code == 2
    assert "--example 'blog': there is no such example — use one of minimal, shop" in output


def test_example_with_starter_options_is_exit_2(tmp_path: Path) -> None:
    code, output = init(str(tmp_path), "--example", "shop", "--domain", "crm")
    assert code == 2
    assert "--example copies a whole spec" in output


# --- --no-input --------------------------------------------------------------------------


FLAGS = [
    "--no-input",
    "--name",
    "crm",
    "--title",
    "Клиенты: учёт",
    "--description",
    "# not a comment",
    "--with",
    "auth",
    "--with",
    "mail",
    "--without",
    "github-ci",
    "--domain",
    "sales",
    "-e",
    "Lead",
    "-f",
    "email:email!",
    "-f",
    "budget:decimal(12,2)?",
    "-f",
    "title:str(200)",
]


def test_no_input_builds_the_spec_from_the_options(tmp_path: Path) -> None:
    code, output = init(str(tmp_path / "a"), *FLAGS)
    assert code == 0, output
    spec_file = tmp_path / "a" / "fastgen.yaml"
    spec, text = read_spec(spec_file)
    assert spec.project.name == "crm"
    assert spec.project.title == "Клиенты: учёт"
    assert spec.project.description == "# not a comment"
    assert spec.features.auth
    assert spec.features.auth.email_verification
    assert spec.features.mail == "smtp"
    assert spec.features.cache is False
    assert spec.features.docker is True
    assert spec.features.ci == []
    lead = spec.domains["sales"].entities["Lead"]
    assert list(lead.fields) == ["email", "budget", "title"]
    assert lead.fields["email"].unique
    assert lead.fields["budget"].precision == 12
    assert not lead.fields["budget"].required
    assert lead.owned_by == "user"
    # Commented: a header that says what the file is and what to run, notes on the sections.
    assert text.startswith("# fastgen.yaml: the spec of a FastAPI service")
    assert "#   fastgen new fastgen.yaml -o crm --verify\n" in text
    assert re.search(r"^features: +# ", text, re.M)
    assert re.search(r"^domains: +# ", text, re.M)
    assert "fastgen new" in output
    renders(spec_file)
    # Deterministic: the same answers give the same bytes.
    assert init(str(tmp_path / "b"), *FLAGS)[0] == 0
    assert (tmp_path / "b" / "fastgen.yaml").read_bytes() == spec_file.read_bytes()


def test_no_input_defaults_render(tmp_path: Path) -> None:
    code, output = init(str(tmp_path), "--no-input")
    assert code == 0, output
    spec, _ = read_spec(tmp_path / "fastgen.yaml")
    assert spec.project.name == "my-service"
    assert spec.project.title == "My service"
    assert spec.features.docker
    assert spec.features.ci == ["github"]
    assert list(spec.domains["catalog"].entities["Item"].fields) == ["name", "note"]
    renders(tmp_path / "fastgen.yaml")


def test_every_feature_at_once_renders(tmp_path: Path) -> None:
    features = [
        w for f in ("auth", "cache", "rate-limit", "messaging", "storage") for w in ("--with", f)
    ]
    features += [w for f in ("mail", "http-client", "metrics", "gitlab-ci") for w in ("--with", f)]
    code, output = init(str(tmp_path), "--no-input", *features, "-f", "photo:file")
    assert code == 0, output
    spec, _ = read_spec(tmp_path / "fastgen.yaml")
    assert spec.features.cache == "redis"
    assert spec.features.rate_limit
    assert spec.features.storage == "s3"
    assert spec.features.ci == ["github", "gitlab"]
    renders(tmp_path / "fastgen.yaml")


def test_stdin_that_is_no_terminal_means_no_input(tmp_path: Path) -> None:
    code, output = init(str(tmp_path), "--name", "quiet")
    assert code == 0, output
    assert read_spec(tmp_path / "fastgen.yaml")[0].project.name == "quiet"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--name", "Bad Name"], "--name 'Bad Name': the text `Bad Name` is not a valid `name`"),
        (["--title", ""], "--title '':"),
        (["--domain", "Sales"], "--domain 'Sales': domain name `Sales` is not snake_case"),
        (["-e", "lead"], "--entity 'lead': entity name `lead` is not PascalCase"),
        (["-f", "price:money"], "--field 'price:money': unknown field type 'money'"),
        (["-f", "id:int"], "--field 'id:int': `id` is the primary key column"),
        (["-f", "a:int", "-f", "a:str"], "--field 'a:str': field 'a' is given twice"),
        (["-f", "s:enum(Status)"], "a starter spec has no `enums:`"),
        (["-f", "photo:file"], "--field 'photo:file': file fields keep their files in S3"),
        (["--with", "redis"], "--with 'redis': unknown feature — use one of auth, cache"),
        (["--with", "rate-limit"], "--with 'rate-limit': rate-limit needs cache"),
        (["--with", "docker", "--without", "docker"], "--with and --without both name docker"),
        (["--without", "nonsense"], "--without nonsense: unknown feature — use one of auth"),
    ],
)
def test_a_refused_option_is_exit_2_and_writes_nothing(
    args: list[str], message: str, tmp_path: Path
) -> None:
    code, output = init(str(tmp_path / "new"), "--no-input", *args)
    assert code == 2, output
    assert message in output
    assert "Traceback" not in output
    assert not (tmp_path / "new").exists()


def test_every_refused_option_is_named_at_once(tmp_path: Path) -> None:
    code, output = init(str(tmp_path), "--no-input", "--name", "X", "-f", "x:money")
    assert code == 2
    assert "--name 'X':" in output
    assert "--field 'x:money':" in output


# --- the target ------------------------------------------------------------------------------


def test_an_existing_spec_is_not_overwritten(tmp_path: Path) -> None:
    spec = tmp_path / "fastgen.yaml"
    spec.write_text("# mine\n", encoding="utf-8")
    code, output = init(str(tmp_path), "--no-input")
    assert code == 2
    assert f"{spec}: a spec already exists" in output
    assert "--force" in output
    assert spec.read_text(encoding="utf-8") == "# mine\n"
    # It is refused before a single question is asked.
    code, output = init(str(tmp_path), "--input", input="")
    assert code == 2
    assert "Project name" not in output
    code, output = init(str(tmp_path), "--no-input", "--force", "--name", "again")
    assert code == 0, output
    assert read_spec(spec)[0].project.name == "again"


def test_a_file_as_dir_is_exit_2(tmp_path: Path) -> None:
    file = tmp_path / "file"
    file.write_text("x", encoding="utf-8")
    code, output = init(str(file), "--no-input")
    assert code == 2
    assert "is a file" in output


def test_a_refused_write_is_exit_2_with_the_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(source: str, target: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", target)

    monkeypatch.setattr(os, "replace", full)
    code, output = init(str(tmp_path), "--no-input")
    assert code == 2
    assert f"{tmp_path / 'fastgen.yaml'}: cannot write — No space left on device" in output
    assert "nothing was written" in output
    assert list(tmp_path.iterdir()) == []  # the temporary file is gone too


# --- questions -------------------------------------------------------------------------------

QUESTIONS: list[tuple[str, str]] = [
    ("Project name", "crm-demo"),
    ("Title", "Клиенты"),
    ("Description", "Учёт клиентов"),
    ("auth:", "y"),
    ("cache:", "n"),
    ("messaging:", "n"),
    ("storage:", "n"),
    ("mail:", "y"),
    ("http-client:", "n"),
    ("metrics:", "n"),
    ("docker:", "y"),
    ("github-ci:", "y"),
    ("gitlab-ci:", "n"),
    ("First domain", "crm"),
    ("Its entity", "Lead"),
    ("Field:", "email:email!"),
    ("Field:", "price:money"),  # refused: asked again
    ("Field:", "id:int"),  # refused: fastgen adds `id`
    ("Field:", "note:text?"),
    ("Field:", ""),
]
"""The questions in the order they come, and the answers typed."""


def check_interactive_spec(spec_file: Path) -> None:
    spec, text = read_spec(spec_file)
    assert spec.project.name == "crm-demo"
    assert spec.project.title == "Клиенты"
    assert spec.project.description == "Учёт клиентов"
    assert spec.features.auth
    assert spec.features.mail == "smtp"
    assert spec.features.ci == ["github"]
    assert list(spec.domains["crm"].entities["Lead"].fields) == ["email", "note"]
    assert text.startswith("# fastgen.yaml:")


def test_questions_on_a_terminal(tmp_path: Path) -> None:
    """Through a pseudo-terminal: prompts, a refused field asked again, the file written."""
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "200"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "fastgen", "init", str(tmp_path)],
        env=env,
        encoding="utf-8",
        dimensions=(50, 200),
        timeout=60,
    )
    seen = ""
    try:
        for question, answer in QUESTIONS:
            child.expect_exact(question)
            seen += child.before + question
            child.sendline(answer)
        child.expect_exact("✓ wrote")
        seen += child.before
        child.expect(pexpect.EOF)
    finally:
        child.close()
    seen = ANSI.sub("", seen)
    # Each refused field was answered with the reason, then asked again.
    refusals = seen.split("price:money", 1)[1]
    assert "unknown field type 'money'" in refusals.split("id:int", 1)[0]
    assert "primary key column" in refusals.split("id:int", 1)[1]
    assert child.exitstatus == 0, child.before
    check_interactive_spec(tmp_path / "fastgen.yaml")


def interactive_input() -> str:
    return "".join(f"{answer}\n" for _, answer in QUESTIONS)


def test_questions_from_a_pipe_with_input(tmp_path: Path) -> None:
    """``--input`` asks even when stdin is not a terminal (answers piped in)."""
    code, output = init(str(tmp_path), "--input", input=interactive_input())
    assert code == 0, output
    assert "unknown field type 'money'" in output
    check_interactive_spec(tmp_path / "fastgen.yaml")
    renders(tmp_path / "fastgen.yaml")


def test_a_refused_answer_is_asked_again(tmp_path: Path) -> None:
    answers = ["Bad Name", "good", "", "", *["n"] * 10, "Sales", "sales", "lead", "Lead"]
    answers += ["x:int", ""]
    code, output = init(str(tmp_path), "--input", input="\n".join(answers) + "\n")
    assert code == 0, output
    assert "the text `Bad Name` is not a valid `name`" in output
    assert "domain name `Sales` is not snake_case" in output
    assert "entity name `lead` is not PascalCase" in output
    spec, _ = read_spec(tmp_path / "fastgen.yaml")
    assert spec.project.title == "Good"  # the default title follows the name
    assert spec.project.description is None
    assert list(spec.domains["sales"].entities["Lead"].fields) == ["x"]


def test_no_field_is_asked_again(tmp_path: Path) -> None:
    answers = ["", "", "", *["n"] * 10, "", "", "", "code:str!", ""]
    code, output = init(str(tmp_path), "--input", input="\n".join(answers) + "\n")
    assert code == 0, output
    assert "an entity needs at least one field" in output


def test_input_that_ends_early_is_exit_2(tmp_path: Path) -> None:
    code, output = init(str(tmp_path), "--input", input="crm\n")
    assert code == 2
    assert "the input ended before every question was answered" in output
    assert not (tmp_path / "fastgen.yaml").exists()


@pytest.mark.e2e
def test_spec_from_the_questions_generates_a_working_project(tmp_path: Path) -> None:
    """The spec the questions give passes ``fastgen new --verify`` (every step, CI only)."""
    code, output = init(str(tmp_path), "--input", input=interactive_input())
    assert code == 0, output
    target = tmp_path / "crm-demo"
    result = runner.invoke(
        cli.app, ["new", str(tmp_path / "fastgen.yaml"), "-o", str(target), "--verify"]
    )
    assert result.exit_code == 0, result.output
