"""Тесты инфраструктуры: настройки, журнал, промежуточное ПО, ошибки, проверки состояния."""

import json
import os
import re
import subprocess
import sys
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from fastapi import FastAPI, Request
from httpx import ASGITransport, AsyncClient
from pydantic import BaseModel, SecretStr, ValidationError

from app.core.connections import (
    Connection,
    Database,
    StartupError,
    wait_until_ready,
)
from app.core.settings import (
    DatabaseSettings,
    HttpSettings,
    Settings,
    SettingsError,
    StartupSettings,
)
from app.core.settings.paths import PROJECT_ROOT
from app.core.settings.settings import DEFAULT_SECRET_KEY, load_settings
from app.main import create_app

PROBE_URL = "/api/v1/notes/999999999"
PROBE_ROUTE = "/api/v1/notes/{note_id}"
PROBE_STATUS = 404
LONG_SECRET = "x" * 40
SAFE_PRODUCTION: dict[str, object] = {
    "environment": "prod",
    "secret_key": SecretStr(LONG_SECRET),
    "http": HttpSettings(cors_origins=["https://shop.example"]),
}
"""Настройки prod, которые проходят все проверки; тесты меняют в них по одному значению."""
UNREACHABLE_DATABASE = "postgresql+asyncpg://postgres@127.0.0.1:1/unreachable"


def bare_settings(**values: object) -> Settings:
    """Настройки приложения, которое тест запускает без жизненного цикла (без подключений)."""
    return Settings.model_validate(values)


@pytest.fixture
async def bare_client() -> AsyncIterator[AsyncClient]:
    """Клиент приложения без запуска жизненного цикла: для маршрутов, не трогающих базу."""
    application = create_app(bare_settings())
    transport = ASGITransport(app=application)
    async with AsyncClient(transport=transport, base_url="http://test") as http:
        yield http


async def test_request_id_is_returned(client: AsyncClient) -> None:
    response = await client.get("/health/live", headers={"X-Request-ID": "req-42"})
    assert response.headers["X-Request-ID"] == "req-42"


async def test_request_id_is_generated_when_missing_or_unsafe(client: AsyncClient) -> None:
    plain = await client.get("/health/live")
    unsafe = await client.get("/health/live", headers={"X-Request-ID": "bad id\twith spaces"})
    for response in (plain, unsafe):
        generated = response.headers["X-Request-ID"]
        assert len(generated) == 32
        int(generated, 16)
    assert plain.headers["X-Request-ID"] != unsafe.headers["X-Request-ID"]


async def test_every_request_is_logged_with_its_context(
    client: AsyncClient, log_records: Callable[[], list[dict[str, Any]]]
) -> None:
    response = await client.get(PROBE_URL, headers={"X-Request-ID": "trace-1"})
    assert response.status_code == PROBE_STATUS
    lines = log_records()
    [record] = [line for line in lines if line.get("event") == "Запрос обработан"]
    assert record["request_id"] == "trace-1"
    assert record["method"] == "GET"
    assert record["route"] == PROBE_ROUTE
    assert record["status"] == PROBE_STATUS
    assert record["duration_ms"] >= 0
    assert record["level"] == "info"


async def test_lines_inside_a_request_carry_its_context(
    client: AsyncClient, app: FastAPI, log_records: Callable[[], list[dict[str, Any]]]
) -> None:
    working: Database = app.state.database
    broken = Database(DatabaseSettings(url=UNREACHABLE_DATABASE))
    app.state.database = broken
    try:
        await client.get("/health/ready", headers={"X-Request-ID": "trace-2"})
    finally:
        app.state.database = working
        await broken.close()
    lines = log_records()
    [warning] = [line for line in lines if line.get("event") == "Зависимость недоступна"]
    assert warning["request_id"] == "trace-2"
    assert warning["route"] == "/health/ready"
    assert warning["method"] == "GET"
    assert warning["dependency"] == "database"


async def test_security_headers(client: AsyncClient) -> None:
    response = await client.get("/health/live")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in response.headers


async def test_hsts_in_production() -> None:
    settings = Settings.model_validate(SAFE_PRODUCTION)
    transport = ASGITransport(app=create_app(settings))
    async with AsyncClient(transport=transport, base_url="http://test") as http:
        response = await http.get("/health/live")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


async def test_cors_allows_configured_origin(client: AsyncClient) -> None:
    response = await client.options(
        "/health/live",
        headers={"Origin": "http://localhost:3000", "Access-Control-Request-Method": "GET"},
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "http://localhost:3000"
    foreign = await client.get("/health/live", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in foreign.headers


async def test_wildcard_cors_never_allows_credentials() -> None:
    application = create_app(bare_settings(http=HttpSettings(cors_origins=["*"])))
    transport = ASGITransport(app=application)
    async with AsyncClient(transport=transport, base_url="http://test") as http:
        response = await http.get("/health/live", headers={"Origin": "https://evil.example"})
    assert response.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in response.headers


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"secret_key": SecretStr(DEFAULT_SECRET_KEY)}, "SECRET_KEY не задан"),
        ({"secret_key": SecretStr("short")}, "короче 32 символов"),
        ({"debug": True}, "DEBUG включён"),
        ({"http": HttpSettings(cors_origins=["*"])}, "HTTP__CORS_ORIGINS содержит «*»"),
    ],
)
def test_production_refuses_unsafe_settings(changes: dict[str, object], reason: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Settings.model_validate(SAFE_PRODUCTION | changes)
    assert reason in str(caught.value)


def test_staging_refuses_the_default_secret_key() -> None:
    with pytest.raises(ValidationError, match="SECRET_KEY равен значению по умолчанию"):
        Settings.model_validate({"environment": "staging"})
    assert Settings.model_validate({"environment": "dev"}).environment == "dev"


def test_unsafe_production_environment_stops_start_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENVIRONMENT", "prod")
    monkeypatch.setenv("DEBUG", "true")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    message = str(caught.value)
    assert message.startswith("Приложение не может запуститься: ")
    assert "SECRET_KEY не задан" in message
    assert "DEBUG включён" in message


def test_safe_production_settings_are_accepted() -> None:
    settings = Settings.model_validate(SAFE_PRODUCTION)
    assert settings.json_logs


def test_env_example_lists_every_setting() -> None:
    example = (PROJECT_ROOT / ".env.example").read_text(encoding="utf-8")
    assignment = re.compile(r"^(?:# )?([A-Z][A-Z0-9_]*)=")
    listed = {match[1] for line in example.splitlines() if (match := assignment.match(line))}
    expected: set[str] = set()
    for name, field in Settings.model_fields.items():
        group = field.annotation
        if isinstance(group, type) and issubclass(group, BaseModel):
            expected |= {f"{name}__{key}".upper() for key in group.model_fields}
        else:
            expected.add(name.upper())
    assert listed == expected


async def test_health_live(client: AsyncClient) -> None:
    response = await client.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {}}


BROKEN: dict[str, Callable[[FastAPI], Connection]] = {
    "database": lambda _: Database(DatabaseSettings(url=UNREACHABLE_DATABASE)),
}
"""Для каждой зависимости — её подключение к адресу, где никто не отвечает."""


@pytest.mark.parametrize("dependency", sorted(BROKEN))
async def test_readiness_follows_each_dependency(
    client: AsyncClient, app: FastAPI, dependency: str
) -> None:
    ready = await client.get("/health/ready")
    assert ready.status_code == 200
    assert set(ready.json()["checks"]) == set(BROKEN)
    assert set(ready.json()["checks"].values()) == {"ok"}
    working = getattr(app.state, dependency)
    broken = BROKEN[dependency](app)
    setattr(app.state, dependency, broken)
    try:
        down = await client.get("/health/ready")
    finally:
        setattr(app.state, dependency, working)
        await broken.close()
    assert down.status_code == 503
    assert down.json()["status"] == "unavailable"
    expected = {name: "unavailable" if name == dependency else "ok" for name in BROKEN}
    assert down.json()["checks"] == expected
    assert (await client.get("/health/ready")).status_code == 200


async def test_start_up_gives_up_after_bounded_retries() -> None:
    calls: list[int] = []

    async def probe() -> None:
        calls.append(1)
        raise ConnectionRefusedError

    with pytest.raises(StartupError, match="«Тестовая» не ответила, попыток подключения: 3"):
        await wait_until_ready("Тестовая", probe, StartupSettings(attempts=3, delay=0))
    assert len(calls) == 3


async def test_start_up_with_unreachable_database_fails_clearly() -> None:
    settings = Settings(
        database=DatabaseSettings(url=UNREACHABLE_DATABASE),
        startup=StartupSettings(attempts=2, delay=0),
    )
    application = create_app(settings)
    with pytest.raises(StartupError, match="«PostgreSQL» не ответила, попыток подключения: 2"):
        async with application.router.lifespan_context(application):
            pass


def _run_server(**environment: str) -> subprocess.CompletedProcess[str]:
    """Запускает uvicorn с фабрикой приложения и ждёт, пока он завершится."""
    return subprocess.run(
        [sys.executable, "-m", "uvicorn", "app.main:serve", "--factory", "--port", "0"],
        cwd=PROJECT_ROOT,
        env={**os.environ, "LOG__JSON_FORMAT": "true", **environment},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_server_with_unreachable_database_stops_without_traceback() -> None:
    run = _run_server(DATABASE__URL=UNREACHABLE_DATABASE, STARTUP__ATTEMPTS="1", STARTUP__DELAY="0")
    output = run.stdout + run.stderr
    assert run.returncode != 0
    events = [json.loads(line)["event"] for line in run.stdout.splitlines() if line]
    assert any(
        event.startswith("Запуск прерван: зависимость «PostgreSQL» не ответила") for event in events
    ), output
    assert "Traceback" not in output


def test_server_with_unsafe_production_settings_stops_without_traceback() -> None:
    run = _run_server(ENVIRONMENT="prod", DEBUG="true")
    assert run.returncode == 1
    assert run.stderr.startswith("Приложение не может запуститься: "), run.stderr
    assert "DEBUG включён" in run.stderr
    assert "Traceback" not in run.stdout + run.stderr


async def test_value_the_database_rejects_is_422(client: AsyncClient) -> None:
    response = await client.get(["/api/v1/notes", "999999999"][0] + "/9223372036854775808")
    assert response.status_code == 422
    assert response.json()["error"]["code"] in {"invalid_value", "validation_error"}


@pytest.fixture
async def limited_body_client() -> AsyncIterator[tuple[AsyncClient, list[bytes]]]:
    """Клиент приложения с пределом тела 1 КБ и маршрутом, который читает тело."""
    application = create_app(bare_settings(http=HttpSettings(max_body_size=1024)))
    bodies: list[bytes] = []

    async def echo(request: Request) -> dict[str, int]:
        bodies.append(await request.body())
        return {"size": len(bodies[-1])}

    async def echo_json(payload: dict[str, str]) -> dict[str, int]:
        bodies.append(json.dumps(payload).encode())
        return {"size": len(payload)}

    application.add_api_route("/echo", echo, methods=["POST"])
    application.add_api_route("/echo-json", echo_json, methods=["POST"])
    transport = ASGITransport(app=application)
    async with AsyncClient(transport=transport, base_url="http://test") as http:
        yield http, bodies


async def test_request_body_within_the_limit_is_read(
    limited_body_client: tuple[AsyncClient, list[bytes]],
) -> None:
    http, bodies = limited_body_client
    response = await http.post("/echo", content=b"x" * 1024)
    assert response.status_code == 200
    assert bodies == [b"x" * 1024]


async def test_declared_oversized_body_is_refused_before_reading(
    limited_body_client: tuple[AsyncClient, list[bytes]],
) -> None:
    http, bodies = limited_body_client
    response = await http.post("/echo", content=b"x" * 1025)
    assert response.status_code == 413
    assert response.json()["error"] == {
        "code": "payload_too_large",
        "message": "Тело запроса больше допустимых 1 КБ",
        "details": [],
    }
    assert len(response.headers["X-Request-ID"]) == 32
    assert bodies == []


async def test_oversized_body_without_length_is_cut_off(
    limited_body_client: tuple[AsyncClient, list[bytes]],
) -> None:
    http, bodies = limited_body_client

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(8):
            yield b"x" * 512

    response = await http.post("/echo", content=chunks())
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
    assert bodies == []


async def test_oversized_json_body_without_length_is_413_not_400(
    limited_body_client: tuple[AsyncClient, list[bytes]],
) -> None:
    # FastAPI отвечает 400 на любую ошибку чтения тела модели; предел тела важнее.
    http, bodies = limited_body_client

    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"text": "'
        for _ in range(8):
            yield b"x" * 512
        yield b'"}'

    headers = {"Content-Type": "application/json"}
    response = await http.post("/echo-json", content=chunks(), headers=headers)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
    assert len(response.headers["X-Request-ID"]) == 32
    assert bodies == []


async def test_unknown_path_is_404_in_the_error_schema(bare_client: AsyncClient) -> None:
    response = await bare_client.get("/nowhere")
    assert response.status_code == 404
    assert response.json() == {
        "error": {"code": "not_found", "message": "Ресурс не найден", "details": []}
    }


async def test_wrong_method_is_405_in_the_error_schema(bare_client: AsyncClient) -> None:
    response = await bare_client.put("/health/live")
    assert response.status_code == 405
    assert response.json()["error"] == {
        "code": "method_not_allowed",
        "message": "Метод не поддерживается для этого адреса",
        "details": [],
    }


@pytest.mark.parametrize("debug", [True, False])
async def test_unhandled_error_is_500_without_leaks(debug: bool) -> None:
    application = create_app(bare_settings(debug=debug))

    async def explode() -> None:
        msg = "секретная внутренняя подробность"
        raise RuntimeError(msg)

    application.add_api_route("/explode", explode)
    transport = ASGITransport(app=application, raise_app_exceptions=False)
    async with AsyncClient(transport=transport, base_url="http://test") as http:
        response = await http.get("/explode")
    assert response.status_code == 500
    error = response.json()["error"]
    assert error["code"] == "internal_error"
    assert error["message"] == "Внутренняя ошибка сервера"
    assert ("секретная внутренняя подробность" in response.text) is debug
    assert len(response.headers["X-Request-ID"]) == 32
    assert response.headers["X-Content-Type-Options"] == "nosniff"
