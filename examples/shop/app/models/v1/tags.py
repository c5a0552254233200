"""Модель «Tag»: метка товара."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.v1.base import Base, IntIdMixin, TimestampMixin


class Tag(IntIdMixin, TimestampMixin, Base):
    """Метка товара."""

    __tablename__ = "tags"

    label: Mapped[str] = mapped_column(String(50), unique=True)
