"""Менеджер данных регистрации: запросы к таблице ``users`` без фиксации транзакций."""

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.v1.users import User
from app.services.v1.base import BaseDataManager


class RegistrationDataManager(BaseDataManager[User]):
    """Запросы регистрации к таблице ``users``."""

    def __init__(self, session: AsyncSession) -> None:
        """Связывает менеджер с сессией запроса.

        Args:
            session: Сессия текущего запроса.
        """
        super().__init__(session, User)

    async def is_registered(self, email: str) -> bool:
        """Говорит, есть ли учётная запись с этим адресом почты.

        Args:
            email: Адрес почты (уже приведённый к нижнему регистру).
        """
        return bool(await self.session.scalar(select(exists().where(User.email == email))))

    async def add_unless_taken(self, user: User) -> bool:
        """Добавляет учётную запись, если её адрес всё ещё свободен.

        Запись добавляется в точке сохранения: одновременная регистрация того же адреса
        откатывает только её, а не всю транзакцию запроса.

        Args:
            user: Новая учётная запись.

        Returns:
            ``True``, если запись добавлена; ``False``, если адрес уже занят.
        """
        try:
            async with self.session.begin_nested():
                self.session.add(user)
        except IntegrityError:
            return False
        return True

    async def unverified(self, email: str) -> User | None:
        """Возвращает действующую учётную запись с неподтверждённым адресом.

        Args:
            email: Адрес почты (уже приведённый к нижнему регистру).

        Returns:
            Учётная запись или ``None``, если адреса нет, он подтверждён или запись отключена.
        """
        return await self.session.scalar(
            select(User).where(
                User.email == email, User.is_active.is_(True), User.is_verified.is_(False)
            )
        )

    async def mark_verified(self, user: User) -> None:
        """Отмечает адрес учётной записи подтверждённым.

        Args:
            user: Учётная запись.
        """
        await self.update(user, {"is_verified": True})
