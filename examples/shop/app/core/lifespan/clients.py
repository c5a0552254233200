"""Клиенты внешних сервисов, открываемые при запуске приложения."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from app.core.connections import Cache, Messaging, wait_until_ready
from app.core.settings import Settings


@asynccontextmanager
async def open_cache(settings: Settings) -> AsyncIterator[Cache]:
    """Создаёт пул соединений Redis, дожидается ответа и закрывает пул по выходе.

    Args:
        settings: Настройки приложения.

    Yields:
        Подключение к Redis.
    """
    cache = Cache(settings.cache)
    try:
        await wait_until_ready("Redis", cache.ping, settings.startup)
        yield cache
    finally:
        await cache.close()


@asynccontextmanager
async def open_messaging(settings: Settings) -> AsyncIterator[Messaging]:
    """Подключается к RabbitMQ, дожидаясь ответа, и закрывает соединение по выходе.

    Args:
        settings: Настройки приложения.

    Yields:
        Подключение к брокеру сообщений.
    """
    messaging = Messaging(settings.messaging)
    try:
        await wait_until_ready("RabbitMQ", messaging.ping, settings.startup)
        yield messaging
    finally:
        await messaging.close()
