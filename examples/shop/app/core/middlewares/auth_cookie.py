"""Вход по cookie: access-токен из cookie переносится в заголовок ``Authorization``.

Так один и тот же код проверяет токен и у мобильных клиентов (заголовок), и у браузеров
(cookie). Запрос, вошедший по cookie, помечается в ``scope["state"]``: для него изменяющие
запросы проверяет CSRF-защита (``verification.py``). Заголовок ``Authorization``, если он
есть, главнее cookie.
"""

from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Receive, Scope, Send

from app.core.security.cookies import ACCESS_COOKIE

COOKIE_AUTH = "auth_cookie"
"""Ключ ``scope["state"]``: запрос вошёл по cookie."""


def request_cookies(scope: Scope) -> dict[str, str]:
    """Разбирает cookie запроса.

    Args:
        scope: ASGI-scope запроса.
    """
    raw = b"; ".join(value for name, value in scope.get("headers", []) if name == b"cookie")
    return cookie_parser(raw.decode("latin-1")) if raw else {}


class CookieAuthMiddleware:
    """Подставляет access-токен из cookie, если запрос пришёл без заголовка ``Authorization``."""

    def __init__(self, app: ASGIApp) -> None:
        """Оборачивает ASGI-приложение.

        Args:
            app: Следующее приложение в цепочке.
        """
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Переносит токен из cookie в заголовок и помечает запрос."""
        if scope["type"] == "http":
            headers: list[tuple[bytes, bytes]] = list(scope.get("headers", []))
            token = request_cookies(scope).get(ACCESS_COOKIE)
            if token and not any(name == b"authorization" for name, _ in headers):
                headers.append((b"authorization", f"Bearer {token}".encode("latin-1")))
                scope["headers"] = headers
                scope.setdefault("state", {})[COOKIE_AUTH] = True
        await self.app(scope, receive, send)
