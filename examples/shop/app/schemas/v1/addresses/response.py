"""Ответы домена «addresses»: записи и страницы списков."""

from datetime import datetime
from typing import Annotated
from uuid import UUID

from pydantic import Field

from app.schemas.v1.base import EMAIL_FORMAT, ResponseSchema, TimeOfDay
from app.schemas.v1.pagination import OffsetPage


class AddressRead(ResponseSchema):
    """Запись «Адрес»."""

    id: int = Field(description="Идентификатор записи.")
    country: str
    city: str
    street: str
    postal_code: str
    is_default: bool
    contact_email: Annotated[str, EMAIL_FORMAT] | None
    delivery_from: TimeOfDay | None
    owner_id: UUID = Field(description="Пользователь, которому принадлежит запись.")
    created_at: datetime = Field(description="Время создания.")
    updated_at: datetime = Field(description="Время последнего изменения.")


class AddressPage(OffsetPage[AddressRead]):
    """Страница списка записей «Адрес»."""
