"""Заголовки безопасности для каждого HTTP-ответа."""

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HSTS_VALUE = "max-age=63072000; includeSubDomains"
"""HSTS на два года: браузер обращается к сервису только по HTTPS."""


class SecurityHeadersMiddleware:
    """Запрещает угадывание типа содержимого и встраивание во фреймы; в prod включает HSTS."""

    def __init__(self, app: ASGIApp, *, hsts: bool) -> None:
        """Оборачивает ASGI-приложение.

        Args:
            app: Следующее приложение в цепочке.
            hsts: Добавлять ``Strict-Transport-Security`` (только в prod, за HTTPS).
        """
        self.app = app
        self.headers = {
            "X-Content-Type-Options": "nosniff",
            "X-Frame-Options": "DENY",
            "Referrer-Policy": "no-referrer",
        }
        if hsts:
            self.headers["Strict-Transport-Security"] = HSTS_VALUE

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Добавляет заголовки к началу ответа."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)
