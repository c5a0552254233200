"""Промежуточное ПО: журнал запросов, заголовки безопасности."""

from app.core.middlewares.logging import REQUEST_ID_HEADER, RequestLoggingMiddleware
from app.core.middlewares.security import SecurityHeadersMiddleware

__all__ = [
    "REQUEST_ID_HEADER",
    "RequestLoggingMiddleware",
    "SecurityHeadersMiddleware",
]
