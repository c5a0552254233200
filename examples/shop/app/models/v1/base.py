"""Базовые классы моделей: декларативная база, первичные ключи и служебные столбцы."""

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid4

from sqlalchemy import BigInteger, DateTime, ForeignKey, Identity, MetaData, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION: dict[str, str] = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
"""Правила именования ограничений: имена стабильны и совпадают с миграциями."""


class Base(DeclarativeBase):
    """Базовый класс всех моделей."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)

    if TYPE_CHECKING:
        id: Mapped[Any]


class IntIdMixin:
    """Целочисленный первичный ключ из последовательности базы данных."""

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)


class UUIDIdMixin:
    """Первичный ключ UUID, создаваемый приложением."""

    id: Mapped[UUID] = mapped_column(primary_key=True, default=uuid4)


class TimestampMixin:
    """Время создания и последнего изменения записи."""

    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class SoftDeleteMixin:
    """Мягкое удаление: запись помечается временем удаления и скрывается из выборок."""

    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class OwnedMixin:
    """Запись принадлежит пользователю: владелец назначается при создании и не меняется.

    Удаление пользователя удаляет и его записи.
    """

    owner_id: Mapped[UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)


def enum_values(enum: type[StrEnum]) -> list[str]:
    """Возвращает значения перечисления для хранения в базе данных.

    Args:
        enum: Класс перечисления.

    Returns:
        Значения элементов в порядке объявления.
    """
    return [member.value for member in enum]
