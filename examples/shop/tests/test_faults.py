"""Тесты отказов: недоступная или зависшая зависимость — ответ 503 или понятный отказ запуска.

Общие серверы не останавливаются: отказы устраивает прокси TCP из :mod:`tests.proxy`, который
стоит между приложением и сервером. Время нигде не пережидается: каждое ожидание ограничено
тайм-аутом, и его превышение — провал теста.
"""

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient, Response
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from app.core.connections import (
    Cache,
    Connection,
    Database,
    Mail,
    Messaging,
    StartupError,
    Storage,
    wait_until_ready,
)
from app.core.exceptions.unavailable import unavailable_dependency
from app.core.settings import (
    CacheSettings,
    DatabaseSettings,
    MailSettings,
    MessagingSettings,
    Settings,
    StartupSettings,
)
from app.main import create_app
from app.models.v1.users import User
from tests.conftest import FrozenClock
from tests.factories import bearer
from tests.proxy import TcpProxy, database_upstream, server_upstream, through
from tests.servers import redis_server, running

PROBE_URL = "/api/v1/categories/999999999"
PROBE_STATUS = 404
BOUND = 20.0
"""Верхняя граница любого ожидания в тесте, с: зависание — провал, а не вечный прогон."""
HUNG_TIMEOUT = 0.2
"""Тайм-аут проверки зависимости в тестах зависания, с."""
UNAVAILABLE_CODES = {"service_unavailable", "auth_unavailable"}
"""Коды ответа 503 из единой схемы ошибок."""


def assert_unavailable(response: Response) -> None:
    """Проверяет ответ 503: единая схема ошибок, код недоступности и ``Retry-After``."""
    assert response.status_code == 503, response.text
    assert int(response.headers["Retry-After"]) > 0
    error = response.json()["error"]
    assert error["code"] in UNAVAILABLE_CODES
    assert error["message"]
    assert error["details"] == []


@pytest.fixture
async def database_proxy(settings: Settings) -> AsyncIterator[TcpProxy]:
    """Прокси перед тестовой базой данных."""
    proxy = TcpProxy(database_upstream(settings.database.url))
    await proxy.open()
    try:
        yield proxy
    finally:
        await proxy.close()


@pytest.fixture
async def proxied_app(
    settings: Settings,
    database_proxy: TcpProxy,
    clock: FrozenClock,
) -> AsyncIterator[FastAPI]:
    """Приложение, которое ходит в базу данных через прокси."""
    url = through(settings.database.url, database_proxy.port)
    database = settings.database.model_copy(update={"url": url})
    application = create_app(settings.model_copy(update={"database": database}), clock=clock)
    async with running(application):
        yield application


async def test_database_outage_is_503_and_the_next_request_after_it_succeeds(
    proxied_app: FastAPI,
    database_proxy: TcpProxy,
    admin: User,
    log_records: Callable[[], list[dict[str, Any]]],
) -> None:
    transport = ASGITransport(app=proxied_app)
    headers = await bearer(proxied_app, admin)
    async with (
        AsyncClient(transport=transport, base_url="http://test", headers=headers) as http,
        asyncio.timeout(BOUND),
    ):
        assert (await http.get(PROBE_URL)).status_code == PROBE_STATUS
        await database_proxy.close()
        # Оборванные соединения пула и отказ в новом подключении — 503, а не 500.
        for _ in range(3):
            assert_unavailable(await http.get(PROBE_URL))
        await database_proxy.open()
        # База вернулась: первый же запрос проходит, перезапуск приложения не нужен.
        assert (await http.get(PROBE_URL)).status_code == PROBE_STATUS
    records = log_records()
    assert not [line for line in records if line["level"] in {"error", "critical"}], records
    warnings = [line for line in records if line["event"] == "Зависимость недоступна, ответ 503"]
    assert all(line["dependency"] == "PostgreSQL" for line in warnings), warnings
    assert all("exception" not in line for line in warnings), warnings


def test_pool_timeout_and_dropped_connection_mean_unavailable() -> None:
    lost = DBAPIError("SELECT 1", {}, ConnectionResetError(), connection_invalidated=True)
    assert unavailable_dependency(lost) == "PostgreSQL"
    assert unavailable_dependency(PoolTimeoutError("пул исчерпан")) == "PostgreSQL"
    assert unavailable_dependency(DBAPIError("SELECT 1", {}, ValueError())) is None
    assert unavailable_dependency(ValueError("не сеть")) is None


async def test_redis_restart_does_not_fail_the_next_command() -> None:
    backend = redis_server()
    if not backend.real:
        pytest.skip("нужен настоящий Redis: прокси стоит перед ним")
    proxy = TcpProxy(server_upstream(backend.url, 6379))
    await proxy.open()
    cache = Cache(CacheSettings(url=f"redis://127.0.0.1:{proxy.port}/0", socket_timeout=2))
    try:
        async with asyncio.timeout(BOUND):
            await cache.ping()
            # Перезапуск Redis: все соединения пула оборваны, сервер снова принимает новые.
            proxy.drop_connections()
            await cache.ping()
            assert await cache.client.set(f"{cache.prefix}:fault-test", "1", ex=5)
    finally:
        await cache.close()
        await proxy.close()


HUNG: dict[str, Callable[[int], Connection]] = {
    "PostgreSQL": lambda port: Database(
        DatabaseSettings(url=f"postgresql+asyncpg://postgres@127.0.0.1:{port}/hung")
    ),
    "Redis": lambda port: Cache(CacheSettings(url=f"redis://127.0.0.1:{port}/0")),
    "RabbitMQ": lambda port: Messaging(
        MessagingSettings(url=f"amqp://guest:guest@127.0.0.1:{port}/")
    ),
    "SMTP": lambda port: Mail(MailSettings(host="127.0.0.1", port=port)),
    "S3": lambda port: Storage(
        Settings().storage.model_copy(update={"endpoint_url": f"http://127.0.0.1:{port}"})
    ),
}
"""Подключения к адресу, где сервер принимает соединение и молчит (тайм-ауты — по умолчанию)."""


@pytest.fixture
async def hung_server() -> AsyncIterator[TcpProxy]:
    """Сервер, который принимает соединения и никогда не отвечает."""
    proxy = TcpProxy()
    await proxy.open()
    try:
        yield proxy
    finally:
        await proxy.close()


def background_tasks() -> set[asyncio.Task[Any]]:
    """Задачи цикла событий, кроме текущей и задач прокси теста."""
    current = asyncio.current_task()
    return {
        task
        for task in asyncio.all_tasks()
        if task is not current and "TcpProxy" not in repr(task.get_coro())
    }


@pytest.mark.parametrize("name", sorted(HUNG))
async def test_start_up_against_a_hung_dependency_ends_within_its_bound(
    name: str, hung_server: TcpProxy
) -> None:
    before = background_tasks()
    connection = HUNG[name](hung_server.port)
    startup = StartupSettings(attempts=2, delay=0, timeout=HUNG_TIMEOUT)
    try:
        async with asyncio.timeout(BOUND):
            with pytest.raises(StartupError) as raised:
                await wait_until_ready(name, connection.ping, startup)
    finally:
        async with asyncio.timeout(BOUND):
            await connection.close()
    # Закрытое подключение не оставляет работы в фоне (переподключений, которые не дали бы
    # процессу завершиться после отказа запуска).
    assert background_tasks() - before == set()
    assert str(raised.value) == (
        f"зависимость «{name}» не ответила, попыток подключения: 2 "
        f"(нет ответа за {HUNG_TIMEOUT:g} с)"
    )


READINESS: dict[str, str] = {
    "PostgreSQL": "database",
    "Redis": "cache",
    "S3": "storage",
    "SMTP": "mail",
}
"""Название зависимости и её ключ в ``app.state`` и в ответе ``/health/ready``."""


@pytest.mark.parametrize("name", sorted(READINESS))
async def test_readiness_reports_a_hung_dependency_within_its_timeout(
    name: str, app: FastAPI, hung_server: TcpProxy
) -> None:
    key = READINESS[name]
    settings: Settings = app.state.settings
    working, hung = getattr(app.state, key), HUNG[name](hung_server.port)
    startup = settings.startup.model_copy(update={"timeout": HUNG_TIMEOUT})
    app.state.settings = settings.model_copy(update={"startup": startup})
    setattr(app.state, key, hung)
    transport = ASGITransport(app=app)
    try:
        async with (
            AsyncClient(transport=transport, base_url="http://test") as http,
            asyncio.timeout(BOUND),
        ):
            ready = await http.get("/health/ready")
    finally:
        app.state.settings = settings
        setattr(app.state, key, working)
        async with asyncio.timeout(BOUND):
            await hung.close()
    assert ready.status_code == 503
    checks = ready.json()["checks"]
    # Остальные зависимости под нагрузкой могут не уложиться в короткий тайм-аут теста:
    # проверяется только зависшая.
    assert checks[key] == "unavailable"
    assert set(checks) == set(READINESS.values())


async def test_mail_log_mode_starts_and_is_ready_without_smtp(
    settings: Settings, clock: FrozenClock
) -> None:
    # На порту 1 никто не слушает: любая попытка SMTP-соединения провалилась бы.
    mail = settings.mail.model_copy(update={"backend": "log", "port": 1, "timeout": 0.5})
    startup = settings.startup.model_copy(update={"attempts": 1})
    changed = settings.model_copy(update={"mail": mail, "startup": startup})
    application = create_app(changed, clock=clock)
    async with running(application), asyncio.timeout(BOUND):
        transport = ASGITransport(app=application)
        async with AsyncClient(transport=transport, base_url="http://test") as http:
            ready = await http.get("/health/ready")
    assert ready.status_code == 200, ready.text
    assert ready.json()["checks"]["mail"] == "ok"
