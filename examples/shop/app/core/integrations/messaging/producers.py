"""Публикация событий предметной области в обменник событий."""

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


class EventPublisher:
    """Публикует события в обменник событий приложения.

    Сообщение сохраняется на диске брокера, его идентификатор — идентификатор события:
    по нему потребители отбрасывают повторы.
    """

    def __init__(self, messaging: Messaging) -> None:
        """Связывает издателя с брокером приложения.

        Args:
            messaging: Подключение к RabbitMQ.
        """
        self.broker: RabbitBroker = messaging.broker
        self.exchange = events_exchange(messaging.settings.namespace)

    async def publish(self, event: IntegrationEvent) -> None:
        """Публикует событие; сбой пишет в журнал, а не поднимает.

        Публикация идёт после фиксации изменения: ответить клиенту ошибкой уже нельзя,
        поэтому потерянное событие видно только в журнале (уровень error).

        Args:
            event: Событие с заполненными ``event_id`` и ``occurred_at``.
        """
        try:
            result = await self.broker.publish(
                event,
                exchange=self.exchange,
                routing_key=event.event_type,
                message_id=str(event.event_id),
                message_type=event.event_type,
                timestamp=event.occurred_at,
                headers={"event-version": event.event_version},
                persist=True,
            )
        except Exception as error:
            logger.error(
                "Событие не опубликовано",
                event_type=event.event_type,
                event_id=str(event.event_id),
                error=f"{type(error).__name__}: {error}",
            )
            return
        if isinstance(result, DeliveredMessage):
            # Брокер вернул сообщение: ни одна очередь на этот ключ не подписана.
            logger.warning(
                "Событие не попало ни в одну очередь: на него никто не подписан",
                event_type=event.event_type,
                event_id=str(event.event_id),
            )
            return
        logger.info(
            "Событие опубликовано", event_type=event.event_type, event_id=str(event.event_id)
        )


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
