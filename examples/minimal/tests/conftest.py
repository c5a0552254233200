"""Общие фикстуры тестов.

Тесты работают с настоящими серверами: на сессию тестов создаётся отдельная база PostgreSQL,
к ней применяются миграции Alembic, после тестов база удаляется. Если сервер из настроек
недоступен, его заменяет встроенный заменитель (см. ``tests/servers.py``); какой сервер
работает на самом деле, pytest пишет в заголовке отчёта.
"""

import asyncio
import io
import json
import logging
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient
from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.connections import Database
from app.core.logging.formatters import build_formatter
from app.core.settings import (
    DatabaseSettings,
    Settings,
    StartupSettings,
)
from app.core.settings.paths import ALEMBIC_INI
from app.main import create_app
from app.models.v1 import Base
from tests.servers import (
    Backend,
    database_server,
    execute,
    running,
)


def backends() -> dict[str, Backend]:
    """Серверы тестов по названиям; проверяются один раз за прогон."""
    return {
        "база данных": database_server(),
    }


def pytest_sessionstart() -> None:
    """Находит серверы до первого теста: проверки запускают свой цикл событий."""
    backends()


def pytest_report_header() -> list[str]:
    """Сообщает в заголовке отчёта, с какими серверами идут тесты."""
    return [
        *(f"{name}: {backend.description}" for name, backend in backends().items()),
    ]


@pytest.fixture(scope="session", autouse=True)
def embedded_servers() -> Iterator[None]:
    """Останавливает в конце прогона встроенные заменители, которые пришлось запустить."""
    yield
    for backend in reversed(backends().values()):
        if backend.stop is not None:
            backend.stop()


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
) -> Settings:
    """Настройки приложения для тестов: тестовая база и серверы из заголовка отчёта."""
    return Settings(
        database=DatabaseSettings(url=database_url),
        startup=StartupSettings(attempts=3, delay=0.2),
    )


@pytest.fixture(scope="session")
async def app(settings: Settings) -> AsyncIterator[FastAPI]:
    """Приложение, подключённое к тестовым серверам, с запущенным жизненным циклом."""
    application = create_app(settings)
    async with running(application):
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
    """Очищает все таблицы после каждого теста."""
    yield
    database: Database = app.state.database
    # Порядок не важен (CASCADE), а sorted_tables предупреждает о циклах внешних ключей.
    tables = ", ".join(f'"{name}"' for name in sorted(Base.metadata.tables))
    async with database.engine.begin() as connection:
        await connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
