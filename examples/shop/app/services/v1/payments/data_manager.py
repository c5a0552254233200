"""Менеджеры данных домена «payments»: запросы к таблицам, без фиксации транзакций."""

from typing import Any, ClassVar

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from app.models.v1.payments import Payment
from app.services.v1.base import BaseDataManager


class PaymentDataManager(BaseDataManager[Payment]):
    """Запросы к таблице ``payments``."""

    sort_columns: ClassVar[dict[str, InstrumentedAttribute[Any]]] = {
        "id": Payment.id,
        "amount": Payment.amount,
        "client_ip": Payment.client_ip,
        "created_at": Payment.created_at,
    }
    filter_columns: ClassVar[dict[str, InstrumentedAttribute[Any]]] = {
        "owner_id": Payment.owner_id,
        "status": Payment.status,
        "currency": Payment.currency,
        "address_id": Payment.address_id,
        "client_ip": Payment.client_ip,
    }
    owner_column: ClassVar[InstrumentedAttribute[Any] | None] = Payment.owner_id

    def __init__(self, session: AsyncSession) -> None:
        """Связывает менеджер с сессией запроса.

        Args:
            session: Сессия текущего запроса.
        """
        super().__init__(session, Payment)
