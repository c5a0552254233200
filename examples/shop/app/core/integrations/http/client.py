"""Общий HTTP-клиент (httpx) для внешних API с повторами при временных сбоях (httpx-retries).

Повторяются только идемпотентные методы (GET, HEAD, PUT, DELETE, OPTIONS, TRACE) — после
обрыва соединения, тайм-аута и ответов 429, 502, 503, 504; пауза растёт вдвое и случайна,
``Retry-After`` учитывается. Если повторы исчерпаны, возвращается последний ответ: статус
проверяет вызывающий код (``response.raise_for_status()``). POST можно повторять только с
ключом идемпотентности: ``extensions={"retry": retry_policy(...).copy_with(
allowed_methods=["POST"])}``.
"""

import httpx
from httpx_retries import Retry, RetryTransport

from app.core.settings import HttpClientSettings


def retry_policy(settings: HttpClientSettings) -> Retry:
    """Возвращает правила повторов из настроек.

    Args:
        settings: Число повторов и паузы.
    """
    return Retry(
        total=settings.retries,
        backoff_factor=settings.backoff,
        max_backoff_wait=settings.max_backoff,
    )


def create_http_client(settings: HttpClientSettings) -> httpx.AsyncClient:
    """Создаёт клиент; закрывать его нужно вместе с приложением.

    Пул соединений и его пределы задаются на внутреннем транспорте: клиент с транспортом
    свой параметр ``limits`` не применяет.

    Args:
        settings: Тайм-ауты, повторы и размер пула.
    """
    inner = httpx.AsyncHTTPTransport(
        limits=httpx.Limits(
            max_connections=settings.max_connections,
            max_keepalive_connections=min(20, settings.max_connections),
        )
    )
    return httpx.AsyncClient(
        timeout=httpx.Timeout(settings.timeout, connect=settings.connect_timeout),
        transport=RetryTransport(transport=inner, retry=retry_policy(settings)),
        headers={"User-Agent": settings.user_agent},
    )
