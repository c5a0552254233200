"""Обработанные сообщения: по ним потребители событий отбрасывают повторные доставки."""

from datetime import datetime

from sqlalchemy import DateTime, String, func
from sqlalchemy.orm import Mapped, mapped_column

from app.models.v1.base import Base


class ProcessedMessage(Base):
    """Сообщение, уже обработанное потребителем.

    Отметка пишется в той же транзакции, что и изменения обработчика: повторная доставка
    их не повторяет, а сбой обработчика снимает отметку вместе с изменениями. Таблица
    растёт с каждым событием; старые строки можно удалять, когда повторная доставка таких
    сообщений уже невозможна.
    """

    __tablename__ = "processed_messages"

    consumer: Mapped[str] = mapped_column(String(200), primary_key=True)
    message_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    processed_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
