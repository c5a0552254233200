"""Одноразовые токены из писем: подтверждение адреса и сброс пароля."""

from datetime import datetime
from uuid import UUID

from sqlalchemy import DateTime, ForeignKey, String, func
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import Mapped, mapped_column

from app.models.v1.base import Base, enum_values
from app.models.v1.enums import TokenPurpose


class UserToken(Base):
    """Токен из письма.

    Сам токен знает только получатель письма: в базе хранится его хеш SHA-256, поэтому
    утечка таблицы не даёт подтвердить чужой адрес или сбросить чужой пароль. Токен
    действует до ``expires_at`` и удаляется при первом использовании.
    """

    __tablename__ = "user_tokens"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[TokenPurpose] = mapped_column(
        SAEnum(
            TokenPurpose,
            name="purpose",
            native_enum=False,
            create_constraint=True,
            length=64,
            values_callable=enum_values,
        )
    )
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
