"""Связь событий с транзакцией: событие уходит в RabbitMQ только после фиксации изменения."""

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.connections import after_commit
from app.core.integrations.messaging.producers import EventPublisher
from app.schemas.v1.base import IntegrationEvent


def publish_after_commit(
    session: AsyncSession, publisher: EventPublisher, event: IntegrationEvent
) -> None:
    """Публикует событие, когда транзакция сессии будет зафиксирована.

    При откате событие отбрасывается: потребители не узнают об изменении, которого нет.

    Args:
        session: Сессия, в транзакции которой сделано изменение.
        publisher: Издатель событий приложения.
        event: Событие об изменении.
    """
    after_commit(session, lambda: publisher.publish(event))
