"""Ограничение частоты запросов с одного IP-адреса, счётчики — в Redis.

Окно скользящее (:mod:`app.core.moving_window`), время — по часам приложения. Ответ при
превышении — 429 с заголовком ``Retry-After`` и телом в едином формате ошибок. Адрес клиента
берётся из ``X-Forwarded-For`` только за доверенными прокси (``HTTP__TRUSTED_PROXIES``, см.
``client.py``). Если Redis недоступен, запрос пропускается, а в журнал пишется
предупреждение: недоступный счётчик не должен останавливать сервис.
"""

from limits import RateLimitItem, parse
from redis.exceptions import RedisError
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from app.core.clock import Clock
from app.core.connections import Cache
from app.core.exceptions.rate_limit import RateLimitExceededError
from app.core.logging import get_logger
from app.core.middlewares.client import client_address
from app.core.moving_window import RedisMovingWindow
from app.core.settings import Settings
from app.schemas.v1.errors import ErrorBody, ErrorResponse

EXEMPT_PREFIXES = ("/health", "/metrics")
"""Пути, которые не ограничиваются: проверки состояния и метрики."""

NAMESPACE = "rate-limit"
"""Пространство ключей счётчиков в Redis (после префикса ключей приложения)."""

logger = get_logger(__name__)


class RateLimitMiddleware:
    """Считает запросы каждого клиента и отвечает 429 при превышении лимита."""

    def __init__(self, app: ASGIApp, *, settings: Settings, clock: Clock) -> None:
        """Оборачивает ASGI-приложение.

        Args:
            app: Следующее приложение в цепочке.
            settings: Лимит, его включение и число доверенных прокси.
            clock: Часы приложения: по ним считается окно.
        """
        self.app = app
        self.enabled = settings.rate_limit.enabled
        self.limit: RateLimitItem = parse(settings.rate_limit.default)
        self.trusted_proxies = settings.http.trusted_proxies
        self.clock = clock
        self._cache: Cache | None = None
        self._window: RedisMovingWindow | None = None

    def _window_for(self, cache: Cache) -> RedisMovingWindow:
        """Возвращает окно поверх текущего подключения к Redis."""
        if self._window is None or self._cache is not cache:
            window = RedisMovingWindow(cache, self.limit, NAMESPACE, clock=self.clock)
            self._cache, self._window = cache, window
        return self._window

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Пропускает запрос или отвечает 429."""
        path: str = scope.get("path", "")
        if scope["type"] != "http" or not self.enabled or path.startswith(EXEMPT_PREFIXES):
            await self.app(scope, receive, send)
            return
        window = self._window_for(scope["app"].state.cache)
        key = client_address(scope, self.trusted_proxies)
        try:
            retry_after = await window.hit(key)
        except RedisError as error:
            logger.warning("Счётчик запросов недоступен, запрос пропущен", error=str(error))
            retry_after = 0
        if not retry_after:
            await self.app(scope, receive, send)
            return
        exceeded = RateLimitExceededError(retry_after)
        body = ErrorResponse(error=ErrorBody(code=exceeded.code, message=exceeded.message))
        response = JSONResponse(
            body.model_dump(mode="json"),
            status_code=exceeded.status_code,
            headers=exceeded.headers,
        )
        await response(scope, receive, send)
