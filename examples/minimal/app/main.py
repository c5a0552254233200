"""Точка входа: сборка приложения FastAPI."""

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app.core.exceptions import register_exception_handlers
from app.core.lifespan import lifespan
from app.core.logging import configure_logging
from app.core.middlewares import (
    REQUEST_ID_HEADER,
    BodyLimitMiddleware,
    RequestLoggingMiddleware,
    SecurityHeadersMiddleware,
    StartupFailureMiddleware,
)
from app.core.settings import Settings, SettingsError, get_settings
from app.routes.base import UNAVAILABLE
from app.routes.health import router as health_router
from app.routes.main import router


def create_app(settings: Settings | None = None) -> FastAPI:
    """Создаёт приложение с маршрутами, промежуточным ПО, обработчиками ошибок и жизненным циклом.

    Args:
        settings: Настройки; по умолчанию читаются из окружения.

    Returns:
        Готовое приложение FastAPI.
    """
    settings = settings or get_settings()
    configure_logging(level=settings.log.level, json_format=settings.json_logs)
    app = FastAPI(
        title=settings.title,
        description="Сервис заметок",
        version="0.1.0",
        debug=settings.debug,
        lifespan=lifespan,
    )
    app.state.settings = settings
    register_exception_handlers(app)
    app.add_middleware(BodyLimitMiddleware, max_size=settings.http.max_body_size)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.http.cors_origins,
        allow_credentials="*" not in settings.http.cors_origins,
        allow_methods=["*"],
        allow_headers=["*"],
        expose_headers=[REQUEST_ID_HEADER],
    )
    app.add_middleware(SecurityHeadersMiddleware, hsts=settings.environment == "prod")
    app.add_middleware(RequestLoggingMiddleware)
    app.add_middleware(StartupFailureMiddleware)
    app.include_router(health_router)
    app.include_router(router, responses=UNAVAILABLE)
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
