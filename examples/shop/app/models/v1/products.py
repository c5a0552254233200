"""Модель «Product»: товар каталога."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from uuid import UUID

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    Double,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    Uuid,
    text,
)
from sqlalchemy import Enum as SAEnum
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.v1.base import Base, SoftDeleteMixin, TimestampMixin, UUIDIdMixin, enum_values
from app.models.v1.enums import Currency

if TYPE_CHECKING:
    from app.models.v1.categories import Category
    from app.models.v1.tags import Tag

products_tags = Table(
    "products_tags",
    Base.metadata,
    Column(
        "product_id",
        Uuid,
        ForeignKey("products.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "tag_id",
        BigInteger,
        ForeignKey("tags.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)
"""Связь «многие ко многим» между «Product» и «Tag»."""


class Product(UUIDIdMixin, SoftDeleteMixin, TimestampMixin, Base):
    """Товар каталога."""

    __tablename__ = "products"
    __table_args__ = (
        Index(
            "uq_products_sku",
            "sku",
            unique=True,
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )

    sku: Mapped[str] = mapped_column(String(32), comment="Артикул")
    title: Mapped[str] = mapped_column(String(200), index=True)
    price: Mapped[Decimal] = mapped_column(Numeric(12, 2), index=True)
    currency: Mapped[Currency] = mapped_column(
        SAEnum(
            Currency,
            name="currency",
            native_enum=False,
            create_constraint=True,
            length=64,
            values_callable=enum_values,
        ),
        default=Currency.RUB,
        index=True,
    )
    stock: Mapped[int] = mapped_column(Integer(), default=0)
    weight_kg: Mapped[float | None] = mapped_column(Double())
    is_active: Mapped[bool] = mapped_column(Boolean(), default=True, index=True)
    homepage: Mapped[str | None] = mapped_column(Text())
    released_on: Mapped[date | None] = mapped_column(Date())
    attributes: Mapped[dict[str, Any] | None] = mapped_column(
        JSONB(none_as_null=True), comment="Произвольные характеристики товара"
    )
    barcode_id: Mapped[UUID | None] = mapped_column(Uuid())
    keywords: Mapped[list[str] | None] = mapped_column(
        ARRAY(Text()), comment="Ключевые слова для поиска"
    )
    image: Mapped[str | None] = mapped_column(String(1024), comment="Фото товара")
    """Ключ файла в хранилище S3 (``None`` — файл не загружен)."""
    category_id: Mapped[int | None] = mapped_column(
        BigInteger,
        ForeignKey("categories.id", ondelete="SET NULL"),
        index=True,
    )
    category: Mapped[Category | None] = relationship(
        lazy="raise",
        foreign_keys="Product.category_id",
        back_populates="products",
    )
    tags: Mapped[list[Tag]] = relationship(secondary=products_tags, lazy="raise")

    @property
    def tag_ids(self) -> list[int]:
        """Идентификаторы связанных записей «Tag»."""
        return [item.id for item in self.tags]
