"""Страница метрик Prometheus."""

from fastapi import APIRouter, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from app.core.middlewares.metrics import REGISTRY

router = APIRouter(tags=["metrics"])


@router.get("/metrics", summary="Метрики Prometheus", include_in_schema=False)
async def metrics() -> Response:
    """Отдаёт текущие значения метрик в текстовом формате Prometheus."""
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)
