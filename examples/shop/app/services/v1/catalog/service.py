"""Сервисы домена «catalog»: каталог товаров."""

from functools import partial
from uuid import UUID, uuid4

from fastapi import UploadFile
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.connections import Cache, Storage, after_commit, after_rollback
from app.core.exceptions import FileNotUploadedError
from app.core.integrations.cache import EntityCache
from app.core.integrations.messaging import add_event
from app.core.integrations.storage import Download, ObjectStorage
from app.core.logging import get_logger
from app.models.v1.categories import Category
from app.models.v1.products import Product
from app.models.v1.tags import Tag
from app.schemas.v1.catalog import (
    CategoryCreate,
    CategoryListParams,
    CategoryPage,
    CategoryRead,
    CategoryUpdate,
    ProductCreate,
    ProductCreated,
    ProductDeleted,
    ProductListParams,
    ProductPage,
    ProductRead,
    ProductUpdate,
    ProductUpdated,
    TagCreate,
    TagListParams,
    TagPage,
    TagRead,
)
from app.schemas.v1.files import FileLink
from app.schemas.v1.payments import PaymentCreated
from app.services.v1.base import BaseService
from app.services.v1.catalog.data_manager import (
    CategoryDataManager,
    ProductDataManager,
    TagDataManager,
)

logger = get_logger(__name__)


class CategoryService(BaseService):
    """Операции над записями «Категория»."""

    not_found = "Запись «Категория» не найдена"

    def __init__(self, session: AsyncSession, cache: Cache) -> None:
        """Создаёт менеджеры данных в сессии запроса.

        Args:
            session: Сессия текущего запроса.
            cache: Подключение к Redis для кэша записей.
        """
        self.session = session
        self.categories = CategoryDataManager(session)
        self.product_cache = EntityCache(cache, ProductRead, table="products", ttl=600)

    async def list_page(self, params: CategoryListParams) -> CategoryPage:
        """Возвращает страницу записей с фильтрами и сортировкой.

        Args:
            params: Размер страницы, смещение, сортировка и фильтры.

        Returns:
            Страница записей.
        """
        filters: dict[str, object] = {}
        rows, total = await self.categories.page_by_offset(
            filters, params.sort, params.limit, params.offset
        )
        items = [CategoryRead.model_validate(row) for row in rows]
        return CategoryPage(items=items, total=total, limit=params.limit, offset=params.offset)

    async def _find(self, category_id: int) -> Category:
        """Находит запись или поднимает ошибку 404."""
        found = await self.categories.get(category_id)
        return self.ensure_found(found, self.not_found)

    async def get(self, category_id: int) -> CategoryRead:
        """Возвращает запись по идентификатору.

        Args:
            category_id: Идентификатор записи.

        Raises:
            NotFoundError: Записи нет.
        """
        return CategoryRead.model_validate(await self._find(category_id))

    async def create(self, payload: CategoryCreate) -> CategoryRead:
        """Создаёт запись.

        Args:
            payload: Проверенные данные новой записи.

        Raises:
            ConflictError: Нарушена уникальность или связанной записи нет.
        """
        values = payload.model_dump()
        instance = Category(**values)
        await self.categories.add(instance)
        return CategoryRead.model_validate(await self.categories.reload(instance))

    async def update(self, category_id: int, payload: CategoryUpdate) -> CategoryRead:
        """Изменяет переданные поля записи.

        Args:
            category_id: Идентификатор записи.
            payload: Меняемые поля; не переданные остаются как есть.

        Raises:
            NotFoundError: Записи нет.
            ConflictError: Нарушена уникальность или связанной записи нет.
        """
        instance = await self._find(category_id)
        values = payload.model_dump(exclude_unset=True)
        await self.categories.update(instance, values)
        return await self._changed(instance)

    async def _changed(self, instance: Category) -> CategoryRead:
        """Перечитывает изменённую запись."""
        return CategoryRead.model_validate(await self.categories.reload(instance))

    async def delete(self, category_id: int) -> None:
        """Удаляет запись.

        Args:
            category_id: Идентификатор записи.

        Raises:
            NotFoundError: Записи нет.
            ConflictError: На запись ссылаются другие записи.
        """
        await self.categories.delete(await self._find(category_id))
        # База меняет при удалении и записи «Товар» (category).
        after_commit(self.session, self.product_cache.forget_all)


class ProductService(BaseService):
    """Операции над записями «Товар»."""

    not_found = "Запись «Товар» не найдена"

    def __init__(self, session: AsyncSession, cache: Cache, storage: Storage) -> None:
        """Создаёт менеджеры данных в сессии запроса.

        Args:
            session: Сессия текущего запроса.
            cache: Подключение к Redis для кэша записей.
            storage: Подключение к S3: файлы записей.
        """
        self.session = session
        self.files = ObjectStorage(storage)
        self.products = ProductDataManager(session)
        self.cache = EntityCache(cache, ProductRead, table="products", ttl=600)
        self.tags = TagDataManager(session)

    async def list_page(self, params: ProductListParams) -> ProductPage:
        """Возвращает страницу записей с фильтрами и сортировкой.

        Args:
            params: Размер страницы, курсор, сортировка и фильтры.

        Returns:
            Страница записей.
        """
        filters = params.model_dump(
            include={
                "currency",
                "is_active",
                "category_id",
                "keywords",
            },
            exclude_none=True,
        )
        rows, next_cursor = await self.products.page_by_cursor(
            filters, params.sort, params.limit, params.cursor
        )
        items = [ProductRead.model_validate(row) for row in rows]
        return ProductPage(items=items, next_cursor=next_cursor, limit=params.limit)

    async def _find(self, product_id: UUID, *, lock: bool = False) -> Product:
        """Находит запись (по желанию — с блокировкой строки) или поднимает ошибку 404."""
        found = await self.products.get(product_id, lock=lock)
        return self.ensure_found(found, self.not_found)

    async def get(self, product_id: UUID) -> ProductRead:
        """Возвращает запись по идентификатору.

        Args:
            product_id: Идентификатор записи.

        Raises:
            NotFoundError: Записи нет.
        """
        cached, stamp = await self.cache.get(product_id)
        if cached is not None:
            return cached
        found = ProductRead.model_validate(await self._find(product_id))
        await self.cache.put(product_id, found, stamp)
        return found

    async def create(self, payload: ProductCreate) -> ProductRead:
        """Создаёт запись.

        Args:
            payload: Проверенные данные новой записи.

        Raises:
            ConflictError: Нарушена уникальность или связанной записи нет.
        """
        values = payload.model_dump(
            exclude={
                "tag_ids",
            }
        )
        instance = Product(**values)
        instance.tags = await self.tags.get_many(payload.tag_ids)
        await self.products.add(instance)
        created = ProductRead.model_validate(await self.products.reload(instance))
        add_event(self.session, ProductCreated(data=created), created.id)
        return created

    async def update(self, product_id: UUID, payload: ProductUpdate) -> ProductRead:
        """Изменяет переданные поля записи.

        Args:
            product_id: Идентификатор записи.
            payload: Меняемые поля; не переданные остаются как есть.

        Raises:
            NotFoundError: Записи нет.
            ConflictError: Нарушена уникальность или связанной записи нет.
        """
        instance = await self._find(product_id)
        values = payload.model_dump(
            exclude_unset=True,
            exclude={
                "tag_ids",
            },
        )
        if payload.tag_ids is not None:
            instance.tags = await self.tags.get_many(payload.tag_ids)
        await self.products.update(instance, values)
        return await self._changed(instance)

    async def _changed(self, instance: Product) -> ProductRead:
        """Перечитывает изменённую запись; после фиксации сбрасывает её кэш; записывает событие в...

        ...outbox той же транзакции.
        """
        key = instance.id
        after_commit(self.session, lambda: self.cache.forget(key))
        updated = ProductRead.model_validate(await self.products.reload(instance))
        add_event(self.session, ProductUpdated(data=updated), updated.id)
        return updated

    async def delete(self, product_id: UUID) -> None:
        """Удаляет запись (мягко: строка остаётся с отметкой времени удаления).

        Args:
            product_id: Идентификатор записи.

        Raises:
            NotFoundError: Записи нет.
            ConflictError: На запись ссылаются другие записи.
        """
        await self.products.delete(await self._find(product_id))
        after_commit(self.session, lambda: self.cache.forget(product_id))
        add_event(self.session, ProductDeleted(id=product_id), product_id)

    async def upload_image(self, product_id: UUID, upload: UploadFile) -> ProductRead:
        """Загружает файл «Фото товара» записи и заменяет прежний.

        Args:
            product_id: Идентификатор записи.
            upload: Файл из запроса.

        Raises:
            NotFoundError: Записи нет.
            FileTooLargeError: Файл больше 5 МБ.
            UnsupportedFileTypeError: Тип файла не image/*.
        """
        # Блокировка строки: параллельные загрузки выполняются по очереди, и ни один файл
        # не остаётся в хранилище без ссылки на него.
        instance = await self._find(product_id, lock=True)
        stored = await self.files.put(
            f"products/{product_id}/image/{uuid4().hex}",
            upload,
            max_size=5242880,
            content_types=("image/*",),
        )
        after_rollback(self.session, partial(self.files.delete, stored.key))
        previous = instance.image
        await self.products.update(instance, {"image": stored.key})
        if previous is not None:
            after_commit(self.session, partial(self.files.delete, previous))
        return await self._changed(instance)

    async def _image_key(self, product_id: UUID) -> str:
        """Возвращает ключ файла «Фото товара» записи.

        Raises:
            NotFoundError: Записи нет.
            FileNotUploadedError: Файл не загружен.
        """
        stored = (await self._find(product_id)).image
        if stored is None:
            raise FileNotUploadedError
        return stored

    async def open_image(self, product_id: UUID) -> Download:
        """Открывает файл «Фото товара» записи для потокового скачивания.

        Args:
            product_id: Идентификатор записи.

        Raises:
            NotFoundError: Записи нет.
            FileNotUploadedError: Файл не загружен.
        """
        return await self.files.open(await self._image_key(product_id))

    async def image_link(self, product_id: UUID) -> FileLink:
        """Подписывает временную ссылку на файл «Фото товара» записи.

        Args:
            product_id: Идентификатор записи.

        Raises:
            NotFoundError: Записи нет.
            FileNotUploadedError: Файл не загружен.
        """
        ttl = self.files.storage.settings.presign_ttl
        url = await self.files.presigned_url(await self._image_key(product_id), ttl, "image")
        return FileLink(url=url, expires_in=ttl)

    async def delete_image(self, product_id: UUID) -> ProductRead:
        """Удаляет файл «Фото товара» записи.

        Args:
            product_id: Идентификатор записи.

        Raises:
            NotFoundError: Записи нет.
            FileNotUploadedError: Файл не загружен.
        """
        instance = await self._find(product_id, lock=True)
        previous = instance.image
        if previous is None:
            raise FileNotUploadedError
        await self.products.update(instance, {"image": None})
        after_commit(self.session, partial(self.files.delete, previous))
        return await self._changed(instance)


class TagService(BaseService):
    """Операции над записями «Метка»."""

    not_found = "Запись «Метка» не найдена"

    def __init__(self, session: AsyncSession, cache: Cache) -> None:
        """Создаёт менеджеры данных в сессии запроса.

        Args:
            session: Сессия текущего запроса.
            cache: Подключение к Redis для кэша записей.
        """
        self.session = session
        self.tags = TagDataManager(session)
        self.product_cache = EntityCache(cache, ProductRead, table="products", ttl=600)

    async def list_page(self, params: TagListParams) -> TagPage:
        """Возвращает страницу записей с фильтрами и сортировкой.

        Args:
            params: Размер страницы, смещение, сортировка и фильтры.

        Returns:
            Страница записей.
        """
        filters: dict[str, object] = {}
        rows, total = await self.tags.page_by_offset(
            filters, params.sort, params.limit, params.offset
        )
        items = [TagRead.model_validate(row) for row in rows]
        return TagPage(items=items, total=total, limit=params.limit, offset=params.offset)

    async def _find(self, tag_id: int) -> Tag:
        """Находит запись или поднимает ошибку 404."""
        found = await self.tags.get(tag_id)
        return self.ensure_found(found, self.not_found)

    async def get(self, tag_id: int) -> TagRead:
        """Возвращает запись по идентификатору.

        Args:
            tag_id: Идентификатор записи.

        Raises:
            NotFoundError: Записи нет.
        """
        return TagRead.model_validate(await self._find(tag_id))

    async def create(self, payload: TagCreate) -> TagRead:
        """Создаёт запись.

        Args:
            payload: Проверенные данные новой записи.

        Raises:
            ConflictError: Нарушена уникальность или связанной записи нет.
        """
        values = payload.model_dump()
        instance = Tag(**values)
        await self.tags.add(instance)
        return TagRead.model_validate(await self.tags.reload(instance))

    async def delete(self, tag_id: int) -> None:
        """Удаляет запись.

        Args:
            tag_id: Идентификатор записи.

        Raises:
            NotFoundError: Записи нет.
            ConflictError: На запись ссылаются другие записи.
        """
        await self.tags.delete(await self._find(tag_id))
        # База меняет при удалении и записи «Товар» (tags).
        after_commit(self.session, self.product_cache.forget_all)


class CatalogEventHandler(BaseService):
    """Обработчики событий, на которые подписан домен «catalog».

    Каждый обработчик вызывается один раз на событие, в транзакции, которая фиксируется
    вместе с отметкой об обработке; исключение возвращает событие на повтор.
    """

    def __init__(self, session: AsyncSession) -> None:
        """Связывает обработчики с сессией транзакции сообщения.

        Args:
            session: Сессия транзакции, в которой обрабатывается событие.
        """
        self.session = session

    async def on_payment_created(self, event: PaymentCreated) -> None:
        """Учитывает оплаченный товар.

        Args:
            event: Событие «payments.payment.created».
        """
        logger.info(
            "Событие обработано", consumer="catalog.payment_created", event_id=str(event.event_id)
        )
