"""Короткое сообщение о неудачном запуске вместо трассировки стека.

Starlette передаёт серверу при сбое запуска полный текст трассировки, и uvicorn печатает
его целиком. Если запуск прерван понятной причиной — зависимость не ответила за
отведённые попытки, — достаточно одной строки с этой причиной.
"""

import sys

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.connections import StartupError


class StartupFailureMiddleware:
    """Заменяет трассировку в сообщении о сбое запуска текстом ``StartupError``."""

    def __init__(self, app: ASGIApp) -> None:
        """Оборачивает ASGI-приложение.

        Args:
            app: Следующее приложение в цепочке.
        """
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Пропускает запросы как есть и сокращает сообщение о сбое запуска."""
        if scope["type"] != "lifespan":
            await self.app(scope, receive, send)
            return

        async def send_briefly(message: Message) -> None:
            # Starlette отправляет это сообщение из блока except: исключение ещё доступно.
            error = sys.exception()
            if message["type"] == "lifespan.startup.failed" and isinstance(error, StartupError):
                message = {**message, "message": f"Запуск прерван: {error}"}
            await send(message)

        await self.app(scope, receive, send_briefly)
