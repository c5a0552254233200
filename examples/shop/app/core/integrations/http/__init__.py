"""HTTP-клиент для внешних API: общий пул соединений, тайм-ауты и повторы с паузой."""

from app.core.integrations.http.client import create_http_client, retry_policy

__all__ = ["create_http_client", "retry_policy"]
