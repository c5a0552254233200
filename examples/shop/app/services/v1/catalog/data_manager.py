"""Менеджеры данных домена «catalog»: запросы к таблицам, без фиксации транзакций."""

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, selectinload

from app.models.v1.categories import Category
from app.models.v1.products import Product
from app.models.v1.tags import Tag
from app.services.v1.base import BaseDataManager


class CategoryDataManager(BaseDataManager[Category]):
    """Запросы к таблице ``categories``."""

    sort_columns: ClassVar[dict[str, InstrumentedAttribute[Any]]] = {
        "id": Category.id,
        "name": Category.name,
    }

    def __init__(self, session: AsyncSession) -> None:
        """Связывает менеджер с сессией запроса.

        Args:
            session: Сессия текущего запроса.
        """
        super().__init__(session, Category)


class ProductDataManager(BaseDataManager[Product]):
    """Запросы к таблице ``products``."""

    sort_columns: ClassVar[dict[str, InstrumentedAttribute[Any]]] = {
        "id": Product.id,
        "price": Product.price,
        "title": Product.title,
        "created_at": Product.created_at,
    }
    filter_columns: ClassVar[dict[str, InstrumentedAttribute[Any]]] = {
        "currency": Product.currency,
        "is_active": Product.is_active,
        "category_id": Product.category_id,
        "keywords": Product.keywords,
    }

    def __init__(self, session: AsyncSession) -> None:
        """Связывает менеджер с сессией запроса.

        Args:
            session: Сессия текущего запроса.
        """
        super().__init__(session, Product)

    def select(self) -> Select[Product]:
        """Возвращает запрос к неудалённым записям с загрузкой связей «многие ко многим»."""
        return (
            select(Product).options(selectinload(Product.tags)).where(Product.deleted_at.is_(None))
        )

    async def delete(self, instance: Product) -> None:
        """Помечает запись удалённой, не удаляя строку из таблицы."""
        instance.deleted_at = datetime.now(UTC)
        await self.flush(deleting=True)


class TagDataManager(BaseDataManager[Tag]):
    """Запросы к таблице ``tags``."""

    sort_columns: ClassVar[dict[str, InstrumentedAttribute[Any]]] = {
        "id": Tag.id,
    }

    def __init__(self, session: AsyncSession) -> None:
        """Связывает менеджер с сессией запроса.

        Args:
            session: Сессия текущего запроса.
        """
        super().__init__(session, Tag)
