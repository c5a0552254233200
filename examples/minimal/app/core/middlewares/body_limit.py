"""Ограничение размера тела запроса: больший запрос отклоняется, не будучи принятым целиком.

Заявленный размер (``Content-Length``) проверяется до чтения тела; тело без заявленного
размера считается по мере чтения, и чтение прерывается, как только предел превышен. Так
большая загрузка не ложится ни в память, ни во временные файлы на диске.
"""

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.exceptions import PayloadTooLargeError, readable_size
from app.core.exceptions.handlers import app_error_handler


class BodyLimitMiddleware:
    """Отклоняет запросы с телом больше ``max_size`` байт ответом 413."""

    def __init__(self, app: ASGIApp, *, max_size: int) -> None:
        """Оборачивает ASGI-приложение.

        Args:
            app: Следующее приложение в цепочке.
            max_size: Наибольший размер тела, байт.
        """
        self.app = app
        self.max_size = max_size

    def error(self) -> PayloadTooLargeError:
        """Ошибка с пределом в понятном виде."""
        return PayloadTooLargeError(
            f"Тело запроса больше допустимых {readable_size(self.max_size)}"
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Проверяет заявленный размер и считает прочитанное."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_size:
            response = await app_error_handler(Request(scope), self.error())
            await response(scope, receive, send)
            return
        received = 0
        exceeded = started = refused = False

        async def receive_within_limit() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_size:
                    exceeded = True
                    raise self.error()
            return message

        async def refuse() -> None:
            nonlocal started, refused
            started = refused = True
            response = await app_error_handler(Request(scope), self.error())
            await response(scope, receive, send)

        async def send_or_refuse(message: Message) -> None:
            # Прерванное чтение приложение вправе принять за нечитаемое тело (FastAPI
            # отвечает на любую ошибку разбора 400): вместо такого ответа уходит 413.
            nonlocal started
            if refused:
                return
            if exceeded and not started:
                await refuse()
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive_within_limit, send_or_refuse)
        except PayloadTooLargeError:
            if started and not refused:
                raise
            if not refused:
                await refuse()
