"""Инициализация базы данных при запуске приложения."""

from contextlib import AbstractAsyncContextManager

from app.core.connections import Database, opened
from app.core.settings import Settings


def open_database(settings: Settings) -> AbstractAsyncContextManager[Database]:
    """Возвращает контекст, который дожидается ответа PostgreSQL и закрывает пул по выходе.

    Args:
        settings: Настройки приложения.
    """
    return opened("PostgreSQL", Database(settings.database), settings.startup)
