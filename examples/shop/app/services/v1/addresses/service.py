"""Сервисы домена «addresses»: адреса доставки пользователя."""

from sqlalchemy.ext.asyncio import AsyncSession

from app.models.v1.addresses import Address
from app.schemas.v1.addresses import (
    AddressCreate,
    AddressListParams,
    AddressPage,
    AddressRead,
    AddressUpdate,
)
from app.services.v1.addresses.data_manager import (
    AddressDataManager,
)
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

    async def list_page(self, params: AddressListParams) -> AddressPage:
        """Возвращает страницу записей с фильтрами и сортировкой.

        Args:
            params: Размер страницы, смещение, сортировка и фильтры.

        Returns:
            Страница записей.
        """
        filters = params.model_dump(
            include={
                "city",
                "is_default",
            },
            exclude_none=True,
        )
        rows, total = await self.addresses.page_by_offset(
            filters, params.sort, params.limit, params.offset
        )
        items = [AddressRead.model_validate(row) for row in rows]
        return AddressPage(items=items, total=total, limit=params.limit, offset=params.offset)

    async def _find(self, address_id: int) -> Address:
        """Находит запись или поднимает ошибку 404."""
        return self.ensure_found(await self.addresses.get(address_id), self.not_found)

    async def get(self, address_id: int) -> AddressRead:
        """Возвращает запись по идентификатору.

        Args:
            address_id: Идентификатор записи.

        Raises:
            NotFoundError: Записи нет.
        """
        return AddressRead.model_validate(await self._find(address_id))

    async def create(self, payload: AddressCreate) -> AddressRead:
        """Создаёт запись.

        Args:
            payload: Проверенные данные новой записи.

        Raises:
            ConflictError: Нарушена уникальность или связанной записи нет.
        """
        values = payload.model_dump()
        instance = Address(**values)
        await self.addresses.add(instance)
        return AddressRead.model_validate(await self.addresses.reload(instance))

    async def update(self, address_id: int, payload: AddressUpdate) -> AddressRead:
        """Изменяет переданные поля записи.

        Args:
            address_id: Идентификатор записи.
            payload: Меняемые поля; не переданные остаются как есть.

        Raises:
            NotFoundError: Записи нет.
            ConflictError: Нарушена уникальность или связанной записи нет.
        """
        instance = await self._find(address_id)
        values = payload.model_dump(exclude_unset=True)
        await self.addresses.update(instance, values)
        return await self._changed(instance)

    async def _changed(self, instance: Address) -> AddressRead:
        """Перечитывает изменённую запись."""
        return AddressRead.model_validate(await self.addresses.reload(instance))

    async def delete(self, address_id: int) -> None:
        """Удаляет запись.

        Args:
            address_id: Идентификатор записи.

        Raises:
            NotFoundError: Записи нет.
            ConflictError: На запись ссылаются другие записи.
        """
        await self.addresses.delete(await self._find(address_id))
