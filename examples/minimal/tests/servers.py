"""Серверы для тестов: настоящие, если они доступны, иначе встроенные заменители.

Каждая функция ``*_server`` один раз за прогон проверяет сервер из настроек и возвращает
:class:`Backend`: адрес, описание для заголовка отчёта pytest (чтобы было видно, с чем на самом
деле шли тесты) и остановку заменителя, если его пришлось запустить.
"""

import asyncio
import os
import tempfile
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fastapi import FastAPI
from sqlalchemy import URL, make_url, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import create_async_engine

from app.core.settings import DatabaseSettings


@dataclass(frozen=True)
class Backend:
    """Сервер, с которым идут тесты.

    Attributes:
        url: Адрес сервера.
        real: Настоящий ли это сервер из настроек (а не встроенный заменитель).
        description: Строка для заголовка отчёта pytest.
        stop: Остановка встроенного заменителя, если он запускался.
    """

    url: str
    real: bool
    description: str
    stop: Callable[[], None] | None = None


async def execute(server: URL, statement: str) -> None:
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


async def _database_reachable(server: URL) -> bool:
    """Проверяет, что сервер PostgreSQL принимает подключения."""
    try:
        await execute(server, "SELECT 1")
    except (OSError, TimeoutError, DBAPIError):
        return False
    return True


@lru_cache(maxsize=1)
def database_server() -> Backend:
    """Находит сервер PostgreSQL для тестов; без него запускает встроенный (pgserver)."""
    configured = os.environ.get("DATABASE__URL") or DatabaseSettings().url
    server = make_url(configured)
    if asyncio.run(_database_reachable(server)):
        return Backend(configured, True, f"настоящий PostgreSQL на {server.host}:{server.port}")
    # pgserver спрашивает у platformdirs каталог времени выполнения; без XDG_RUNTIME_DIR
    # (контейнеры, CI) тот предупреждает, а предупреждения в тестах — ошибки.
    os.environ.setdefault("XDG_RUNTIME_DIR", tempfile.mkdtemp(prefix="runtime-"))
    from pgserver.postgres_server import get_server

    data_dir = Path(tempfile.mkdtemp(prefix="pgserver-"))
    embedded = get_server(data_dir, cleanup_mode="delete")
    socket_dir = make_url(embedded.get_uri()).query["host"]
    return Backend(
        f"postgresql+asyncpg://postgres@/postgres?host={socket_dir}",
        False,
        f"встроенный PostgreSQL (pgserver): {server.host}:{server.port} недоступен",
        embedded.cleanup,
    )


@asynccontextmanager
async def running(application: FastAPI) -> AsyncIterator[FastAPI]:
    """Запускает жизненный цикл приложения.

    Args:
        application: Приложение, созданное ``create_app``.

    Yields:
        То же приложение с открытыми подключениями.
    """
    async with AsyncExitStack() as stack:
        await stack.enter_async_context(application.router.lifespan_context(application))
        yield application
