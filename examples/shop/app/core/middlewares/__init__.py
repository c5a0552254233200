"""Промежуточное ПО: журнал запросов, заголовки безопасности, сбой запуска, метрики, лимиты."""

from app.core.middlewares.body_limit import BodyLimitMiddleware
from app.core.middlewares.logging import REQUEST_ID_HEADER, RequestLoggingMiddleware
from app.core.middlewares.metrics import MetricsMiddleware
from app.core.middlewares.rate_limit import RateLimitMiddleware
from app.core.middlewares.security import SecurityHeadersMiddleware
from app.core.middlewares.startup import StartupFailureMiddleware

__all__ = [
    "REQUEST_ID_HEADER",
    "BodyLimitMiddleware",
    "MetricsMiddleware",
    "RateLimitMiddleware",
    "RequestLoggingMiddleware",
    "SecurityHeadersMiddleware",
    "StartupFailureMiddleware",
]
