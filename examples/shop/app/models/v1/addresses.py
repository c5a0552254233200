"""Модель «Address»."""

from __future__ import annotations

from datetime import time

from sqlalchemy import Boolean, String, Time
from sqlalchemy.orm import Mapped, mapped_column

from app.models.v1.base import Base, IntIdMixin, OwnedMixin, TimestampMixin


class Address(IntIdMixin, OwnedMixin, TimestampMixin, Base):
    """Сущность «Address»."""

    __tablename__ = "addresses"

    country: Mapped[str] = mapped_column(String(2))
    city: Mapped[str] = mapped_column(String(100), index=True)
    street: Mapped[str] = mapped_column(String(200))
    postal_code: Mapped[str] = mapped_column(String(20), index=True)
    is_default: Mapped[bool] = mapped_column(Boolean(), default=False, index=True)
    contact_email: Mapped[str | None] = mapped_column(String(320))
    delivery_from: Mapped[time | None] = mapped_column(Time())
