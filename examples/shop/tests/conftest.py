"""Общие фикстуры тестов.

Тесты работают с настоящими серверами: на сессию тестов создаётся отдельная база PostgreSQL,
к ней применяются миграции Alembic, после тестов база удаляется. Если сервер из настроек
недоступен, его заменяет встроенный заменитель (см. ``tests/servers.py``); какой сервер
работает на самом деле, pytest пишет в заголовке отчёта.

Часы приложения в тестах стоят: каждый тест начинается с остановленных часов (фикстура
``clock``) и, если ему нужно, переводит их вперёд сам. Окна лимитов, блокировки и сроки
токенов проверяются без ожидания и не зависят от того, насколько загружена машина.
"""

import asyncio
import io
import json
import logging
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from fakeredis import FakeServer
from fakeredis.aioredis import FakeAsyncRedisConnection
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient
from redis.asyncio import ConnectionPool
from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.connections import Cache, Database
from app.core.connections import cache as cache_module
from app.core.logging.formatters import build_formatter
from app.core.settings import (
    AuthSettings,
    DatabaseSettings,
    MailSettings,
    RateLimitSettings,
    Settings,
    StartupSettings,
    StorageSettings,
)
from app.core.settings.paths import ALEMBIC_INI
from app.main import create_app
from app.models.v1 import Base
from app.models.v1.enums import Role
from app.models.v1.users import User
from tests.factories import bearer, make_user
from tests.servers import (
    Backend,
    SmtpServer,
    database_server,
    drop_bucket,
    drop_topology,
    execute,
    rabbitmq_server,
    redis_server,
    running,
    start_smtp_server,
    storage_server,
)


class FrozenClock:
    """Часы приложения в тестах: стоят, пока тест не переведёт их вперёд."""

    def __init__(self) -> None:
        """Останавливает часы на текущем системном времени."""
        self.moment = datetime.now(UTC)

    def now(self) -> datetime:
        """Возвращает момент, на котором стоят часы."""
        return self.moment

    def advance(self, seconds: float) -> None:
        """Переводит часы вперёд на ``seconds`` секунд."""
        self.moment += timedelta(seconds=seconds)

    def restart(self) -> None:
        """Останавливает часы на текущем системном времени; назад они не идут никогда."""
        self.moment = max(self.moment, datetime.now(UTC))


def backends() -> dict[str, Backend]:
    """Серверы тестов по названиям; проверяются один раз за прогон."""
    return {
        "база данных": database_server(),
        "Redis": redis_server(),
        "RabbitMQ": rabbitmq_server(),
        "S3": storage_server(),
    }


def pytest_sessionstart() -> None:
    """Находит серверы до первого теста: проверки запускают свой цикл событий."""
    backends()


def pytest_report_header() -> list[str]:
    """Сообщает в заголовке отчёта, с какими серверами идут тесты."""
    return [
        *(f"{name}: {backend.description}" for name, backend in backends().items()),
        "SMTP: настоящий сервер aiosmtpd на 127.0.0.1, запускается тестами",
    ]


@pytest.fixture(scope="session", autouse=True)
def redis_backend() -> Iterator[None]:
    """Подменяет недоступный Redis встроенным fakeredis; с настоящим ничего не меняет."""
    backend = redis_server()
    if backend.real:
        yield
        return
    server = FakeServer()

    def from_url(target: str, **options: Any) -> ConnectionPool:  # noqa: ANN401
        if target != backend.url:
            return ConnectionPool.from_url(target, **options)
        kept = {
            key: options[key] for key in ("max_connections", "decode_responses") if key in options
        }
        return ConnectionPool(connection_class=FakeAsyncRedisConnection, server=server, **kept)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cache_module, "ConnectionPool", SimpleNamespace(from_url=from_url))
        yield


@pytest.fixture(scope="session", autouse=True)
def embedded_servers() -> Iterator[None]:
    """Останавливает в конце прогона встроенные заменители, которые пришлось запустить."""
    yield
    for backend in reversed(backends().values()):
        if backend.stop is not None:
            backend.stop()


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[SmtpServer]:
    """Настоящий SMTP-сервер aiosmtpd на 127.0.0.1 со списком принятых писем."""
    server = start_smtp_server()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def database_url(embedded_servers: None) -> Iterator[str]:
    """Создаёт отдельную базу на сессию тестов, применяет миграции и удаляет её в конце."""
    server = make_url(database_server().url)
    name = f"test_{uuid.uuid4().hex[:16]}"
    asyncio.run(execute(server, f'CREATE DATABASE "{name}"'))
    url = server.set(database=name).render_as_string(hide_password=False)
    config = Config(str(ALEMBIC_INI))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    try:
        command.upgrade(config, "head")
        yield url
    finally:
        asyncio.run(execute(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def settings(
    database_url: str,
    smtp_server: SmtpServer,
) -> Settings:
    """Настройки приложения для тестов: тестовая база и серверы из заголовка отчёта."""
    return Settings(
        database=DatabaseSettings(url=database_url),
        startup=StartupSettings(attempts=3, delay=0.2),
        # Свой префикс ключей: кэш прогона не смешивается с чужими данными в том же Redis.
        cache=Settings().cache.model_copy(update={"prefix": f"test-{uuid.uuid4().hex}"}),
        # Свои обменник и очереди: события прогона не уходят чужим потребителям.
        messaging=Settings().messaging.model_copy(
            update={
                "namespace": f"test-{uuid.uuid4().hex}",
                # Обработчик в фоне проверяет outbox часто: тесты не ждут паузы между проходами.
                "relay_interval": 0.05,
                "max_retries": 2,
                "retry_delay": 0.2,
            }
        ),
        # Лимит проверяется отдельными тестами; здесь он мешал бы сотням запросов подряд.
        rate_limit=RateLimitSettings(enabled=False),
        storage=StorageSettings(
            endpoint_url=storage_server().url, bucket=f"test-{uuid.uuid4().hex}"
        ),
        mail=MailSettings(host="127.0.0.1", port=smtp_server.port, retry_wait=0.01),
        # Быстрый bcrypt и высокий лимит входов: лимиты и блокировку проверяют отдельные тесты.
        auth=AuthSettings(bcrypt_rounds=4, login_rate_limit="10000/minute"),
    )


@pytest.fixture(scope="session")
def app_clock() -> FrozenClock:
    """Часы приложения на весь прогон (их останавливает и переводит фикстура ``clock``)."""
    return FrozenClock()


@pytest.fixture(autouse=True)
def clock(app_clock: FrozenClock) -> FrozenClock:
    """Часы приложения, остановленные к началу теста; тест переводит их ``clock.advance``."""
    app_clock.restart()
    return app_clock


@pytest.fixture(scope="session")
async def app(
    settings: Settings, redis_backend: None, app_clock: FrozenClock
) -> AsyncIterator[FastAPI]:
    """Приложение, подключённое к тестовым серверам, с запущенным жизненным циклом."""
    application = create_app(settings, clock=app_clock)
    async with running(application):
        yield application
        await drop_bucket(application.state.storage)
    if rabbitmq_server().real:
        await drop_topology(application)


@pytest.fixture
async def admin(session: AsyncSession) -> User:
    """Суперпользователь («admin»), от имени которого работает ``client``."""
    return await make_user(session, Role.admin, email="admin@example.com")


@pytest.fixture
async def client(app: FastAPI, admin: User) -> AsyncIterator[AsyncClient]:
    """HTTP-клиент суперпользователя, который обращается к приложению напрямую через ASGI."""
    transport = ASGITransport(app=app)
    headers = await bearer(app, admin)
    async with AsyncClient(transport=transport, base_url="http://test", headers=headers) as http:
        yield http


@dataclass(frozen=True)
class Actor:
    """Кто отправляет запрос в тесте: пользователь и его заголовки (анонимный — без них)."""

    user: User | None
    headers: dict[str, str]

    @property
    def user_id(self) -> uuid.UUID:
        """Идентификатор пользователя (у анонимного его нет)."""
        assert self.user is not None
        return self.user.id


Login = Callable[[str], Awaitable[Actor]]
"""Создаёт пользователя с ролью и входит от его имени (``anonymous`` — без входа)."""


@pytest.fixture
def login(app: FastAPI, session: AsyncSession) -> Login:
    """Новый пользователь с заданной ролью и токеном; ``anonymous`` — запрос без токена."""

    async def sign_in(role: str) -> Actor:
        if role == "anonymous":
            return Actor(user=None, headers={})
        user = await make_user(session, Role(role))
        return Actor(user=user, headers=await bearer(app, user))

    return sign_in


@pytest.fixture
async def anonymous(app: FastAPI) -> AsyncIterator[AsyncClient]:
    """HTTP-клиент без учётных данных; токен передаётся в каждом запросе явно."""
    transport = ASGITransport(app=app)
    async with AsyncClient(transport=transport, base_url="http://test") as http:
        yield http


@pytest.fixture
async def session(app: FastAPI) -> AsyncIterator[AsyncSession]:
    """Сессия для подготовки и проверки данных в обход API."""
    database: Database = app.state.database
    async with database.sessionmaker() as db_session:
        yield db_session


@pytest.fixture
def log_records() -> Iterator[Callable[[], list[dict[str, Any]]]]:
    """Записи журнала за время теста в JSON; возвращает функцию, читающую их.

    Записи копируются в отдельный буфер, а настройка журнала приложения не меняется.
    """
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(build_formatter(json_format=True))
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines() if line]
    finally:
        root.removeHandler(handler)


@pytest.fixture(autouse=True)
async def _clean_tables(app: FastAPI) -> AsyncIterator[None]:
    """Очищает все таблицы после каждого теста и ключи Redis: идентификаторы начинаются заново."""
    yield
    database: Database = app.state.database
    # Порядок не важен (CASCADE), а sorted_tables предупреждает о циклах внешних ключей.
    tables = ", ".join(f'"{name}"' for name in sorted(Base.metadata.tables))
    async with database.engine.begin() as connection:
        await connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    await app.state.auth_mails.drain()
    cache: Cache = app.state.cache
    async for key in cache.client.scan_iter(match=f"{cache.prefix}:*"):
        await cache.client.delete(key)
