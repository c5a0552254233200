"""Модель пользователя: учётная запись, роль и состояние входа."""

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Integer, String
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import Mapped, mapped_column

from app.models.v1.base import Base, TimestampMixin, UUIDIdMixin, enum_values
from app.models.v1.enums import Role

EMAIL_LENGTH = 320
"""Наибольшая длина адреса электронной почты (RFC 3696)."""


class User(UUIDIdMixin, TimestampMixin, Base):
    """Пользователь.

    Адрес почты хранится в нижнем регистре, поэтому ограничение уникальности не различает
    регистр букв. ``token_version`` растёт при смене пароля, выходе со всех устройств и
    отключении учётной записи: токены с прежней версией перестают приниматься.
    """

    __tablename__ = "users"

    email: Mapped[str] = mapped_column(String(EMAIL_LENGTH), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    full_name: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(
        SAEnum(
            Role,
            name="role",
            native_enum=False,
            create_constraint=True,
            length=64,
            values_callable=enum_values,
        )
    )
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    is_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    token_version: Mapped[int] = mapped_column(Integer, default=0)
    last_activity_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def is_superuser(self) -> bool:
        """Роль суперпользователя: все операции над всеми записями."""
        return self.role is Role.admin
