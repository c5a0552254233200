"""Хранилище файлов для обработчиков запросов."""

from typing import Annotated

from fastapi import Depends, Request

from app.core.connections import Storage
from app.core.dependencies.base import app_resource


async def get_storage(request: Request) -> Storage:
    """Возвращает подключение к хранилищу, открытое при запуске приложения.

    Args:
        request: Текущий запрос; подключение берётся из состояния приложения.
    """
    return app_resource(request, "storage", Storage)


StorageDep = Annotated[Storage, Depends(get_storage)]
"""Подключение к S3: клиент с общим пулом соединений и бакет приложения."""
