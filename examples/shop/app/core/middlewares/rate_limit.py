"""Ограничение частоты запросов с одного IP-адреса, счётчики — в Redis.

Окно скользящее (библиотека ``limits``). Ответ при превышении — 429 с заголовком
``Retry-After`` и телом в едином формате ошибок. Адрес клиента берётся из
``X-Forwarded-For`` только за доверенными прокси (``HTTP__TRUSTED_PROXIES``, см.
``client.py``). Если Redis недоступен, запрос пропускается, а в журнал пишется
предупреждение: недоступный счётчик не должен останавливать сервис.
"""

import math
import time
from typing import Any

from limits import RateLimitItem, parse
from limits.aio.storage import RedisStorage
from limits.aio.strategies import MovingWindowRateLimiter
from redis.exceptions import RedisError
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from app.core.connections import Cache
from app.core.exceptions.rate_limit import RateLimitExceededError
from app.core.logging import get_logger
from app.core.middlewares.client import client_address
from app.core.settings import Settings
from app.schemas.v1.errors import ErrorBody, ErrorResponse

EXEMPT_PREFIXES = ("/health", "/metrics")
"""Пути, которые не ограничиваются: проверки состояния и метрики."""

NAMESPACE = "rate-limit"
"""Пространство ключей счётчиков в Redis."""

logger = get_logger(__name__)


class RateLimitMiddleware:
    """Считает запросы каждого клиента и отвечает 429 при превышении лимита."""

    def __init__(self, app: ASGIApp, *, settings: Settings) -> None:
        """Оборачивает ASGI-приложение.

        Args:
            app: Следующее приложение в цепочке.
            settings: Лимит, его включение и число доверенных прокси.
        """
        self.app = app
        self.enabled = settings.rate_limit.enabled
        self.limit: RateLimitItem = parse(settings.rate_limit.default)
        self.trusted_proxies = settings.http.trusted_proxies
        self._cache: Cache | None = None
        self._limiter: MovingWindowRateLimiter | None = None

    def _limiter_for(self, cache: Cache) -> MovingWindowRateLimiter:
        """Возвращает ограничитель поверх пула соединений текущего подключения к Redis."""
        if self._limiter is None or self._cache is not cache:
            # Счётчики используют общий пул соединений приложения, а не открывают свой.
            options: dict[str, Any] = {"connection_pool": cache.pool}
            storage = RedisStorage("async+redis://", implementation="redispy", **options)
            self._cache, self._limiter = cache, MovingWindowRateLimiter(storage)
        return self._limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Пропускает запрос или отвечает 429."""
        path: str = scope.get("path", "")
        if scope["type"] != "http" or not self.enabled or path.startswith(EXEMPT_PREFIXES):
            await self.app(scope, receive, send)
            return
        limiter = self._limiter_for(scope["app"].state.cache)
        key = client_address(scope, self.trusted_proxies)
        try:
            allowed = await limiter.hit(self.limit, NAMESPACE, key)
            if not allowed:
                stats = await limiter.get_window_stats(self.limit, NAMESPACE, key)
        except RedisError as error:
            logger.warning("Счётчик запросов недоступен, запрос пропущен", error=str(error))
            allowed = True
        if allowed:
            await self.app(scope, receive, send)
            return
        retry_after = max(1, math.ceil(stats.reset_time - time.time()))
        exceeded = RateLimitExceededError(retry_after)
        body = ErrorResponse(error=ErrorBody(code=exceeded.code, message=exceeded.message))
        response = JSONResponse(
            body.model_dump(mode="json"),
            status_code=exceeded.status_code,
            headers={"Retry-After": str(retry_after)},
        )
        await response(scope, receive, send)
