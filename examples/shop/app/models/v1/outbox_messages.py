"""Исходящие события (transactional outbox): пишутся в одной транзакции с изменением."""

from datetime import datetime
from uuid import UUID

from sqlalchemy import BigInteger, DateTime, Identity, Index, Integer, String, Text, func, text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.v1.base import Base


class OutboxMessage(Base):
    """Событие, ждущее отправки в RabbitMQ.

    Сервис добавляет строку в той же транзакции, что и само изменение: откат убирает и её,
    фиксация сохраняет обе. Процесс-обработчик (``python -m app.worker``) отправляет строки
    по порядку ``id`` и отмечает отправленные временем ``sent_at``. Отправленные строки
    остаются для разбора; удалять их можно, когда они больше не нужны.

    Attributes:
        id: Порядковый номер: в этом порядке события одной записи уходят в брокер.
        event_id: Идентификатор события — он же ``message_id`` сообщения; один и тот же при
            каждой повторной отправке, по нему потребители отбрасывают повторы.
        aggregate: Запись, к которой относится событие (``домен.сущность:id``).
        event_type: Ключ маршрутизации события.
        event_version: Версия схемы события.
        payload: Тело сообщения (JSON события).
        occurred_at: Когда произошло изменение.
        created_at: Когда строка записана.
        sent_at: Когда брокер подтвердил приём; ``None`` — событие ещё не отправлено.
    """

    __tablename__ = "outbox_messages"
    __table_args__ = (
        Index("ix_outbox_messages_pending", "id", postgresql_where=text("sent_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    event_id: Mapped[UUID] = mapped_column(unique=True)
    aggregate: Mapped[str] = mapped_column(String(200))
    event_type: Mapped[str] = mapped_column(String(200))
    event_version: Mapped[int] = mapped_column(Integer)
    payload: Mapped[str] = mapped_column(Text)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
