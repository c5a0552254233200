"""Optional parts of the generated project: switched off, nothing of them remains."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastgen.api import generate, render_project
from fastgen.spec import load_spec_text
from fastgen.spec.feature_checks import spec_notes

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "examples" / "minimal" / "fastgen.yaml"
SHOP = ROOT / "examples" / "shop" / "fastgen.yaml"

TRACES = {
    "cache": re.compile(r"redis|Redis|CACHE__|CacheDep|EntityCache|\.cache\b"),
    # Retry-After is not a trace: every project sends it with 503 (a dependency is down).
    "rate_limit": re.compile(r"rate.?limit|\blimits\b|\b429\b", re.IGNORECASE),
    "messaging": re.compile(
        r"rabbit|faststream|MESSAGING__|BrokerDep|amqp|asyncapi|processed_messages|"
        r"IntegrationEvent|after_commit|outbox|app\.worker",
        re.IGNORECASE,
    ),
    "metrics": re.compile(r"prometheus|/metrics|MetricsMiddleware", re.IGNORECASE),
    "docker": re.compile(r"docker", re.IGNORECASE),
    "storage": re.compile(r"\bS3\b|boto|minio|moto|STORAGE__|StorageDep|bucket", re.IGNORECASE),
    "mail": re.compile(r"smtp|mailpit|MAIL__|\bMail\b|EmailMessage", re.IGNORECASE),
    "http_client": re.compile(r"httpx_retries|httpx-retries|HTTP_CLIENT__|HttpClient|http_client"),
    "auth": re.compile(
        r"jwt|bcrypt|AUTH__|csrf|owner_id|password_hash|PasswordHasher|\bRole\b|Permission\(|"
        r"Authenticator|"
        r"WWW-Authenticate|/auth/|\busers\b|CurrentUser",
        re.IGNORECASE,
    ),
}


@pytest.fixture(scope="module")
def minimal_tree() -> dict[str, str]:
    return generate(MINIMAL)


@pytest.fixture(scope="module")
def shop_tree() -> dict[str, str]:
    return generate(SHOP)


def _project_files(tree: dict[str, str]) -> dict[str, str]:
    """Everything but the spec copies (which name switched-off features) and the hashes."""
    skip = {"fastgen.yaml", ".fastgen/spec.yaml", ".fastgen/manifest.json"}
    return {p: t for p, t in tree.items() if p not in skip}


@pytest.mark.parametrize("feature", sorted(TRACES))
def test_switched_off_feature_leaves_no_trace(minimal_tree: dict[str, str], feature: str) -> None:
    pattern = TRACES[feature]
    hits = sorted(
        f"{path}: {match.group(0)}"
        for path, text in _project_files(minimal_tree).items()
        for match in [pattern.search(path) or pattern.search(text)]
        if match
    )
    assert hits == []


@pytest.mark.parametrize("feature", sorted(TRACES))
def test_switched_on_feature_is_there(shop_tree: dict[str, str], feature: str) -> None:
    pattern = TRACES[feature]
    assert any(pattern.search(text) for text in _project_files(shop_tree).values())


def test_dependencies_follow_the_features(
    minimal_tree: dict[str, str], shop_tree: dict[str, str]
) -> None:
    optional = (
        "redis",
        "limits",
        "prometheus-client",
        "faststream[rabbit]",
        "aiobotocore",
        "aiosmtplib",
        "moto[server]",
        "types-aiobotocore[s3]",
        "aiosmtpd",
        "httpx-retries",
        "pytest-httpserver",
        "pyjwt",
        "bcrypt",
        "email-validator",
    )
    for name in optional:
        assert f'"{name}>=' in shop_tree["pyproject.toml"], name
        assert f'"{name}>=' not in minimal_tree["pyproject.toml"], name


def test_files_follow_the_features(minimal_tree: dict[str, str], shop_tree: dict[str, str]) -> None:
    optional = {
        "app/core/connections/cache.py",
        "app/core/connections/messaging.py",
        "app/core/dependencies/messaging.py",
        "app/core/dependencies/cache.py",
        "app/core/lifespan/clients.py",
        "app/core/connections/storage.py",
        "app/core/dependencies/storage.py",
        "app/core/connections/mail.py",
        "app/core/middlewares/rate_limit.py",
        "app/core/exceptions/rate_limit.py",
        "app/core/middlewares/metrics.py",
        "app/routes/metrics.py",
        "Dockerfile",
        "docker-compose.yml",
        ".dockerignore",
        ".github/workflows/ci.yml",
        ".gitlab-ci.yml",
        "app/core/security/auth.py",
        "app/core/security/password.py",
        "app/core/security/token.py",
        "app/core/security/cookies.py",
        "app/core/middlewares/auth_cookie.py",
        "app/core/middlewares/verification.py",
        "app/core/middlewares/activity.py",
        "app/core/exceptions/auth.py",
        "app/core/exceptions/users.py",
        "app/core/exceptions/profile.py",
        "app/core/security/state.py",
        "app/models/v1/auth_sessions.py",
        "app/core/integrations/mail/auth.py",
        "app/models/v1/users.py",
        "app/routes/v1/auth.py",
        "app/routes/v1/registration.py",
        "app/routes/v1/verification.py",
        "app/routes/v1/users.py",
        "app/routes/v1/profile.py",
        "app/commands.py",
        "tests/auth/test_tokens.py",
        "tests/auth/test_refresh.py",
        "tests/auth/test_redis_restart.py",
        "tests/payments/test_permissions.py",
    }
    assert optional <= set(shop_tree)
    assert optional.isdisjoint(minimal_tree)


def test_the_rest_of_the_platform_is_always_there(minimal_tree: dict[str, str]) -> None:
    for path in (
        "app/core/settings/settings.py",
        "app/core/settings/logging.py",
        "app/core/settings/paths.py",
        "app/core/logging/setup.py",
        "app/core/logging/formatters.py",
        "app/core/middlewares/logging.py",
        "app/core/middlewares/security.py",
        "app/core/connections/base.py",
        "app/core/lifespan/base.py",
        "app/core/lifespan/database.py",
        "app/routes/health.py",
        ".env.example",
        "Makefile",
        "README.md",
        ".pre-commit-config.yaml",
        "tests/test_platform.py",
    ):
        assert path in minimal_tree, path


def test_env_example_follows_the_features(
    minimal_tree: dict[str, str], shop_tree: dict[str, str]
) -> None:
    assert "CACHE__URL=" in shop_tree[".env.example"]
    assert "RATE_LIMIT__DEFAULT=100/minute" in shop_tree[".env.example"]
    assert "CACHE__" not in minimal_tree[".env.example"]
    for group in ("STORAGE__BUCKET=shop", "MAIL__HOST=", "MESSAGING__URL="):
        assert group in shop_tree[".env.example"]
        assert group.split("__")[0] not in minimal_tree[".env.example"]
    assert "DATABASE__URL=postgresql+asyncpg://" in minimal_tree[".env.example"]


def test_rate_limit_from_the_spec_reaches_the_settings() -> None:
    text = (
        MINIMAL.read_text()
        .replace("cache: false", "cache: redis")
        .replace("rate_limit: false", "rate_limit: {default: 7/second}")
    )
    tree = render_project(load_spec_text(text, "minimal.yaml"), text)
    assert '"7/second", description=' in tree["app/core/settings/settings.py"]


def test_operations_closed_by_default_deny_are_noted() -> None:
    full = ROOT / "tests" / "spec" / "data" / "full.yaml"
    notes = spec_notes(load_spec_text(full.read_text(), "full.yaml"))
    assert (
        "domains.catalog.entities.Category: create, update, delete allowed to the superuser "
        "role `admin` only (no `permissions` entry)"
    ) in notes
    assert not any("Product" in note for note in notes)
    assert spec_notes(load_spec_text(SHOP.read_text(), "shop.yaml")) == []
    assert spec_notes(load_spec_text(MINIMAL.read_text(), "minimal.yaml")) == []
