"""Менеджеры данных домена «addresses»: запросы к таблицам, без фиксации транзакций."""

from typing import Any, ClassVar

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from app.models.v1.addresses import Address
from app.services.v1.base import BaseDataManager


class AddressDataManager(BaseDataManager[Address]):
    """Запросы к таблице ``addresses``."""

    sort_columns: ClassVar[dict[str, InstrumentedAttribute[Any]]] = {
        "id": Address.id,
        "city": Address.city,
        "postal_code": Address.postal_code,
    }
    filter_columns: ClassVar[dict[str, InstrumentedAttribute[Any]]] = {
        "owner_id": Address.owner_id,
        "city": Address.city,
        "is_default": Address.is_default,
    }
    owner_column: ClassVar[InstrumentedAttribute[Any] | None] = Address.owner_id

    def __init__(self, session: AsyncSession) -> None:
        """Связывает менеджер с сессией запроса.

        Args:
            session: Сессия текущего запроса.
        """
        super().__init__(session, Address)
