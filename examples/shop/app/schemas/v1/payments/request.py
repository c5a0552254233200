"""Входные данные домена «payments»: создание, изменение и параметры списков."""

from decimal import Decimal
from typing import Annotated, Literal
from uuid import UUID

from pydantic import Field, StrictInt, field_validator

from app.models.v1.enums import Currency, PaymentStatus
from app.schemas.v1.base import (
    WHOLE_NUMBER,
    AnyIpAddress,
    DateTimeText,
    DecimalNumber,
    RecordId,
    RequestSchema,
    first_page_when_empty,
    reject_null,
    without_null,
)


class PaymentCreate(RequestSchema):
    """Данные для создания записи «Платёж»."""

    amount: Annotated[Decimal, DecimalNumber(12, 2)] = Field(
        ..., gt=0, max_digits=12, decimal_places=2
    )
    currency: Currency = Field(...)
    status: PaymentStatus = Field(PaymentStatus.pending)
    paid_at: DateTimeText | None = Field(None)
    attempts: Annotated[StrictInt, WHOLE_NUMBER] = Field(0, ge=0, le=10)
    comment: Annotated[str, Field(max_length=1000)] | None = Field(None)
    client_ip: AnyIpAddress | None = Field(None, description="Адрес, с которого оплатили")
    address_id: RecordId = Field(..., description="Идентификатор связанной записи «Address».")


class PaymentUpdate(RequestSchema):
    """Частичное изменение записи «Платёж»: передаются только меняемые поля."""

    amount: (
        Annotated[Decimal, Field(gt=0, max_digits=12, decimal_places=2), DecimalNumber(12, 2)]
        | None
    ) = Field(None, json_schema_extra=without_null)
    currency: Currency | None = Field(None, json_schema_extra=without_null)
    status: PaymentStatus | None = Field(None, json_schema_extra=without_null)
    paid_at: DateTimeText | None = Field(None)
    attempts: Annotated[StrictInt, Field(ge=0, le=10), WHOLE_NUMBER] | None = Field(
        None, json_schema_extra=without_null
    )
    comment: Annotated[str, Field(max_length=1000)] | None = Field(None)
    client_ip: AnyIpAddress | None = Field(None, description="Адрес, с которого оплатили")
    address_id: RecordId | None = Field(
        None,
        description="Идентификатор связанной записи «Address».",
        json_schema_extra=without_null,
    )

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
    address_id: RecordId | None = Field(None, description="Отбор по точному значению «address_id».")
    client_ip: AnyIpAddress | None = Field(
        None, description="Отбор по точному значению «client_ip»."
    )

    _first_page = field_validator("cursor", mode="before")(first_page_when_empty)
