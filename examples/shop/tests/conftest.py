"""Общие фикстуры тестов.

Тесты работают с настоящим PostgreSQL: на сессию тестов создаётся отдельная база, к ней
применяются миграции Alembic, после тестов база удаляется. Если сервер из ``DATABASE__URL``
недоступен, запускается встроенный PostgreSQL (pgserver); какой из них работает, pytest
пишет в заголовке отчёта.
"""

import asyncio
import os
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from fakeredis import FakeServer
from fakeredis.aioredis import FakeAsyncRedisConnection
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient
from redis.asyncio import ConnectionPool, Redis
from redis.exceptions import RedisError
from sqlalchemy import URL, make_url, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from app.core.connections import Database
from app.core.connections import cache as cache_module
from app.core.settings import (
    DatabaseSettings,
    RateLimitSettings,
    Settings,
    StartupSettings,
)
from app.core.settings.paths import ALEMBIC_INI
from app.main import create_app
from app.models.v1 import Base


async def _execute(server: URL, statement: str) -> None:
    """Выполняет служебную команду вне транзакции в базе ``postgres`` сервера."""
    engine = create_async_engine(
        server.set(database="postgres"),
        isolation_level="AUTOCOMMIT",
        connect_args={"timeout": 5},
    )
    try:
        async with engine.connect() as connection:
            await connection.execute(text(statement))
    finally:
        await engine.dispose()


async def _reachable(server: URL) -> bool:
    """Проверяет, что сервер PostgreSQL принимает подключения."""
    try:
        await _execute(server, "SELECT 1")
    except (OSError, TimeoutError, DBAPIError):
        return False
    return True


@lru_cache(maxsize=1)
def database_server() -> tuple[URL, str]:
    """Возвращает сервер для тестов и его описание для заголовка отчёта."""
    server = make_url(os.environ.get("DATABASE__URL") or DatabaseSettings().url)
    if asyncio.run(_reachable(server)):
        return server, f"настоящий PostgreSQL на {server.host}:{server.port}"
    # pgserver спрашивает у platformdirs каталог времени выполнения; без XDG_RUNTIME_DIR
    # (контейнеры, CI) тот предупреждает, а предупреждения в тестах — ошибки.
    os.environ.setdefault("XDG_RUNTIME_DIR", tempfile.mkdtemp(prefix="runtime-"))
    from pgserver.postgres_server import get_server

    data_dir = Path(tempfile.mkdtemp(prefix="pgserver-"))
    embedded = get_server(data_dir, cleanup_mode="delete")
    socket_dir = make_url(embedded.get_uri()).query["host"]
    url = make_url(f"postgresql+asyncpg://postgres@/postgres?host={socket_dir}")
    return url, f"встроенный PostgreSQL (pgserver): {server.host}:{server.port} недоступен"


async def _redis_reachable(url: str) -> bool:
    """Проверяет, что Redis отвечает на PING."""
    client = Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
    try:
        await client.ping()
    except (RedisError, OSError):
        return False
    finally:
        await client.aclose()
    return True


@lru_cache(maxsize=1)
def redis_server() -> tuple[str, bool, str]:
    """Возвращает адрес Redis, признак «настоящий» и описание для заголовка отчёта."""
    url = Settings().cache.url
    if asyncio.run(_redis_reachable(url)):
        return url, True, f"настоящий Redis на {url}"
    return url, False, f"встроенный Redis (fakeredis): {url} недоступен"


@pytest.fixture(scope="session", autouse=True)
def redis_backend() -> Iterator[None]:
    """Подменяет недоступный Redis встроенным fakeredis; с настоящим ничего не меняет."""
    url, real, _ = redis_server()
    if real:
        yield
        return
    server = FakeServer()

    def from_url(target: str, **options: Any) -> ConnectionPool:  # noqa: ANN401
        if target != url:
            return ConnectionPool.from_url(target, **options)
        kept = {
            key: options[key] for key in ("max_connections", "decode_responses") if key in options
        }
        return ConnectionPool(connection_class=FakeAsyncRedisConnection, server=server, **kept)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cache_module, "ConnectionPool", SimpleNamespace(from_url=from_url))
        yield


def pytest_report_header() -> list[str]:
    """Сообщает в заголовке отчёта, с какими серверами идут тесты."""
    return [
        f"база данных: {database_server()[1]}",
        f"Redis: {redis_server()[2]}",
        f"RabbitMQ: настоящий сервер {make_url(Settings().messaging.url).render_as_string()}",
    ]


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    """Создаёт отдельную базу на сессию тестов, применяет миграции и удаляет её в конце."""
    server, _ = database_server()
    name = f"test_{uuid.uuid4().hex[:16]}"
    asyncio.run(_execute(server, f'CREATE DATABASE "{name}"'))
    url = server.set(database=name).render_as_string(hide_password=False)
    config = Config(str(ALEMBIC_INI))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    try:
        command.upgrade(config, "head")
        yield url
    finally:
        asyncio.run(_execute(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
async def app(database_url: str, redis_backend: None) -> AsyncIterator[FastAPI]:
    """Приложение, подключённое к тестовой базе, с запущенным жизненным циклом."""
    settings = Settings(
        database=DatabaseSettings(url=database_url),
        startup=StartupSettings(attempts=3, delay=0.2),
        # Лимит проверяется отдельными тестами; здесь он мешал бы сотням запросов подряд.
        rate_limit=RateLimitSettings(enabled=False),
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[AsyncClient]:
    """HTTP-клиент, который обращается к приложению напрямую через ASGI."""
    transport = ASGITransport(app=app)
    async with AsyncClient(transport=transport, base_url="http://test") as http:
        yield http


@pytest.fixture
async def session(app: FastAPI) -> AsyncIterator[AsyncSession]:
    """Сессия для подготовки и проверки данных в обход API."""
    database: Database = app.state.database
    async with database.sessionmaker() as db_session:
        yield db_session


@pytest.fixture(autouse=True)
async def _clean_tables(app: FastAPI) -> AsyncIterator[None]:
    """Очищает все таблицы после каждого теста."""
    yield
    database: Database = app.state.database
    tables = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
    async with database.engine.begin() as connection:
        await connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
