"""Метрики Prometheus: число и длительность запросов по шаблону маршрута.

Метка ``route`` — шаблон пути (``/api/v1/payments/{payment_id}``), а не сам путь, чтобы
число временных рядов не росло с числом записей; запросы мимо маршрутов учитываются как
``<unmatched>``.
"""

import time

from prometheus_client import CollectorRegistry, Counter, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REGISTRY = CollectorRegistry(auto_describe=True)
"""Реестр метрик приложения (отдельный от глобального, чтобы тесты были независимы)."""

UNMATCHED = "<unmatched>"

REQUESTS = Counter(
    "http_requests_total",
    "Число HTTP-запросов.",
    ["method", "route", "status"],
    registry=REGISTRY,
)
LATENCY = Histogram(
    "http_request_duration_seconds",
    "Длительность обработки HTTP-запроса, с.",
    ["method", "route"],
    registry=REGISTRY,
)


class MetricsMiddleware:
    """Считает запросы и их длительность с метками метода, маршрута и статуса."""

    def __init__(self, app: ASGIApp) -> None:
        """Оборачивает ASGI-приложение.

        Args:
            app: Следующее приложение в цепочке.
        """
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Измеряет запрос и записывает метрики после ответа."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_and_remember(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_remember)
        finally:
            route = getattr(scope.get("route"), "path", None) or UNMATCHED
            method = scope["method"]
            REQUESTS.labels(method=method, route=route, status=str(status)).inc()
            LATENCY.labels(method=method, route=route).observe(time.perf_counter() - started)
