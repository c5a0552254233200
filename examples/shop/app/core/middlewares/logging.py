"""Журнал запросов и сквозной идентификатор запроса.

Идентификатор берётся из заголовка ``X-Request-ID`` (если он разумной длины) или создаётся,
попадает в контекст structlog — и значит, в каждую запись журнала в пределах запроса вместе
с методом, путём и (после маршрутизации) шаблоном маршрута — и возвращается клиенту в том же
заголовке. Итоговая запись о запросе добавляет статус и длительность.
"""

import re
import time
import uuid

import structlog
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.logging import get_logger
from app.core.logging.formatters import REQUEST_SCOPE

REQUEST_ID_HEADER = "X-Request-ID"
"""Заголовок со сквозным идентификатором запроса."""

_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,128}$")

logger = get_logger(__name__)


def _request_id(scope: Scope) -> str:
    """Возвращает идентификатор из заголовка запроса или создаёт новый."""
    for name, value in scope.get("headers", []):
        if name == b"x-request-id":
            candidate = bytes(value).decode("latin-1")
            if _VALID_REQUEST_ID.match(candidate):
                return candidate
    return uuid.uuid4().hex


class RequestLoggingMiddleware:
    """Пишет одну запись на запрос: метод, шаблон маршрута, статус и длительность."""

    def __init__(self, app: ASGIApp) -> None:
        """Оборачивает ASGI-приложение.

        Args:
            app: Следующее приложение в цепочке.
        """
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Обрабатывает запрос, добавляя идентификатор в контекст и в ответ."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _request_id(scope)
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(
            request_id=request_id, method=scope["method"], path=scope["path"]
        )
        scope_token = REQUEST_SCOPE.set(scope)
        started = time.perf_counter()
        status = 500

        async def send_with_request_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = request_id
            await send(message)

        try:
            await self.app(scope, receive, send_with_request_id)
        finally:
            logger.info(
                "Запрос обработан",
                status=status,
                duration_ms=round((time.perf_counter() - started) * 1000, 2),
            )
            REQUEST_SCOPE.reset(scope_token)
            structlog.contextvars.clear_contextvars()
