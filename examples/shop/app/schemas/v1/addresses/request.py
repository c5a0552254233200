"""Входные данные домена «addresses»: создание, изменение и параметры списков."""

from typing import Annotated, Literal
from uuid import UUID

from pydantic import Field, StrictBool, field_validator

from app.schemas.v1.base import (
    EMAIL_FORMAT,
    EMAIL_TEXT,
    RequestSchema,
    TimeOfDay,
    reject_null,
    without_null,
)


class AddressCreate(RequestSchema):
    """Данные для создания записи «Адрес»."""

    country: str = Field(..., max_length=2, pattern="^[A-Z]{2}$", examples=["RU"])
    city: str = Field(..., max_length=100)
    street: str = Field(..., max_length=200)
    postal_code: str = Field(..., max_length=20)
    is_default: StrictBool = Field(False)
    contact_email: Annotated[str, Field(max_length=254), EMAIL_TEXT, EMAIL_FORMAT] | None = Field(
        None
    )
    delivery_from: TimeOfDay | None = Field(None)


class AddressUpdate(RequestSchema):
    """Частичное изменение записи «Адрес»: передаются только меняемые поля."""

    country: Annotated[str, Field(max_length=2, pattern="^[A-Z]{2}$")] | None = Field(
        None, examples=["RU"], json_schema_extra=without_null
    )
    city: Annotated[str, Field(max_length=100)] | None = Field(None, json_schema_extra=without_null)
    street: Annotated[str, Field(max_length=200)] | None = Field(
        None, json_schema_extra=without_null
    )
    postal_code: Annotated[str, Field(max_length=20)] | None = Field(
        None, json_schema_extra=without_null
    )
    is_default: StrictBool | None = Field(None, json_schema_extra=without_null)
    contact_email: Annotated[str, Field(max_length=254), EMAIL_TEXT, EMAIL_FORMAT] | None = Field(
        None
    )
    delivery_from: TimeOfDay | None = Field(None)

    _not_null = field_validator(
        "country", "city", "street", "postal_code", "is_default", mode="after"
    )(reject_null)


class AddressListParams(RequestSchema):
    """Параметры списка записей «Адрес»: страница, сортировка и фильтры."""

    limit: int = Field(20, ge=1, le=100, description="Размер страницы.")
    offset: int = Field(0, ge=0, le=2**63 - 1, description="Сколько записей пропустить.")
    sort: Literal[
        "id",
        "-id",
        "city",
        "-city",
        "postal_code",
        "-postal_code",
    ] = Field("id", description="Поле сортировки; минус — по убыванию.")
    owner_id: UUID | None = Field(None, description="Отбор по точному значению «owner_id».")
    city: str | None = Field(None, description="Отбор по точному значению «city».")
    is_default: bool | None = Field(None, description="Отбор по точному значению «is_default».")
