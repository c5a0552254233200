"""Документ AsyncAPI о событиях приложения."""

from functools import cache

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse
from faststream.rabbit import RabbitBroker
from faststream.specification import AsyncAPI, get_asyncapi_html
from faststream.specification.base import Specification

from app.core.connections import Messaging

router = APIRouter(tags=["events"])


@cache
def specification(broker: RabbitBroker, title: str) -> Specification:
    """Строит документ AsyncAPI по издателям и потребителям, зарегистрированным на брокере.

    Args:
        broker: Брокер приложения.
        title: Название сервиса.
    """
    return AsyncAPI(broker, title=f"{title}: события", version="0.1.0").to_specification()


def _specification(request: Request) -> Specification:
    """Документ AsyncAPI приложения, обслуживающего запрос."""
    messaging: Messaging = request.app.state.messaging
    return specification(messaging.broker, request.app.title)


@router.get("/asyncapi", include_in_schema=False)
async def asyncapi_page(request: Request) -> HTMLResponse:
    """Показывает документ AsyncAPI: какие события публикуются и кто их получает."""
    return HTMLResponse(get_asyncapi_html(_specification(request), try_it_out_path=None))


@router.get("/asyncapi.json", include_in_schema=False)
async def asyncapi_json(request: Request) -> JSONResponse:
    """Возвращает документ AsyncAPI в формате JSON."""
    return JSONResponse(_specification(request).to_jsonable())
