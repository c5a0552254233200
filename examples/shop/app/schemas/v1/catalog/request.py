"""Входные данные домена «catalog»: создание, изменение и параметры списков."""

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import Field, StrictBool, StrictFloat, StrictInt, field_validator

from app.models.v1.enums import Currency
from app.schemas.v1.base import (
    HTTP_URL_TEXT,
    JSON_DEPTH,
    MAX_RELATED_IDS,
    URI_FORMAT,
    WHOLE_NUMBER,
    DateText,
    DecimalNumber,
    RecordId,
    RequestSchema,
    UuidText,
    first_page_when_empty,
    reject_null,
    without_null,
)


class CategoryCreate(RequestSchema):
    """Данные для создания записи «Категория»."""

    name: str = Field(..., max_length=100, description="Название категории")
    slug: str = Field(..., max_length=100, pattern="^[a-z0-9-]+$", examples=["electronics"])
    description: str | None = Field(None)


class CategoryUpdate(RequestSchema):
    """Частичное изменение записи «Категория»: передаются только меняемые поля."""

    name: Annotated[str, Field(max_length=100)] | None = Field(
        None, description="Название категории", json_schema_extra=without_null
    )
    slug: Annotated[str, Field(max_length=100, pattern="^[a-z0-9-]+$")] | None = Field(
        None, examples=["electronics"], json_schema_extra=without_null
    )
    description: str | None = Field(None)

    _not_null = field_validator("name", "slug", mode="after")(reject_null)


class CategoryListParams(RequestSchema):
    """Параметры списка записей «Категория»: страница, сортировка и фильтры."""

    limit: int = Field(20, ge=1, le=100, description="Размер страницы.")
    offset: int = Field(0, ge=0, le=2**63 - 1, description="Сколько записей пропустить.")
    sort: Literal[
        "id",
        "-id",
        "name",
        "-name",
    ] = Field("id", description="Поле сортировки; минус — по убыванию.")


class ProductCreate(RequestSchema):
    """Данные для создания записи «Товар»."""

    sku: str = Field(..., max_length=32, description="Артикул", examples=["SKU-0001"])
    title: str = Field(..., min_length=2, max_length=200)
    price: Annotated[Decimal, DecimalNumber(12, 2)] = Field(
        ..., gt=0, max_digits=12, decimal_places=2
    )
    currency: Currency = Field(Currency.RUB)
    stock: Annotated[StrictInt, WHOLE_NUMBER] = Field(0, ge=0, le=2147483647)
    weight_kg: Annotated[StrictFloat, Field(ge=0, allow_inf_nan=False)] | None = Field(None)
    is_active: StrictBool = Field(True)
    homepage: Annotated[str, Field(max_length=2083), HTTP_URL_TEXT, URI_FORMAT] | None = Field(None)
    released_on: DateText | None = Field(None)
    attributes: Annotated[dict[str, Any], JSON_DEPTH] | None = Field(
        None, description="Произвольные характеристики товара"
    )
    barcode_id: UuidText | None = Field(None)
    keywords: Annotated[list[str], Field(max_length=10)] | None = Field(
        None, description="Ключевые слова для поиска"
    )
    category_id: RecordId | None = Field(
        None, description="Идентификатор связанной записи «Category»."
    )
    tag_ids: list[RecordId] = Field(
        default_factory=list,
        max_length=MAX_RELATED_IDS,
        description="Идентификаторы связанных записей «Tag».",
    )


class ProductUpdate(RequestSchema):
    """Частичное изменение записи «Товар»: передаются только меняемые поля."""

    sku: Annotated[str, Field(max_length=32)] | None = Field(
        None, description="Артикул", examples=["SKU-0001"], json_schema_extra=without_null
    )
    title: Annotated[str, Field(min_length=2, max_length=200)] | None = Field(
        None, json_schema_extra=without_null
    )
    price: (
        Annotated[Decimal, Field(gt=0, max_digits=12, decimal_places=2), DecimalNumber(12, 2)]
        | None
    ) = Field(None, json_schema_extra=without_null)
    currency: Currency | None = Field(None, json_schema_extra=without_null)
    stock: Annotated[StrictInt, Field(ge=0, le=2147483647), WHOLE_NUMBER] | None = Field(
        None, json_schema_extra=without_null
    )
    weight_kg: Annotated[StrictFloat, Field(ge=0, allow_inf_nan=False)] | None = Field(None)
    is_active: StrictBool | None = Field(None, json_schema_extra=without_null)
    homepage: Annotated[str, Field(max_length=2083), HTTP_URL_TEXT, URI_FORMAT] | None = Field(None)
    released_on: DateText | None = Field(None)
    attributes: Annotated[dict[str, Any], JSON_DEPTH] | None = Field(
        None, description="Произвольные характеристики товара"
    )
    barcode_id: UuidText | None = Field(None)
    keywords: Annotated[list[str], Field(max_length=10)] | None = Field(
        None, description="Ключевые слова для поиска"
    )
    category_id: RecordId | None = Field(
        None, description="Идентификатор связанной записи «Category»."
    )
    tag_ids: list[RecordId] | None = Field(
        None,
        max_length=MAX_RELATED_IDS,
        description="Идентификаторы связанных записей «Tag» (заменяют текущие).",
        json_schema_extra=without_null,
    )

    _not_null = field_validator(
        "sku", "title", "price", "currency", "stock", "is_active", "tag_ids", mode="after"
    )(reject_null)


class ProductListParams(RequestSchema):
    """Параметры списка записей «Товар»: страница, сортировка и фильтры."""

    limit: int = Field(20, ge=1, le=100, description="Размер страницы.")
    cursor: str | None = Field(None, description="Курсор из ``next_cursor`` предыдущей страницы.")
    sort: Literal[
        "id",
        "-id",
        "price",
        "-price",
        "title",
        "-title",
        "created_at",
        "-created_at",
    ] = Field("created_at", description="Поле сортировки; минус — по убыванию.")
    currency: Currency | None = Field(None, description="Отбор по точному значению «currency».")
    is_active: bool | None = Field(None, description="Отбор по точному значению «is_active».")
    category_id: RecordId | None = Field(
        None, description="Отбор по точному значению «category_id»."
    )
    keywords: str | None = Field(
        None, description="Отбор записей, в списке «keywords» которых есть это значение."
    )

    _first_page = field_validator("cursor", mode="before")(first_page_when_empty)


class TagCreate(RequestSchema):
    """Данные для создания записи «Метка»."""

    label: str = Field(..., max_length=50)


class TagListParams(RequestSchema):
    """Параметры списка записей «Метка»: страница, сортировка и фильтры."""

    limit: int = Field(20, ge=1, le=100, description="Размер страницы.")
    offset: int = Field(0, ge=0, le=2**63 - 1, description="Сколько записей пропустить.")
    sort: Literal[
        "id",
        "-id",
    ] = Field("id", description="Поле сортировки; минус — по убыванию.")
