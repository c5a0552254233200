"""Базовый жизненный цикл: зависимости открываются по порядку и закрываются в обратном."""

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager

from fastapi import FastAPI

from app.core.integrations.http import create_http_client
from app.core.lifespan.auth import open_auth
from app.core.lifespan.clients import open_cache, open_mail, open_storage
from app.core.lifespan.database import open_database
from app.core.logging import get_logger
from app.core.settings import Settings

logger = get_logger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Открывает подключения при запуске приложения и закрывает их при остановке.

    Args:
        app: Приложение; настройки берутся из ``app.state.settings``.
    """
    settings: Settings = app.state.settings
    async with AsyncExitStack() as stack:
        app.state.database = await stack.enter_async_context(open_database(settings))
        app.state.cache = await stack.enter_async_context(open_cache(settings))
        # RabbitMQ приложению не нужен: события пишутся в outbox, отправляет их обработчик
        # (python -m app.worker). Соединение для BrokerDep открывается при первом обращении.
        stack.push_async_callback(app.state.messaging.close)
        app.state.storage = await stack.enter_async_context(open_storage(settings))
        app.state.mail = await stack.enter_async_context(open_mail(settings))
        app.state.http_client = await stack.enter_async_context(
            create_http_client(settings.http_client)
        )
        await stack.enter_async_context(open_auth(app, settings))
        logger.info("Приложение запущено", environment=settings.environment)
        yield
    logger.info("Приложение остановлено")
