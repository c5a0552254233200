"""Подготовка обмена событиями: регистрация на брокере, топология, запуск потребителей."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.core.connections import Messaging
from app.core.integrations.messaging.broker import ConsumerQueues, events_exchange
from app.core.integrations.messaging.consumers import register_consumers
from app.core.integrations.messaging.producers import document_publishers
from app.core.logging import get_logger

logger = get_logger(__name__)


def setup_messaging(app: FastAPI, messaging: Messaging) -> list[ConsumerQueues]:
    """Регистрирует издателей и потребителей на брокере приложения для документа AsyncAPI.

    Приложение потребителей не запускает: они работают в процессе-обработчике
    (``python -m app.worker``), который регистрирует их на своём брокере.

    Args:
        app: Приложение; потребители берут из его состояния подключение к базе.
        messaging: Подключение к RabbitMQ, ещё не открытое.

    Returns:
        Очереди потребителей: их очереди повторов и отложенных сообщений объявляются при запуске.
    """
    document_publishers(messaging)
    return register_consumers(messaging, lambda: app.state.database)


@asynccontextmanager
async def run_messaging(
    messaging: Messaging, consumers: list[ConsumerQueues]
) -> AsyncIterator[None]:
    """Объявляет обменник и очереди и, если они включены, запускает потребителей обработчика.

    Объявление повторяемо: существующие обменник и очереди не меняются. По выходе из
    контекста потребители останавливаются, дождавшись обработки уже полученных сообщений.

    Args:
        messaging: Подключение к RabbitMQ, уже проверенное.
        consumers: Очереди потребителей из :func:`setup_messaging`.

    Yields:
        Управление на время работы обработчика.
    """
    broker = messaging.broker
    exchange = await broker.declare_exchange(events_exchange(messaging.settings.namespace))
    for queues in consumers:
        # Очереди потребителей объявляются и привязываются всегда, даже если потребители
        # выключены (MESSAGING__CONSUMERS=false): иначе события до их запуска пропали бы.
        main = await broker.declare_queue(queues.main)
        await main.bind(exchange, routing_key=queues.main.routing_key)
        await broker.declare_queue(queues.retry)
        await broker.declare_queue(queues.dead)
    if not messaging.settings.consumers:
        yield
        return
    await broker.start()
    logger.info("Потребители событий запущены", consumers=len(consumers))
    try:
        yield
    finally:
        for subscriber in broker.subscribers:
            await subscriber.stop()
        logger.info("Потребители событий остановлены")
