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


async def get_cache_connection(request: Request) -> Cache:
    """Возвращает подключение к Redis: клиент и префикс ключей приложения.

    Args:
        request: Текущий запрос; подключение берётся из состояния приложения.
    """
    cache: Cache = request.app.state.cache
    return cache


CacheConnectionDep = Annotated[Cache, Depends(get_cache_connection)]
"""Подключение к Redis для кэша записей."""
