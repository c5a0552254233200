"""Клиенты внешних сервисов, открываемые при запуске приложения."""

from contextlib import AbstractAsyncContextManager

from app.core.connections import Cache, Messaging, opened
from app.core.settings import Settings


def open_cache(settings: Settings) -> AbstractAsyncContextManager[Cache]:
    """Возвращает контекст, который дожидается ответа Redis и закрывает пул по выходе.

    Args:
        settings: Настройки приложения.
    """
    return opened("Redis", Cache(settings.cache), settings.startup)


def open_messaging(settings: Settings) -> AbstractAsyncContextManager[Messaging]:
    """Возвращает контекст, который дожидается ответа RabbitMQ и закрывает соединение по выходе.

    Args:
        settings: Настройки приложения.
    """
    return opened("RabbitMQ", Messaging(settings.messaging), settings.startup)
