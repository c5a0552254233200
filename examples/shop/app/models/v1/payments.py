"""Модель «Payment»."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from ipaddress import IPv4Address, IPv6Address
from typing import TYPE_CHECKING

from sqlalchemy import BigInteger, DateTime, ForeignKey, Numeric, Text
from sqlalchemy import Enum as SAEnum
from sqlalchemy.dialects.postgresql import INET
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.v1.base import Base, IntIdMixin, OwnedMixin, TimestampMixin, enum_values
from app.models.v1.enums import Currency, PaymentStatus

if TYPE_CHECKING:
    from app.models.v1.addresses import Address


class Payment(IntIdMixin, OwnedMixin, TimestampMixin, Base):
    """Сущность «Payment»."""

    __tablename__ = "payments"

    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2), index=True)
    currency: Mapped[Currency] = mapped_column(
        SAEnum(
            Currency,
            name="currency",
            native_enum=False,
            create_constraint=True,
            length=64,
            values_callable=enum_values,
        ),
        index=True,
    )
    status: Mapped[PaymentStatus] = mapped_column(
        SAEnum(
            PaymentStatus,
            name="status",
            native_enum=False,
            create_constraint=True,
            length=64,
            values_callable=enum_values,
        ),
        default=PaymentStatus.pending,
        index=True,
    )
    paid_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(BigInteger(), default=0)
    comment: Mapped[str | None] = mapped_column(Text())
    client_ip: Mapped[IPv4Address | IPv6Address | None] = mapped_column(
        INET(), index=True, comment="Адрес, с которого оплатили"
    )
    address_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("addresses.id", ondelete="RESTRICT"),
        index=True,
    )
    address: Mapped[Address] = relationship(
        lazy="raise",
        foreign_keys="Payment.address_id",
    )
