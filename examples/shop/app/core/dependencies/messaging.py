"""Брокер сообщений для обработчиков запросов."""

from typing import Annotated

from fastapi import Depends, Request
from faststream.rabbit import RabbitBroker

from app.core.connections import Messaging
from app.core.dependencies.base import app_resource


async def get_broker(request: Request) -> RabbitBroker:
    """Возвращает брокер RabbitMQ, подключаясь к нему при первом обращении.

    Приложение с событиями не ждёт RabbitMQ при запуске: события уходят через outbox, а
    соединение открывается, только когда обработчику запроса нужен сам брокер.

    Args:
        request: Текущий запрос; подключение берётся из состояния приложения.
    """
    broker = app_resource(request, "messaging", Messaging).broker
    await broker.connect()
    return broker


BrokerDep = Annotated[RabbitBroker, Depends(get_broker)]
"""Брокер сообщений FastStream."""
