"""Точка входа: сборка приложения FastAPI."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.core.connections import Database
from app.core.exceptions import register_exception_handlers
from app.core.settings import Settings, get_settings
from app.routes.main import router


def create_app(settings: Settings | None = None) -> FastAPI:
    """Создаёт приложение с маршрутами, обработчиками ошибок и жизненным циклом.

    Args:
        settings: Настройки; по умолчанию читаются из окружения.

    Returns:
        Готовое приложение FastAPI.
    """
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        """Открывает подключение к базе данных на время работы приложения."""
        database = Database(settings.database)
        await database.ping()
        app.state.database = database
        try:
            yield
        finally:
            await database.close()

    app = FastAPI(
        title=settings.title,
        description="Интернет-магазин с каталогом, адресами доставки и платежами",
        version="0.1.0",
        debug=settings.debug,
        lifespan=lifespan,
    )
    register_exception_handlers(app)
    app.include_router(router)
    return app


app = create_app()
