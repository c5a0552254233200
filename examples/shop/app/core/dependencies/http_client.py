"""HTTP-клиент для внешних API в обработчиках запросов."""

from typing import Annotated

import httpx
from fastapi import Depends, Request

from app.core.dependencies.base import app_resource


async def get_http_client(request: Request) -> httpx.AsyncClient:
    """Возвращает общий HTTP-клиент, открытый при запуске приложения.

    Args:
        request: Текущий запрос; клиент берётся из состояния приложения.
    """
    return app_resource(request, "http_client", httpx.AsyncClient)


HttpClientDep = Annotated[httpx.AsyncClient, Depends(get_http_client)]
"""Общий HTTP-клиент: пул соединений, тайм-ауты и повторы."""
