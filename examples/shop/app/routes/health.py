"""Проверки состояния для оркестратора: процесс жив и готов принимать запросы."""

import asyncio
from collections.abc import Awaitable, Callable
from typing import Literal

from fastapi import APIRouter, Request, Response, status

from app.core.connections import (
    Cache,
    Database,
    Mail,
    Storage,
    failure_reason,
    probe_within,
)
from app.core.logging import get_logger
from app.core.settings import Settings
from app.schemas.v1.health import HealthResponse

router = APIRouter(prefix="/health", tags=["health"])
logger = get_logger(__name__)

State = Literal["ok", "unavailable"]
"""Состояние одной зависимости."""


async def check(name: str, probe: Callable[[], Awaitable[None]], seconds: float) -> State:
    """Проверяет одну зависимость; зависшая (не ответившая за ``seconds``) — недоступна.

    Args:
        name: Название зависимости для журнала.
        probe: Пробный запрос.
        seconds: Тайм-аут проверки, с (``STARTUP__TIMEOUT``).
    """
    try:
        await probe_within(probe, seconds)
    except Exception as error:
        logger.warning("Зависимость недоступна", dependency=name, error=failure_reason(error))
        return "unavailable"
    return "ok"


@router.get("/live", summary="Процесс жив")
async def live() -> HealthResponse:
    """Отвечает, пока процесс работает; зависимости не проверяются."""
    return HealthResponse(status="ok")


@router.get(
    "/ready",
    summary="Сервис готов принимать запросы",
    responses={503: {"model": HealthResponse, "description": "Зависимость недоступна."}},
)
async def ready(request: Request, response: Response) -> HealthResponse:
    """Проверяет зависимости одновременно; если хоть одна не отвечает — 503 с её названием.

    Каждая проверка длится не дольше ``STARTUP__TIMEOUT``, поэтому и весь ответ тоже.
    """
    settings: Settings = request.app.state.settings
    database: Database = request.app.state.database
    cache: Cache = request.app.state.cache
    storage: Storage = request.app.state.storage
    mail: Mail = request.app.state.mail
    probes = {
        "database": database.ping,
        # RabbitMQ не проверяется: запросы его не касаются, события ждут в outbox, пока
        # брокер недоступен; брокер — забота обработчика событий (python -m app.worker).
        "cache": cache.ping,
        "storage": storage.ping,
        "mail": mail.ping,
    }
    timeout = settings.startup.timeout
    states = await asyncio.gather(*(check(name, probe, timeout) for name, probe in probes.items()))
    checks = dict(zip(probes, states, strict=True))
    if all(state == "ok" for state in checks.values()):
        return HealthResponse(status="ok", checks=checks)
    response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    return HealthResponse(status="unavailable", checks=checks)
