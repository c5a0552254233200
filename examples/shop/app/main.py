"""Точка входа: сборка приложения FastAPI."""

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app.core.clock import Clock, SystemClock
from app.core.connections import Messaging
from app.core.exceptions import register_exception_handlers
from app.core.integrations.messaging.api import router as asyncapi_router
from app.core.integrations.messaging.setup import setup_messaging
from app.core.lifespan import lifespan
from app.core.logging import configure_logging
from app.core.middlewares import (
    REQUEST_ID_HEADER,
    ActivityMiddleware,
    BodyLimitMiddleware,
    CookieAuthMiddleware,
    CsrfMiddleware,
    MetricsMiddleware,
    RateLimitMiddleware,
    RequestLoggingMiddleware,
    SecurityHeadersMiddleware,
    StartupFailureMiddleware,
)
from app.core.settings import Settings, SettingsError, get_settings
from app.routes.base import RATE_LIMITED, UNAVAILABLE
from app.routes.health import router as health_router
from app.routes.main import router
from app.routes.metrics import router as metrics_router


def create_app(settings: Settings | None = None, *, clock: Clock | None = None) -> FastAPI:
    """Создаёт приложение с маршрутами, промежуточным ПО, обработчиками ошибок и жизненным циклом.

    Args:
        settings: Настройки; по умолчанию читаются из окружения.
        clock: Часы лимитов, входа и токенов; по умолчанию системные (тесты подставляют свои).

    Returns:
        Готовое приложение FastAPI.
    """
    settings = settings or get_settings()
    clock = clock or SystemClock()
    configure_logging(level=settings.log.level, json_format=settings.json_logs)
    app = FastAPI(
        title=settings.title,
        description="Интернет-магазин с каталогом, адресами доставки и платежами",
        version="0.1.0",
        debug=settings.debug,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.clock = clock
    # Брокер создаётся до запуска: подписчики и публикаторы регистрируются на нём заранее,
    # а жизненный цикл только подключается к RabbitMQ.
    app.state.messaging = Messaging(settings.messaging)
    app.state.consumer_queues = setup_messaging(app, app.state.messaging)
    register_exception_handlers(app)
    # CSRF-проверка видит отметку «вход по cookie», которую ставит внешний CookieAuthMiddleware.
    app.add_middleware(CsrfMiddleware, settings=settings, clock=clock)
    app.add_middleware(CookieAuthMiddleware)
    app.add_middleware(ActivityMiddleware, clock=clock)
    app.add_middleware(BodyLimitMiddleware, max_size=settings.http.max_body_size)
    app.add_middleware(RateLimitMiddleware, settings=settings, clock=clock)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.http.cors_origins,
        allow_credentials="*" not in settings.http.cors_origins,
        allow_methods=["*"],
        allow_headers=["*"],
        expose_headers=[REQUEST_ID_HEADER],
    )
    app.add_middleware(SecurityHeadersMiddleware, hsts=settings.environment == "prod")
    app.add_middleware(MetricsMiddleware)
    app.add_middleware(RequestLoggingMiddleware)
    app.add_middleware(StartupFailureMiddleware)
    app.include_router(health_router)
    app.include_router(metrics_router)
    app.include_router(asyncapi_router)
    app.include_router(router, responses=RATE_LIMITED | UNAVAILABLE)
    return app


def serve() -> FastAPI:
    """Фабрика приложения для uvicorn (``uvicorn app.main:serve --factory``).

    Неверные настройки завершают процесс одной строкой с причинами, без трассировки стека.

    Returns:
        Приложение с настройками из окружения.
    """
    try:
        return create_app()
    except SettingsError as error:
        raise SystemExit(str(error)) from None
