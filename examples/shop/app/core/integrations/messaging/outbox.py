"""Transactional outbox: событие записывается в той же транзакции, что и изменение.

Обработчик запроса RabbitMQ не касается: событие становится строкой ``outbox_messages``,
и фиксация сохраняет его вместе с изменением, а откат — убирает. В брокер события отправляет
процесс-обработчик (``python -m app.worker``, см. :mod:`app.core.integrations.messaging.relay`).
"""

from sqlalchemy.ext.asyncio import AsyncSession

from app.models.v1 import OutboxMessage
from app.schemas.v1.base import IntegrationEvent


def aggregate_of(event: IntegrationEvent, record_id: object) -> str:
    """Возвращает ключ записи, к которой относится событие: ``домен.сущность:id``.

    События с одним ключом отправляются строго в порядке записи.

    Args:
        event: Событие об изменении.
        record_id: Идентификатор изменённой записи.
    """
    stem = event.event_type.rsplit(".", 1)[0]
    return f"{stem}:{record_id}"


def add_event(session: AsyncSession, event: IntegrationEvent, record_id: object) -> None:
    """Добавляет событие в outbox в транзакции сессии.

    Строка уходит в базу при фиксации вместе с изменением; при откате её не будет.

    Args:
        session: Сессия, в транзакции которой сделано изменение.
        event: Событие с заполненными ``event_id`` и ``occurred_at``.
        record_id: Идентификатор изменённой записи: задаёт порядок её событий.
    """
    session.add(
        OutboxMessage(
            event_id=event.event_id,
            aggregate=aggregate_of(event, record_id),
            event_type=event.event_type,
            event_version=event.event_version,
            payload=event.model_dump_json(),
            occurred_at=event.occurred_at,
        )
    )
