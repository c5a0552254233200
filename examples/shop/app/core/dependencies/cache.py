"""Клиент Redis для обработчиков запросов."""

from typing import Annotated

from fastapi import Depends, Request
from redis.asyncio import Redis

from app.core.connections import Cache
from app.core.dependencies.base import app_resource


async def get_cache(request: Request) -> Redis:
    """Возвращает клиент Redis, открытый при запуске приложения.

    Args:
        request: Текущий запрос; подключение берётся из состояния приложения.
    """
    return app_resource(request, "cache", Cache).client


CacheDep = Annotated[Redis, Depends(get_cache)]
"""Клиент Redis с общим пулом соединений."""


async def get_cache_connection(request: Request) -> Cache:
    """Возвращает подключение к Redis: клиент и префикс ключей приложения.

    Args:
        request: Текущий запрос; подключение берётся из состояния приложения.
    """
    return app_resource(request, "cache", Cache)


CacheConnectionDep = Annotated[Cache, Depends(get_cache_connection)]
"""Подключение к Redis для кэша записей."""
