"""Промежуточное ПО: журнал, заголовки безопасности.

Сюда же относятся обработка сбоя запуска и ограничение размера тела запроса.
"""

from app.core.middlewares.body_limit import BodyLimitMiddleware
from app.core.middlewares.logging import REQUEST_ID_HEADER, RequestLoggingMiddleware
from app.core.middlewares.security import SecurityHeadersMiddleware
from app.core.middlewares.startup import StartupFailureMiddleware

__all__ = [
    "REQUEST_ID_HEADER",
    "BodyLimitMiddleware",
    "RequestLoggingMiddleware",
    "SecurityHeadersMiddleware",
    "StartupFailureMiddleware",
]
