"""Тесты инфраструктуры: настройки, журнал, промежуточное ПО, ошибки, проверки состояния."""

import json
import os
import re
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from botocore.exceptions import ClientError
from fastapi import FastAPI, Request
from httpx import ASGITransport, AsyncClient
from pydantic import BaseModel, SecretStr, ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.clock import Clock, SystemClock
from app.core.connections import (
    Cache,
    Connection,
    Database,
    Mail,
    Messaging,
    StartupError,
    Storage,
    after_commit,
    wait_until_ready,
)
from app.core.dependencies import get_broker
from app.core.middlewares.client import client_address
from app.core.middlewares.metrics import REGISTRY
from app.core.settings import (
    AuthSettings,
    CacheSettings,
    DatabaseSettings,
    HttpSettings,
    MailSettings,
    RateLimitSettings,
    Settings,
    SettingsError,
    StartupSettings,
    StorageSettings,
)
from app.core.settings.paths import PROJECT_ROOT
from app.core.settings.settings import DEFAULT_SECRET_KEY, load_settings
from app.main import create_app
from tests.conftest import FrozenClock
from tests.servers import SmtpServer, drop_bucket, running

PROBE_URL = "/api/v1/categories/999999999"
PROBE_ROUTE = "/api/v1/categories/{category_id}"
PROBE_STATUS = 404
ANONYMOUS_STATUS = 404
LONG_SECRET = "x" * 40
SAFE_PRODUCTION: dict[str, object] = {
    "environment": "prod",
    "secret_key": SecretStr(LONG_SECRET),
    "http": HttpSettings(cors_origins=["https://shop.example"]),
    "storage": StorageSettings(secret_key=SecretStr(LONG_SECRET)),
}
"""Настройки prod, которые проходят все проверки; тесты меняют в них по одному значению."""
UNREACHABLE_DATABASE = "postgresql+asyncpg://postgres@127.0.0.1:1/unreachable"
UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"


def bare_settings(**values: object) -> Settings:
    """Настройки приложения, которое тест запускает без жизненного цикла (без подключений)."""
    values.setdefault("rate_limit", RateLimitSettings(enabled=False))
    return Settings.model_validate(values)


@pytest.fixture
async def bare_client() -> AsyncIterator[AsyncClient]:
    """Клиент приложения без запуска жизненного цикла: для маршрутов, не трогающих базу."""
    application = create_app(bare_settings())
    transport = ASGITransport(app=application)
    async with AsyncClient(transport=transport, base_url="http://test") as http:
        yield http


def test_the_app_reads_the_system_clock_by_default() -> None:
    clock: Clock = create_app(bare_settings()).state.clock
    assert isinstance(clock, SystemClock)
    before = datetime.now(UTC)
    assert before <= clock.now() <= datetime.now(UTC)


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
        ({"storage": StorageSettings()}, "STORAGE__SECRET_KEY равен учётной записи MinIO"),
        (
            {"mail": MailSettings(password=SecretStr("пароль"))},
            "MAIL__PASSWORD задан при MAIL__SECURITY=none",
        ),
        ({"mail": MailSettings(backend="log")}, "MAIL__BACKEND=log"),
        ({"auth": AuthSettings(bcrypt_rounds=10)}, "AUTH__BCRYPT_ROUNDS меньше 12"),
        ({"auth": AuthSettings(cookie_secure=False)}, "AUTH__COOKIE_SECURE=false"),
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


@pytest.mark.parametrize(
    ("limit", "reason"),
    [("сто в минуту", "не распознан"), ("0/minute", "не пропустит ни одного запроса")],
)
def test_unusable_limits_are_refused(limit: str, reason: str) -> None:
    with pytest.raises(ValidationError, match=reason):
        RateLimitSettings(default=limit)
    with pytest.raises(ValidationError, match=reason):
        AuthSettings(login_rate_limit=limit)


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
    "cache": lambda _: Cache(CacheSettings(url=UNREACHABLE_REDIS, socket_timeout=0.5)),
    "storage": lambda app: Storage(
        app.state.storage.settings.model_copy(update={"endpoint_url": "http://127.0.0.1:1"})
    ),
    "mail": lambda app: Mail(
        app.state.mail.settings.model_copy(update={"port": 1, "timeout": 0.5})
    ),
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


async def test_broker_dependency_returns_the_connected_broker(app: FastAPI) -> None:
    broker = await get_broker(Request({"type": "http", "app": app}))
    messaging: Messaging = app.state.messaging
    assert broker is messaging.broker
    assert await broker.ping(timeout=2)


async def test_missing_bucket_is_created_once(settings: Settings) -> None:
    bucket = f"test-{uuid.uuid4().hex}"
    storage = Storage(settings.storage.model_copy(update={"bucket": bucket}))
    try:
        with pytest.raises(ClientError):
            await storage.ping()
        await storage.ensure_bucket()
        await storage.ping()
        await storage.ensure_bucket()
        listed = await storage.client.list_buckets()
        assert [item.get("Name") for item in listed["Buckets"]].count(bucket) == 1
        await drop_bucket(storage)
    finally:
        await storage.close()


async def test_start_up_without_bucket_fails_when_creation_is_off(settings: Settings) -> None:
    storage = settings.storage.model_copy(
        update={"bucket": f"test-{uuid.uuid4().hex}", "create_bucket": False}
    )
    application = create_app(settings.model_copy(update={"storage": storage}))
    with pytest.raises(StartupError, match="«S3» не ответила"):
        async with running(application):
            pass


def test_storage_client_is_unavailable_before_start_up(settings: Settings) -> None:
    with pytest.raises(RuntimeError, match="хранилище не подключено"):
        _ = Storage(settings.storage).client


async def test_mail_connection_delivers_a_message(app: FastAPI, smtp_server: SmtpServer) -> None:
    message = EmailMessage()
    message["From"] = "Магазин <noreply@example.com>"
    message["To"] = "Покупатель <buyer@example.com>"
    message["Subject"] = "Проверка доставки"
    message.set_content("Письмо дошло.")
    mail: Mail = app.state.mail
    before = len(smtp_server.received)
    await mail.send(message)
    [received] = smtp_server.received[before:]
    assert received.recipients == ["buyer@example.com"]
    parsed = message_from_bytes(received.content, policy=policy.default)
    assert parsed["Subject"] == "Проверка доставки"
    assert isinstance(parsed, EmailMessage)
    body = parsed.get_body(preferencelist=("plain",))
    assert body is not None
    assert body.get_content().strip() == "Письмо дошло."


async def test_deferred_actions_run_after_commit_and_never_after_rollback(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch, log_records: Callable[[], list[dict[str, Any]]]
) -> None:
    database: Database = app.state.database
    steps: list[str] = []
    commit = AsyncSession.commit

    async def recorded_commit(self: AsyncSession) -> None:
        steps.append("фиксация")
        await commit(self)

    async def action() -> None:
        steps.append("действие")

    async def failing() -> None:
        msg = "сбой действия"
        raise RuntimeError(msg)

    monkeypatch.setattr(AsyncSession, "commit", recorded_commit)
    async with database.unit_of_work() as session:
        after_commit(session, failing)
        after_commit(session, action)
    # Сбой одного действия не отменяет следующие: изменение уже зафиксировано.
    assert steps == ["фиксация", "действие"]
    [logged] = [
        line for line in log_records() if line["event"] == "Отложенное действие не выполнено"
    ]
    assert logged["error"] == "RuntimeError: сбой действия"

    steps.clear()

    async def change_then_fail() -> None:
        async with database.unit_of_work() as session:
            after_commit(session, action)
            msg = "откат"
            raise RuntimeError(msg)

    with pytest.raises(RuntimeError, match="откат"):
        await change_then_fail()
    assert steps == []


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
    response = await client.get(["/api/v1/categories", "999999999"][0] + "/9223372036854775808")
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


def _requests_seen(status: int) -> float:
    """Число запросов к проверочному маршруту с данным статусом по данным метрик."""
    labels = {"method": "GET", "route": PROBE_ROUTE, "status": str(status)}
    return REGISTRY.get_sample_value("http_requests_total", labels) or 0.0


async def test_metrics_count_requests_by_route_template(client: AsyncClient) -> None:
    before = _requests_seen(PROBE_STATUS)
    for _ in range(2):
        assert (await client.get(PROBE_URL)).status_code == PROBE_STATUS
    assert _requests_seen(PROBE_STATUS) == before + 2
    page = await client.get("/metrics")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/plain")
    assert f'route="{PROBE_ROUTE}"' in page.text
    assert f'route="{PROBE_URL}"' not in page.text or PROBE_URL == PROBE_ROUTE
    assert "http_request_duration_seconds_bucket" in page.text


async def test_unmatched_paths_share_one_metrics_label(client: AsyncClient) -> None:
    await client.get("/no/such/path/1")
    await client.get("/no/such/path/2")
    page = (await client.get("/metrics")).text
    assert 'route="<unmatched>"' in page
    assert "/no/such/path" not in page


@pytest.fixture
async def limited_app(settings: Settings, clock: FrozenClock) -> AsyncIterator[FastAPI]:
    """Приложение с лимитом 2 запроса в минуту и одним доверенным прокси."""
    limited = settings.model_copy(
        update={
            "rate_limit": RateLimitSettings(default="2/minute"),
            "http": HttpSettings(trusted_proxies=1),
        }
    )
    async with running(create_app(limited, clock=clock)) as application:
        yield application


async def test_rate_limit_returns_429_and_recovers(
    limited_app: FastAPI, clock: FrozenClock
) -> None:
    headers = {"X-Forwarded-For": f"client-{uuid.uuid4().hex}"}
    transport = ASGITransport(app=limited_app)
    async with AsyncClient(transport=transport, base_url="http://test") as http:
        assert (await http.get(PROBE_URL, headers=headers)).status_code == ANONYMOUS_STATUS
        clock.advance(20)
        assert (await http.get(PROBE_URL, headers=headers)).status_code == ANONYMOUS_STATUS
        limited = await http.get(PROBE_URL, headers=headers)
        assert limited.status_code == 429
        # Окно скользящее: первый запрос выходит из него через 40 с.
        assert limited.headers["Retry-After"] == "40"
        assert limited.json()["error"] == {
            "code": "too_many_requests",
            "message": "Слишком много запросов — повторите через 40 с",
            "details": [],
        }
        other = await http.get(PROBE_URL, headers={"X-Forwarded-For": "another-client"})
        assert other.status_code == ANONYMOUS_STATUS
        clock.advance(39)
        assert (await http.get(PROBE_URL, headers=headers)).status_code == 429
        clock.advance(1)
        assert (await http.get(PROBE_URL, headers=headers)).status_code == ANONYMOUS_STATUS
        # Второй запрос ещё в окне: следующий снова ждёт — 20 с.
        again = await http.get(PROBE_URL, headers=headers)
        assert again.status_code == 429
        assert again.headers["Retry-After"] == "20"


async def test_rate_limit_keys_live_under_the_cache_prefix(limited_app: FastAPI) -> None:
    client_id = f"client-{uuid.uuid4().hex}"
    transport = ASGITransport(app=limited_app)
    async with AsyncClient(transport=transport, base_url="http://test") as http:
        await http.get(PROBE_URL, headers={"X-Forwarded-For": client_id})
    cache: Cache = limited_app.state.cache
    keys = [key async for key in cache.client.scan_iter(match=f"*{client_id}*")]
    # Несколько сервисов с общим Redis не делят счётчики: ключ начинается с CACHE__PREFIX.
    assert keys == [f"{cache.prefix}:rate-limit:{client_id}"]


async def test_health_is_not_rate_limited(limited_app: FastAPI) -> None:
    headers = {"X-Forwarded-For": f"client-{uuid.uuid4().hex}"}
    transport = ASGITransport(app=limited_app)
    async with AsyncClient(transport=transport, base_url="http://test") as http:
        for _ in range(5):
            assert (await http.get("/health/live", headers=headers)).status_code == 200


async def test_rate_limit_lets_requests_through_when_redis_is_down(limited_app: FastAPI) -> None:
    working: Cache = limited_app.state.cache
    broken = Cache(CacheSettings(url=UNREACHABLE_REDIS, socket_timeout=0.5))
    limited_app.state.cache = broken
    transport = ASGITransport(app=limited_app)
    try:
        async with AsyncClient(transport=transport, base_url="http://test") as http:
            for _ in range(3):
                assert (await http.get(PROBE_URL)).status_code == ANONYMOUS_STATUS
    finally:
        limited_app.state.cache = working
        await broken.close()


@pytest.mark.parametrize(
    ("forwarded", "trusted", "expected"),
    [
        (None, 0, "10.0.0.9"),
        ("1.1.1.1, 2.2.2.2", 0, "10.0.0.9"),
        ("1.1.1.1, 2.2.2.2", 1, "2.2.2.2"),
        ("1.1.1.1, 2.2.2.2", 2, "1.1.1.1"),
        ("1.1.1.1", 2, "10.0.0.9"),
    ],
)
def test_client_address_behind_trusted_proxies(
    forwarded: str | None, trusted: int, expected: str
) -> None:
    headers = [(b"x-forwarded-for", forwarded.encode())] if forwarded else []
    scope = {"type": "http", "headers": headers, "client": ("10.0.0.9", 5000)}
    assert client_address(scope, trusted) == expected


def test_forwarded_for_split_over_several_header_lines_counts_as_one() -> None:
    headers = [(b"x-forwarded-for", b"6.6.6.6"), (b"x-forwarded-for", b"9.9.9.9")]
    scope = {"type": "http", "headers": headers, "client": ("10.0.0.9", 5000)}
    assert client_address(scope, 1) == "9.9.9.9"
