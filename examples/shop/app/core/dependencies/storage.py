"""Хранилище файлов для обработчиков запросов."""

from typing import Annotated

from fastapi import Depends, Request

from app.core.connections import Storage


async def get_storage(request: Request) -> Storage:
    """Возвращает подключение к хранилищу, открытое при запуске приложения.

    Args:
        request: Текущий запрос; подключение берётся из состояния приложения.
    """
    storage: Storage = request.app.state.storage
    return storage


StorageDep = Annotated[Storage, Depends(get_storage)]
"""Подключение к S3: клиент с общим пулом соединений и бакет приложения."""
