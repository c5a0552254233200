"""Менеджер данных профиля: изменения своей учётной записи, без фиксации транзакций."""

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.v1.addresses import Address
from app.models.v1.payments import Payment
from app.models.v1.users import User
from app.services.v1.base import BaseDataManager, integrity_error


class ProfileDataManager(BaseDataManager[User]):
    """Запросы профиля к таблице ``users`` и к записям пользователя."""

    def __init__(self, session: AsyncSession) -> None:
        """Связывает менеджер с сессией запроса.

        Args:
            session: Сессия текущего запроса.
        """
        super().__init__(session, User)

    async def set_password(self, user: User, password_hash: str) -> None:
        """Сохраняет новый хеш пароля и отзывает все токены пользователя.

        Токены отзываются увеличением версии, с которой они выданы.

        Args:
            user: Пользователь.
            password_hash: Хеш нового пароля.
        """
        await self.update(
            user, {"password_hash": password_hash, "token_version": user.token_version + 1}
        )

    async def delete_with_rows(self, user: User) -> list[str]:
        """Удаляет пользователя вместе с его записями.

        Записи удаляются явно, начиная с тех, что ссылаются на другие, — так удаление не
        упирается в ограничения RESTRICT между записями одного владельца.

        Args:
            user: Пользователь.

        Returns:
            Ключи файлов удалённых записей в хранилище (их удаляют после фиксации).

        Raises:
            InUseError: На записи пользователя ссылаются чужие записи.
        """
        files: list[str] = []
        try:
            await self.session.execute(delete(Payment).where(Payment.owner_id == user.id))
            await self.session.execute(delete(Address).where(Address.owner_id == user.id))
            await self.session.delete(user)
            await self.session.flush()
        except IntegrityError as error:
            raise integrity_error(error, deleting=True) from error
        return files
