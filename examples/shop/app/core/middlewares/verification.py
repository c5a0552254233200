"""Верификация запросов: CSRF-защита запросов, вошедших по cookie.

Браузер отправляет cookie и на запросы, которые страница чужого сайта заставила его
сделать. Поэтому изменяющий запрос (POST, PUT, PATCH, DELETE) с cookie входа должен
повторить CSRF-токен сессии в заголовке ``X-CSRF-Token``: чужой сайт не может ни прочитать
cookie, ни подобрать токен — это подпись идентификатора сессии секретным ключом. Запросы с
заголовком ``Authorization`` (не cookie) не проверяются: браузер сам его не добавляет.
"""

from uuid import UUID

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from app.core.clock import Clock
from app.core.exceptions import AppError, CsrfError
from app.core.middlewares.auth_cookie import COOKIE_AUTH, request_cookies
from app.core.security.cookies import ACCESS_COOKIE, CSRF_HEADER, REFRESH_COOKIE, REFRESH_PATH
from app.core.security.token import TokenCodec, TokenType
from app.core.settings import Settings
from app.schemas.v1.errors import ErrorBody, ErrorResponse

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
"""Методы, которые ничего не меняют и не проверяются."""


class CsrfMiddleware:
    """Отклоняет с 403 изменяющие запросы по cookie без верного CSRF-токена."""

    def __init__(self, app: ASGIApp, *, settings: Settings, clock: Clock) -> None:
        """Оборачивает ASGI-приложение.

        Args:
            app: Следующее приложение в цепочке.
            settings: Настройки: ключ, которым подписаны токены.
            clock: Часы приложения: по ним проверяется срок токена из cookie.
        """
        self.app = app
        self.tokens = TokenCodec(settings, clock=clock)

    def _session(self, token: str | None, kind: TokenType) -> UUID | None:
        """Сессия из токена cookie; ``None``, если токена нет или он недействителен."""
        if not token:
            return None
        try:
            return self.tokens.decode(token, kind).sid
        except AppError:
            # Недействительный токен ничего не даёт: маршрут, которому нужен вход, откажет сам.
            return None

    def cookie_session(self, scope: Scope) -> UUID | None:
        """Возвращает сессию, по cookie которой вошёл запрос, или ``None``.

        Args:
            scope: ASGI-scope запроса.
        """
        cookies = request_cookies(scope)
        if scope.get("state", {}).get(COOKIE_AUTH):
            session = self._session(cookies.get(ACCESS_COOKIE), TokenType.access)
            if session is not None:
                return session
        if scope.get("path") == REFRESH_PATH:
            return self._session(cookies.get(REFRESH_COOKIE), TokenType.refresh)
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Пропускает запрос или отвечает 403."""
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        session = self.cookie_session(scope)
        if session is None:
            await self.app(scope, receive, send)
            return
        name = CSRF_HEADER.lower().encode()
        presented = next(
            (value.decode("latin-1") for key, value in scope.get("headers", []) if key == name),
            None,
        )
        if self.tokens.check_csrf(session, presented):
            await self.app(scope, receive, send)
            return
        error = CsrfError()
        body = ErrorResponse(error=ErrorBody(code=error.code, message=error.message))
        response = JSONResponse(body.model_dump(mode="json"), status_code=error.status_code)
        await response(scope, receive, send)
