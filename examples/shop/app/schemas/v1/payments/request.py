"""Входные данные домена «payments»: создание, изменение и параметры списков."""

from decimal import Decimal
from ipaddress import IPv4Address, IPv6Address
from typing import Literal
from uuid import UUID

from pydantic import AwareDatetime, Field, IPvAnyAddress, field_validator

from app.models.v1.enums import Currency, PaymentStatus
from app.schemas.v1.base import RequestSchema, reject_null


class PaymentCreate(RequestSchema):
    """Данные для создания записи «Платёж»."""

    amount: Decimal = Field(..., gt=0, max_digits=12, decimal_places=2)
    currency: Currency = Field(...)
    status: PaymentStatus = Field(PaymentStatus.pending)
    paid_at: AwareDatetime | None = Field(None)
    attempts: int = Field(0, ge=0, le=10)
    comment: str | None = Field(None, max_length=1000)
    client_ip: IPvAnyAddress | None = Field(None, description="Адрес, с которого оплатили")
    address_id: int = Field(..., description="Идентификатор связанной записи «Address».")


class PaymentUpdate(RequestSchema):
    """Частичное изменение записи «Платёж»: передаются только меняемые поля."""

    amount: Decimal | None = Field(None, gt=0, max_digits=12, decimal_places=2)
    currency: Currency | None = Field(None)
    status: PaymentStatus | None = Field(None)
    paid_at: AwareDatetime | None = Field(None)
    attempts: int | None = Field(None, ge=0, le=10)
    comment: str | None = Field(None, max_length=1000)
    client_ip: IPvAnyAddress | None = Field(None, description="Адрес, с которого оплатили")
    address_id: int | None = Field(None, description="Идентификатор связанной записи «Address».")

    _not_null = field_validator(
        "amount", "currency", "status", "attempts", "address_id", mode="after"
    )(reject_null)


class PaymentListParams(RequestSchema):
    """Параметры списка записей «Платёж»: страница, сортировка и фильтры."""

    limit: int = Field(20, ge=1, le=100, description="Размер страницы.")
    cursor: str | None = Field(None, description="Курсор из ``next_cursor`` предыдущей страницы.")
    sort: Literal[
        "id",
        "-id",
        "amount",
        "-amount",
        "client_ip",
        "-client_ip",
        "created_at",
        "-created_at",
    ] = Field("id", description="Поле сортировки; минус — по убыванию.")
    owner_id: UUID | None = Field(None, description="Отбор по точному значению «owner_id».")
    status: PaymentStatus | None = Field(None, description="Отбор по точному значению «status».")
    currency: Currency | None = Field(None, description="Отбор по точному значению «currency».")
    address_id: int | None = Field(None, description="Отбор по точному значению «address_id».")
    client_ip: IPv4Address | IPv6Address | None = Field(
        None, description="Отбор по точному значению «client_ip»."
    )
