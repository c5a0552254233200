"""Ответы домена «catalog»: записи и страницы списков."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any
from uuid import UUID

from pydantic import Field

from app.models.v1.enums import Currency
from app.schemas.v1.base import URI_FORMAT, ResponseSchema
from app.schemas.v1.pagination import CursorPage, OffsetPage


class CategoryRead(ResponseSchema):
    """Запись «Категория»: категория товаров."""

    id: int = Field(description="Идентификатор записи.")
    name: str = Field(description="Название категории")
    slug: str
    description: str | None
    created_at: datetime = Field(description="Время создания.")
    updated_at: datetime = Field(description="Время последнего изменения.")


class CategoryPage(OffsetPage[CategoryRead]):
    """Страница списка записей «Категория»."""


class ProductRead(ResponseSchema):
    """Запись «Товар»: товар каталога."""

    id: UUID = Field(description="Идентификатор записи.")
    sku: str = Field(description="Артикул")
    title: str
    price: Decimal
    currency: Currency
    stock: int
    weight_kg: float | None
    is_active: bool
    homepage: Annotated[str, URI_FORMAT] | None
    released_on: date | None
    attributes: dict[str, Any] | None = Field(description="Произвольные характеристики товара")
    barcode_id: UUID | None
    keywords: list[str] | None = Field(description="Ключевые слова для поиска")
    image: str | None = Field(description="Фото товара: ключ в хранилище; скачать — GET …/image")
    category_id: int | None = Field(description="Идентификатор связанной записи «Category».")
    tag_ids: list[int] = Field(description="Идентификаторы связанных записей «Tag».")
    created_at: datetime = Field(description="Время создания.")
    updated_at: datetime = Field(description="Время последнего изменения.")


class ProductPage(CursorPage[ProductRead]):
    """Страница списка записей «Товар»."""


class TagRead(ResponseSchema):
    """Запись «Метка»: метка товара."""

    id: int = Field(description="Идентификатор записи.")
    label: str
    created_at: datetime = Field(description="Время создания.")
    updated_at: datetime = Field(description="Время последнего изменения.")


class TagPage(OffsetPage[TagRead]):
    """Страница списка записей «Метка»."""
