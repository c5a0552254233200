"""Менеджер данных пользователей: запросы к таблице ``users``, без фиксации транзакций."""

from typing import Any, ClassVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from app.models.v1.users import User
from app.services.v1.base import BaseDataManager


class UserDataManager(BaseDataManager[User]):
    """Запросы к таблице ``users``."""

    sort_columns: ClassVar[dict[str, InstrumentedAttribute[Any]]] = {
        "created_at": User.created_at,
        "email": User.email,
    }
    filter_columns: ClassVar[dict[str, InstrumentedAttribute[Any]]] = {
        "role": User.role,
        "is_active": User.is_active,
    }

    def __init__(self, session: AsyncSession) -> None:
        """Связывает менеджер с сессией запроса.

        Args:
            session: Сессия текущего запроса.
        """
        super().__init__(session, User)

    async def by_email(self, email: str) -> User | None:
        """Возвращает пользователя по адресу почты (уже приведённому к нижнему регистру).

        Args:
            email: Адрес почты.
        """
        return await self.session.scalar(select(User).where(User.email == email))

    async def revoke_tokens(self, user: User) -> None:
        """Отзывает все токены пользователя: увеличивает версию, с которой они выданы.

        Args:
            user: Пользователь.
        """
        user.token_version += 1
        await self.flush()
