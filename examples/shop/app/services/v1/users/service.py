"""Управление пользователями (суперпользователь): список, роли, отключение."""

from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.exceptions import OwnAccountError, UserNotFoundError
from app.models.v1.enums import Role
from app.models.v1.users import User
from app.schemas.v1.users import UserListParams, UserPage, UserRead
from app.services.v1.base import BaseService
from app.services.v1.users.data_manager import UserDataManager


class UserService(BaseService):
    """Операции суперпользователя над учётными записями."""

    def __init__(self, session: AsyncSession) -> None:
        """Создаёт менеджер данных в сессии запроса.

        Args:
            session: Сессия текущего запроса.
        """
        self.users = UserDataManager(session)

    async def list_page(self, params: UserListParams) -> UserPage:
        """Возвращает страницу пользователей.

        Args:
            params: Размер страницы, смещение, сортировка и фильтры.
        """
        filters = params.model_dump(include={"role", "is_active"}, exclude_none=True)
        rows, total = await self.users.page_by_offset(
            filters, params.sort, params.limit, params.offset
        )
        items = [UserRead.model_validate(row) for row in rows]
        return UserPage(items=items, total=total, limit=params.limit, offset=params.offset)

    async def _find(self, user_id: UUID) -> User:
        """Находит пользователя или поднимает ошибку 404."""
        found = await self.users.get(user_id)
        if found is None:
            raise UserNotFoundError
        return found

    async def get(self, user_id: UUID) -> UserRead:
        """Возвращает пользователя.

        Args:
            user_id: Идентификатор пользователя.

        Raises:
            UserNotFoundError: Пользователя нет.
        """
        return UserRead.model_validate(await self._find(user_id))

    async def change_role(self, user_id: UUID, role: Role, actor: User) -> UserRead:
        """Меняет роль пользователя; действует с его следующего запроса.

        Args:
            user_id: Идентификатор пользователя.
            role: Новая роль.
            actor: Суперпользователь, который меняет роль.

        Raises:
            UserNotFoundError: Пользователя нет.
            OwnAccountError: Суперпользователь меняет собственную роль.
        """
        user = await self._find(user_id)
        if user.id == actor.id:
            raise OwnAccountError
        await self.users.update(user, {"role": role})
        return UserRead.model_validate(await self.users.reload(user))

    async def set_active(self, user_id: UUID, *, active: bool, actor: User) -> UserRead:
        """Включает или отключает учётную запись; отключение завершает все её сессии.

        Args:
            user_id: Идентификатор пользователя.
            active: Включить (``True``) или отключить.
            actor: Суперпользователь, который выполняет действие.

        Raises:
            UserNotFoundError: Пользователя нет.
            OwnAccountError: Суперпользователь отключает собственную учётную запись.
        """
        user = await self._find(user_id)
        if user.id == actor.id:
            raise OwnAccountError
        if user.is_active and not active:
            await self.users.revoke_tokens(user)
        await self.users.update(user, {"is_active": active})
        return UserRead.model_validate(await self.users.reload(user))
