"""IP-адрес клиента запроса (за доверенными прокси): по нему считаются попытки входа."""

from typing import Annotated

from fastapi import Depends, Request

from app.core.dependencies.base import app_resource
from app.core.middlewares.client import client_address
from app.core.settings import Settings


async def get_client_address(request: Request) -> str:
    """Возвращает IP-адрес клиента с учётом ``HTTP__TRUSTED_PROXIES``.

    Args:
        request: Текущий запрос.
    """
    settings = app_resource(request, "settings", Settings)
    return client_address(request.scope, settings.http.trusted_proxies)


ClientAddressDep = Annotated[str, Depends(get_client_address)]
"""IP-адрес клиента запроса."""
