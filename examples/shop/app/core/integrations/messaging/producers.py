"""Публикация событий предметной области в обменник событий."""

import asyncio
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from aiormq.abc import DeliveredMessage
from faststream.rabbit import RabbitBroker

from app.core.connections import Messaging
from app.core.integrations.messaging.broker import events_exchange
from app.core.logging import get_logger
from app.schemas.v1.base import IntegrationEvent
from app.schemas.v1.catalog import (
    ProductCreated,
    ProductDeleted,
    ProductUpdated,
)
from app.schemas.v1.payments import (
    PaymentCreated,
    PaymentUpdated,
)

logger = get_logger(__name__)

PUBLISHED_EVENTS: tuple[type[IntegrationEvent], ...] = (
    ProductCreated,
    ProductUpdated,
    ProductDeleted,
    PaymentCreated,
    PaymentUpdated,
)
"""Все события, которые публикует приложение (для документа AsyncAPI)."""


@dataclass(frozen=True)
class OutgoingMessage:
    """Сообщение о событии, готовое к отправке.

    Attributes:
        event_id: Идентификатор события; он же ``message_id`` сообщения.
        event_type: Ключ маршрутизации.
        event_version: Версия схемы события (заголовок ``event-version``).
        occurred_at: Время изменения (свойство ``timestamp``).
        body: Тело сообщения: JSON события.
    """

    event_id: UUID
    event_type: str
    event_version: int
    occurred_at: datetime
    body: bytes

    @classmethod
    def of(cls, event: IntegrationEvent) -> "OutgoingMessage":
        """Сообщение из события.

        Args:
            event: Событие с заполненными ``event_id`` и ``occurred_at``.
        """
        return cls(
            event_id=event.event_id,
            event_type=event.event_type,
            event_version=event.event_version,
            occurred_at=event.occurred_at,
            body=event.model_dump_json().encode(),
        )


class EventPublisher:
    """Публикует события в обменник событий приложения с подтверждением брокера.

    Сообщение сохраняется на диске брокера, его идентификатор — идентификатор события:
    по нему потребители отбрасывают повторы. Канал брокера работает с подтверждениями
    (publisher confirms): :meth:`send` возвращается, когда брокер принял сообщение.
    """

    def __init__(self, messaging: Messaging) -> None:
        """Связывает издателя с брокером.

        Args:
            messaging: Подключение к RabbitMQ.
        """
        self.broker: RabbitBroker = messaging.broker
        self.exchange = events_exchange(messaging.settings.namespace)

    async def send(self, message: OutgoingMessage, *, wait: float) -> None:
        """Отправляет сообщение и ждёт подтверждения брокера.

        Args:
            message: Сообщение о событии.
            wait: Сколько ждать подключения и подтверждения, с.

        Raises:
            TimeoutError: Брокер не подтвердил приём за ``wait`` секунд.
            Exception: Ошибка соединения или канала: сообщение не принято.
        """
        async with asyncio.timeout(wait):
            await self.broker.connect()
            result = await self.broker.publish(
                message.body,
                exchange=self.exchange,
                routing_key=message.event_type,
                message_id=str(message.event_id),
                message_type=message.event_type,
                timestamp=message.occurred_at,
                headers={"event-version": message.event_version},
                content_type="application/json",
                persist=True,
                timeout=wait,
            )
        if isinstance(result, DeliveredMessage):
            # Брокер вернул сообщение: ни одна очередь на этот ключ не подписана.
            logger.warning(
                "Событие не попало ни в одну очередь: на него никто не подписан",
                event_type=message.event_type,
                event_id=str(message.event_id),
            )

    async def publish(self, event: IntegrationEvent, *, wait: float = 5.0) -> None:
        """Отправляет событие сразу, минуя outbox (для тестов и служебных задач).

        Args:
            event: Событие с заполненными ``event_id`` и ``occurred_at``.
            wait: Сколько ждать подтверждения брокера, с.
        """
        await self.send(OutgoingMessage.of(event), wait=wait)


def document_publishers(messaging: Messaging) -> None:
    """Описывает публикуемые события на брокере: они попадают в документ AsyncAPI.

    Args:
        messaging: Подключение к RabbitMQ, ещё не запущенное.
    """
    exchange = events_exchange(messaging.settings.namespace)
    for event in PUBLISHED_EVENTS:
        messaging.broker.publisher(
            exchange=exchange,
            routing_key=event.event_type,
            schema=event,
            title=event.event_type,
            description=event.__doc__,
            persist=True,
        )
