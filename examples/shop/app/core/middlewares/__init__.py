"""Промежуточное ПО: журнал, заголовки безопасности, метрики, лимиты, вход по cookie, CSRF.

Сюда же относятся обработка сбоя запуска и ограничение размера тела запроса, а также
запись времени активности пользователей.
"""

from app.core.middlewares.activity import ActivityMiddleware
from app.core.middlewares.auth_cookie import CookieAuthMiddleware
from app.core.middlewares.body_limit import BodyLimitMiddleware
from app.core.middlewares.logging import REQUEST_ID_HEADER, RequestLoggingMiddleware
from app.core.middlewares.metrics import MetricsMiddleware
from app.core.middlewares.rate_limit import RateLimitMiddleware
from app.core.middlewares.security import SecurityHeadersMiddleware
from app.core.middlewares.startup import StartupFailureMiddleware
from app.core.middlewares.verification import CsrfMiddleware

__all__ = [
    "REQUEST_ID_HEADER",
    "ActivityMiddleware",
    "BodyLimitMiddleware",
    "CookieAuthMiddleware",
    "CsrfMiddleware",
    "MetricsMiddleware",
    "RateLimitMiddleware",
    "RequestLoggingMiddleware",
    "SecurityHeadersMiddleware",
    "StartupFailureMiddleware",
]
