"""Инициализация базы данных при запуске приложения."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from app.core.connections import Database, wait_until_ready
from app.core.settings import Settings


@asynccontextmanager
async def open_database(settings: Settings) -> AsyncIterator[Database]:
    """Создаёт пул соединений, дожидается ответа базы и закрывает пул по выходе.

    Args:
        settings: Настройки приложения.

    Yields:
        Подключение к базе данных.
    """
    database = Database(settings.database)
    try:
        await wait_until_ready("PostgreSQL", database.ping, settings.startup)
        yield database
    finally:
        await database.close()
