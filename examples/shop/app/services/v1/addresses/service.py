"""Сервисы домена «addresses»: адреса доставки пользователя."""

from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.security import Access
from app.models.v1.addresses import Address
from app.schemas.v1.addresses import (
    AddressCreate,
    AddressListParams,
    AddressPage,
    AddressRead,
    AddressUpdate,
)
from app.services.v1.addresses.data_manager import AddressDataManager
from app.services.v1.base import BaseService


class AddressService(BaseService):
    """Операции над записями «Адрес»."""

    not_found = "Запись «Адрес» не найдена"

    def __init__(self, session: AsyncSession) -> None:
        """Создаёт менеджеры данных в сессии запроса.

        Args:
            session: Сессия текущего запроса.
        """
        self.addresses = AddressDataManager(session)

    async def list_page(self, params: AddressListParams, access: Access) -> AddressPage:
        """Возвращает страницу записей с фильтрами и сортировкой.

        Args:
            params: Размер страницы, смещение, сортировка и фильтры.
            access: Кто запрашивает: пользователю с правом только на свои записи видны они одни.

        Returns:
            Страница записей.
        """
        filters = params.model_dump(
            include={
                "owner_id",
                "city",
                "is_default",
            },
            exclude_none=True,
        )
        if access.owner is not None:
            filters["owner_id"] = access.owner
        rows, total = await self.addresses.page_by_offset(
            filters, params.sort, params.limit, params.offset
        )
        items = [AddressRead.model_validate(row) for row in rows]
        return AddressPage(items=items, total=total, limit=params.limit, offset=params.offset)

    async def _find(self, address_id: int, owner: UUID | None) -> Address:
        """Находит запись (среди записей владельца, если он задан) или поднимает ошибку 404."""
        found = await self.addresses.get(address_id, owner=owner)
        return self.ensure_found(found, self.not_found)

    async def get(self, address_id: int, access: Access) -> AddressRead:
        """Возвращает запись по идентификатору.

        Args:
            address_id: Идентификатор записи.
            access: Кто запрашивает; чужая запись для того, кому доступны только свои, — 404.

        Raises:
            NotFoundError: Записи нет (или она чужая).
        """
        return AddressRead.model_validate(await self._find(address_id, access.owner))

    async def create(self, payload: AddressCreate, access: Access) -> AddressRead:
        """Создаёт запись.

        Args:
            payload: Проверенные данные новой записи.
            access: Кто создаёт: он станет владельцем записи.

        Raises:
            ConflictError: Нарушена уникальность или связанной записи нет.
        """
        values = payload.model_dump()
        instance = Address(**values, owner_id=access.user_id)
        await self.addresses.add(instance)
        return AddressRead.model_validate(await self.addresses.reload(instance))

    async def update(self, address_id: int, payload: AddressUpdate, access: Access) -> AddressRead:
        """Изменяет переданные поля записи.

        Args:
            address_id: Идентификатор записи.
            payload: Меняемые поля; не переданные остаются как есть.
            access: Кто изменяет; чужая запись для того, кому доступны только свои, — 404.

        Raises:
            NotFoundError: Записи нет (или она чужая).
            ConflictError: Нарушена уникальность или связанной записи нет.
        """
        instance = await self._find(address_id, access.owner)
        values = payload.model_dump(exclude_unset=True)
        await self.addresses.update(instance, values)
        return await self._changed(instance)

    async def _changed(self, instance: Address) -> AddressRead:
        """Перечитывает изменённую запись."""
        return AddressRead.model_validate(await self.addresses.reload(instance))

    async def delete(self, address_id: int, access: Access) -> None:
        """Удаляет запись.

        Args:
            address_id: Идентификатор записи.
            access: Кто удаляет; чужая запись для того, кому доступны только свои, — 404.

        Raises:
            NotFoundError: Записи нет (или она чужая).
            ConflictError: На запись ссылаются другие записи.
        """
        await self.addresses.delete(await self._find(address_id, access.owner))
