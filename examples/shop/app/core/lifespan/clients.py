"""Клиенты внешних сервисов, открываемые при запуске приложения."""

from contextlib import AbstractAsyncContextManager

from app.core.connections import (
    Cache,
    Mail,
    Messaging,
    Storage,
    opened,
)
from app.core.settings import Settings


def open_cache(settings: Settings) -> AbstractAsyncContextManager[Cache]:
    """Возвращает контекст, который дожидается ответа Redis и закрывает пул по выходе.

    Args:
        settings: Настройки приложения.
    """
    return opened("Redis", Cache(settings.cache), settings.startup)


def open_messaging(
    messaging: Messaging, settings: Settings
) -> AbstractAsyncContextManager[Messaging]:
    """Возвращает контекст, который дожидается ответа RabbitMQ и закрывает соединение по выходе.

    Args:
        messaging: Брокер, созданный вместе с приложением.
        settings: Настройки приложения.
    """
    return opened("RabbitMQ", messaging, settings.startup)


def open_storage(settings: Settings) -> AbstractAsyncContextManager[Storage]:
    """Возвращает контекст, который дожидается ответа хранилища и закрывает клиент по выходе.

    Если включено ``STORAGE__CREATE_BUCKET``, недостающий бакет создаётся при запуске.

    Args:
        settings: Настройки приложения.
    """
    storage = Storage(settings.storage)
    probe = storage.ensure_bucket if settings.storage.create_bucket else storage.ping
    return opened("S3", storage, settings.startup, probe)


def open_mail(settings: Settings) -> AbstractAsyncContextManager[Mail]:
    """Возвращает контекст ожидания SMTP-сервера; при ``MAIL__BACKEND=log`` он не нужен.

    Args:
        settings: Настройки приложения.
    """
    return opened("SMTP", Mail(settings.mail), settings.startup)
