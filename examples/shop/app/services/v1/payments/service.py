"""Сервисы домена «payments»: платежи за заказы."""

from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.connections import Cache, after_commit
from app.core.exceptions import NotFoundError
from app.core.integrations.cache import EntityCache
from app.core.integrations.messaging import add_event
from app.core.logging import get_logger
from app.core.security import Access
from app.models.v1.payments import Payment
from app.schemas.v1.catalog import ProductDeleted
from app.schemas.v1.payments import (
    PaymentCreate,
    PaymentCreated,
    PaymentListParams,
    PaymentPage,
    PaymentRead,
    PaymentUpdate,
    PaymentUpdated,
)
from app.services.v1.addresses.data_manager import AddressDataManager
from app.services.v1.base import BaseService
from app.services.v1.payments.data_manager import PaymentDataManager

logger = get_logger(__name__)


class PaymentService(BaseService):
    """Операции над записями «Платёж»."""

    not_found = "Запись «Платёж» не найдена"

    def __init__(self, session: AsyncSession, cache: Cache) -> None:
        """Создаёт менеджеры данных в сессии запроса.

        Args:
            session: Сессия текущего запроса.
            cache: Подключение к Redis для кэша записей.
        """
        self.session = session
        self.payments = PaymentDataManager(session)
        self.cache = EntityCache(cache, PaymentRead, table="payments", ttl=300)
        self.address_links = AddressDataManager(session)

    async def list_page(self, params: PaymentListParams, access: Access) -> PaymentPage:
        """Возвращает страницу записей с фильтрами и сортировкой.

        Args:
            params: Размер страницы, курсор, сортировка и фильтры.
            access: Кто запрашивает: пользователю с правом только на свои записи видны они одни.

        Returns:
            Страница записей.
        """
        filters = params.model_dump(
            include={
                "owner_id",
                "status",
                "currency",
                "address_id",
                "client_ip",
            },
            exclude_none=True,
        )
        if access.owner is not None:
            filters["owner_id"] = access.owner
        rows, next_cursor = await self.payments.page_by_cursor(
            filters, params.sort, params.limit, params.cursor
        )
        items = [PaymentRead.model_validate(row) for row in rows]
        return PaymentPage(items=items, next_cursor=next_cursor, limit=params.limit)

    async def _find(self, payment_id: int, owner: UUID | None) -> Payment:
        """Находит запись (среди записей владельца, если он задан) или поднимает ошибку 404."""
        found = await self.payments.get(payment_id, owner=owner)
        return self.ensure_found(found, self.not_found)

    async def get(self, payment_id: int, access: Access) -> PaymentRead:
        """Возвращает запись по идентификатору.

        Args:
            payment_id: Идентификатор записи.
            access: Кто запрашивает; чужая запись для того, кому доступны только свои, — 404.

        Raises:
            NotFoundError: Записи нет (или она чужая).
        """
        cached, stamp = await self.cache.get(payment_id)
        if cached is not None:
            if access.owner is not None and cached.owner_id != access.owner:
                raise NotFoundError(self.not_found)
            return cached
        found = PaymentRead.model_validate(await self._find(payment_id, access.owner))
        await self.cache.put(payment_id, found, stamp)
        return found

    async def create(self, payload: PaymentCreate, access: Access) -> PaymentRead:
        """Создаёт запись.

        Args:
            payload: Проверенные данные новой записи.
            access: Кто создаёт: он станет владельцем записи.

        Raises:
            ConflictError: Нарушена уникальность или связанной записи нет (или она чужая).
        """
        link_owner = access.user_id
        await self.address_links.ensure_linkable(payload.address_id, link_owner)
        values = payload.model_dump()
        instance = Payment(**values, owner_id=access.user_id)
        await self.payments.add(instance)
        created = PaymentRead.model_validate(await self.payments.reload(instance))
        add_event(self.session, PaymentCreated(data=created), created.id)
        return created

    async def update(self, payment_id: int, payload: PaymentUpdate, access: Access) -> PaymentRead:
        """Изменяет переданные поля записи.

        Args:
            payment_id: Идентификатор записи.
            payload: Меняемые поля; не переданные остаются как есть.
            access: Кто изменяет; чужая запись для того, кому доступны только свои, — 404.

        Raises:
            NotFoundError: Записи нет (или она чужая).
            ConflictError: Нарушена уникальность или связанной записи нет (или она чужая).
        """
        instance = await self._find(payment_id, access.owner)
        link_owner = instance.owner_id
        if payload.address_id is not None:
            await self.address_links.ensure_linkable(payload.address_id, link_owner)
        values = payload.model_dump(exclude_unset=True)
        await self.payments.update(instance, values)
        return await self._changed(instance)

    async def _changed(self, instance: Payment) -> PaymentRead:
        """Перечитывает изменённую запись; после фиксации сбрасывает её кэш; записывает событие в...

        ...outbox той же транзакции.
        """
        key = instance.id
        after_commit(self.session, lambda: self.cache.forget(key))
        updated = PaymentRead.model_validate(await self.payments.reload(instance))
        add_event(self.session, PaymentUpdated(data=updated), updated.id)
        return updated


class PaymentsEventHandler(BaseService):
    """Обработчики событий, на которые подписан домен «payments».

    Каждый обработчик вызывается один раз на событие, в транзакции, которая фиксируется
    вместе с отметкой об обработке; исключение возвращает событие на повтор.
    """

    def __init__(self, session: AsyncSession) -> None:
        """Связывает обработчики с сессией транзакции сообщения.

        Args:
            session: Сессия транзакции, в которой обрабатывается событие.
        """
        self.session = session

    async def on_product_withdrawn(self, event: ProductDeleted) -> None:
        """Отмечает платежи за снятый товар.

        Args:
            event: Событие «catalog.product.deleted».
        """
        logger.info(
            "Событие обработано",
            consumer="payments.product_withdrawn",
            event_id=str(event.event_id),
        )
