"""Модель «Category»: категория товаров."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.v1.base import Base, IntIdMixin, TimestampMixin

if TYPE_CHECKING:
    from app.models.v1.products import Product


class Category(IntIdMixin, TimestampMixin, Base):
    """Категория товаров."""

    __tablename__ = "categories"

    name: Mapped[str] = mapped_column(String(100), unique=True, comment="Название категории")
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    description: Mapped[str | None] = mapped_column(Text())
    products: Mapped[list[Product]] = relationship(
        lazy="raise",
        foreign_keys="Product.category_id",
        back_populates="category",
        passive_deletes=True,
    )
