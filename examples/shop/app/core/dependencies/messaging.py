"""Брокер сообщений для обработчиков запросов."""

from typing import Annotated

from fastapi import Depends, Request
from faststream.rabbit import RabbitBroker

from app.core.connections import Messaging


async def get_broker(request: Request) -> RabbitBroker:
    """Возвращает брокер RabbitMQ, подключённый при запуске приложения.

    Args:
        request: Текущий запрос; подключение берётся из состояния приложения.
    """
    messaging: Messaging = request.app.state.messaging
    return messaging.broker


BrokerDep = Annotated[RabbitBroker, Depends(get_broker)]
"""Брокер сообщений FastStream."""
