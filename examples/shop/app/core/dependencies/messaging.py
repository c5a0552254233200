"""Брокер сообщений для обработчиков запросов."""

from typing import Annotated

from fastapi import Depends, Request
from faststream.rabbit import RabbitBroker

from app.core.connections import Messaging
from app.core.dependencies.base import app_resource


async def get_broker(request: Request) -> RabbitBroker:
    """Возвращает брокер RabbitMQ, подключённый при запуске приложения.

    Args:
        request: Текущий запрос; подключение берётся из состояния приложения.
    """
    return app_resource(request, "messaging", Messaging).broker


BrokerDep = Annotated[RabbitBroker, Depends(get_broker)]
"""Брокер сообщений FastStream."""
