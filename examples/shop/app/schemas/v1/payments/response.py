"""Ответы домена «payments»: записи и страницы списков."""

from datetime import datetime
from decimal import Decimal
from ipaddress import IPv4Address, IPv6Address
from uuid import UUID

from pydantic import Field

from app.models.v1.enums import Currency, PaymentStatus
from app.schemas.v1.base import ResponseSchema
from app.schemas.v1.pagination import CursorPage


class PaymentRead(ResponseSchema):
    """Запись «Платёж»."""

    id: int = Field(description="Идентификатор записи.")
    amount: Decimal
    currency: Currency
    status: PaymentStatus
    paid_at: datetime | None
    attempts: int
    comment: str | None
    client_ip: IPv4Address | IPv6Address | None = Field(description="Адрес, с которого оплатили")
    address_id: int = Field(description="Идентификатор связанной записи «Address».")
    owner_id: UUID = Field(description="Пользователь, которому принадлежит запись.")
    created_at: datetime = Field(description="Время создания.")
    updated_at: datetime = Field(description="Время последнего изменения.")


class PaymentPage(CursorPage[PaymentRead]):
    """Страница списка записей «Платёж»."""
