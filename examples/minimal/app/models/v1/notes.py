"""Модель «Note»: заметка."""

from __future__ import annotations

from sqlalchemy import Boolean, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.v1.base import Base, IntIdMixin, TimestampMixin


class Note(IntIdMixin, TimestampMixin, Base):
    """Заметка."""

    __tablename__ = "notes"

    title: Mapped[str] = mapped_column(String(200), index=True, comment="Заголовок")
    body: Mapped[str | None] = mapped_column(Text())
    pinned: Mapped[bool] = mapped_column(Boolean(), default=False, index=True)
