"""Клиент Redis для обработчиков запросов."""

from typing import Annotated

from fastapi import Depends, Request
from redis.asyncio import Redis

from app.core.connections import Cache


async def get_cache(request: Request) -> Redis:
    """Возвращает клиент Redis, открытый при запуске приложения.

    Args:
        request: Текущий запрос; подключение берётся из состояния приложения.
    """
    cache: Cache = request.app.state.cache
    return cache.client


CacheDep = Annotated[Redis, Depends(get_cache)]
"""Клиент Redis с общим пулом соединений."""
