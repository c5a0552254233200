"""Проверки состояния для оркестратора: процесс жив и готов принимать запросы."""

import asyncio
from typing import Literal

from fastapi import APIRouter, Request, Response, status

from app.core.connections import (
    Cache,
    Database,
    Mail,
    Storage,
)
from app.core.logging import get_logger
from app.schemas.v1.health import HealthResponse

router = APIRouter(prefix="/health", tags=["health"])
PROBE_TIMEOUT = 2.0
"""Сколько секунд ждать ответа зависимости: зависшая зависимость — тоже недоступная."""
logger = get_logger(__name__)


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
    """Проверяет каждую зависимость; если хоть одна не отвечает — 503 с её названием."""
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
    checks: dict[str, Literal["ok", "unavailable"]] = {}
    for name, probe in probes.items():
        try:
            async with asyncio.timeout(PROBE_TIMEOUT):
                await probe()
        except Exception as error:
            logger.warning("Зависимость недоступна", dependency=name, error=str(error))
            checks[name] = "unavailable"
        else:
            checks[name] = "ok"
    if all(state == "ok" for state in checks.values()):
        return HealthResponse(status="ok", checks=checks)
    response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    return HealthResponse(status="unavailable", checks=checks)
