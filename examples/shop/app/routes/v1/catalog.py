"""Маршруты домена «catalog»: каталог товаров."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query, UploadFile, status

from app.core.dependencies import CacheConnectionDep, SessionDep, StorageDep
from app.core.integrations.storage import FileStream
from app.core.security import Permission
from app.models.v1.enums import Role
from app.routes.base import (
    API_V1,
    AUTH,
    BODY_ERRORS,
    FILE_REJECTED,
    INVALID,
    PUBLIC,
    file_download,
    file_upload,
)
from app.schemas.v1.base import RecordId
from app.schemas.v1.catalog import (
    CategoryCreate,
    CategoryListParams,
    CategoryPage,
    CategoryRead,
    CategoryUpdate,
    ProductCreate,
    ProductListParams,
    ProductPage,
    ProductRead,
    ProductUpdate,
    TagCreate,
    TagListParams,
    TagPage,
    TagRead,
)
from app.schemas.v1.catalog.exception import (
    CATEGORY_CONFLICT,
    CATEGORY_IN_USE,
    CATEGORY_NOT_FOUND,
    INVALID_CURSOR,
    PRODUCT_CONFLICT,
    PRODUCT_FILE_MISSING,
    PRODUCT_IN_USE,
    PRODUCT_NOT_FOUND,
    TAG_CONFLICT,
    TAG_IN_USE,
    TAG_NOT_FOUND,
)
from app.schemas.v1.files import FileLink
from app.services.v1.catalog import CategoryService, ProductService, TagService

router = APIRouter(prefix=API_V1, tags=["catalog"])


CATEGORY_LIST = Permission(public=True)
"""Кому разрешено читать список записей «Категория»."""

CATEGORY_GET = Permission(public=True)
"""Кому разрешено читать записи «Категория»."""

CATEGORY_CREATE = Permission(Role.manager)
"""Кому разрешено создавать записи «Категория»."""

CATEGORY_UPDATE = Permission(Role.manager)
"""Кому разрешено изменять записи «Категория»."""

CATEGORY_DELETE = Permission(Role.manager)
"""Кому разрешено удалять записи «Категория»."""


async def get_category_service(session: SessionDep, cache: CacheConnectionDep) -> CategoryService:
    """Создаёт сервис записей «Категория» в сессии запроса."""
    return CategoryService(session, cache)


CategoryServiceDep = Annotated[CategoryService, Depends(get_category_service)]


@router.get(
    "/categories",
    summary="Список записей «Категория»",
    responses=INVALID | AUTH,
    dependencies=[Depends(CATEGORY_LIST)],
    openapi_extra=PUBLIC,
)
async def list_categories(
    service: CategoryServiceDep, params: Annotated[CategoryListParams, Query()]
) -> CategoryPage:
    """Возвращает страницу записей «Категория» с фильтрами и сортировкой."""
    return await service.list_page(params)


@router.get(
    "/categories/{category_id}",
    summary="Запись «Категория»",
    responses=CATEGORY_NOT_FOUND | INVALID | AUTH,
    dependencies=[Depends(CATEGORY_GET)],
    openapi_extra=PUBLIC,
)
async def get_category(category_id: RecordId, service: CategoryServiceDep) -> CategoryRead:
    """Возвращает запись «Категория» по идентификатору."""
    return await service.get(category_id)


@router.post(
    "/categories",
    status_code=status.HTTP_201_CREATED,
    summary="Создать запись «Категория»",
    responses=BODY_ERRORS | CATEGORY_CONFLICT | INVALID | AUTH,
    dependencies=[Depends(CATEGORY_CREATE)],
)
async def create_category(payload: CategoryCreate, service: CategoryServiceDep) -> CategoryRead:
    """Создаёт запись «Категория»."""
    return await service.create(payload)


@router.patch(
    "/categories/{category_id}",
    summary="Изменить запись «Категория»",
    responses=BODY_ERRORS | CATEGORY_NOT_FOUND | CATEGORY_CONFLICT | INVALID | AUTH,
    dependencies=[Depends(CATEGORY_UPDATE)],
)
async def update_category(
    category_id: RecordId, payload: CategoryUpdate, service: CategoryServiceDep
) -> CategoryRead:
    """Изменяет переданные поля записи «Категория»."""
    return await service.update(category_id, payload)


@router.delete(
    "/categories/{category_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Удалить запись «Категория»",
    responses=CATEGORY_NOT_FOUND | CATEGORY_IN_USE | INVALID | AUTH,
    dependencies=[Depends(CATEGORY_DELETE)],
)
async def delete_category(category_id: RecordId, service: CategoryServiceDep) -> None:
    """Удаляет запись «Категория»."""
    await service.delete(category_id)


PRODUCT_LIST = Permission(public=True)
"""Кому разрешено читать список записей «Товар»."""

PRODUCT_GET = Permission(public=True)
"""Кому разрешено читать записи «Товар» (и скачивать их файлы)."""

PRODUCT_CREATE = Permission(Role.manager)
"""Кому разрешено создавать записи «Товар»."""

PRODUCT_UPDATE = Permission(Role.manager)
"""Кому разрешено изменять записи «Товар» (и загружать и удалять их файлы)."""

PRODUCT_DELETE = Permission(Role.manager)
"""Кому разрешено удалять записи «Товар»."""


async def get_product_service(
    session: SessionDep, cache: CacheConnectionDep, storage: StorageDep
) -> ProductService:
    """Создаёт сервис записей «Товар» в сессии запроса."""
    return ProductService(session, cache, storage)


ProductServiceDep = Annotated[ProductService, Depends(get_product_service)]


@router.get(
    "/products",
    summary="Список записей «Товар»",
    responses=INVALID | INVALID_CURSOR | AUTH,
    dependencies=[Depends(PRODUCT_LIST)],
    openapi_extra=PUBLIC,
)
async def list_products(
    service: ProductServiceDep, params: Annotated[ProductListParams, Query()]
) -> ProductPage:
    """Возвращает страницу записей «Товар» с фильтрами и сортировкой."""
    return await service.list_page(params)


@router.get(
    "/products/{product_id}",
    summary="Запись «Товар»",
    responses=PRODUCT_NOT_FOUND | INVALID | AUTH,
    dependencies=[Depends(PRODUCT_GET)],
    openapi_extra=PUBLIC,
)
async def get_product(product_id: UUID, service: ProductServiceDep) -> ProductRead:
    """Возвращает запись «Товар» по идентификатору."""
    return await service.get(product_id)


@router.post(
    "/products",
    status_code=status.HTTP_201_CREATED,
    summary="Создать запись «Товар»",
    responses=BODY_ERRORS | PRODUCT_CONFLICT | INVALID | AUTH,
    dependencies=[Depends(PRODUCT_CREATE)],
)
async def create_product(payload: ProductCreate, service: ProductServiceDep) -> ProductRead:
    """Создаёт запись «Товар»."""
    return await service.create(payload)


@router.patch(
    "/products/{product_id}",
    summary="Изменить запись «Товар»",
    responses=BODY_ERRORS | PRODUCT_NOT_FOUND | PRODUCT_CONFLICT | INVALID | AUTH,
    dependencies=[Depends(PRODUCT_UPDATE)],
)
async def update_product(
    product_id: UUID, payload: ProductUpdate, service: ProductServiceDep
) -> ProductRead:
    """Изменяет переданные поля записи «Товар»."""
    return await service.update(product_id, payload)


@router.delete(
    "/products/{product_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Удалить запись «Товар»",
    responses=PRODUCT_NOT_FOUND | PRODUCT_IN_USE | INVALID | AUTH,
    dependencies=[Depends(PRODUCT_DELETE)],
)
async def delete_product(product_id: UUID, service: ProductServiceDep) -> None:
    """Удаляет запись «Товар»."""
    await service.delete(product_id)


@router.put(
    "/products/{product_id}/image",
    summary="Загрузить файл «Фото товара» записи «Товар»",
    responses=BODY_ERRORS | PRODUCT_NOT_FOUND | FILE_REJECTED | INVALID | AUTH,
    openapi_extra=file_upload(("image/*",)),
    dependencies=[Depends(PRODUCT_UPDATE)],
)
async def upload_product_image(
    product_id: UUID, file: UploadFile, service: ProductServiceDep
) -> ProductRead:
    """Загружает файл (до 5 МБ; типы: image/*) и заменяет прежний."""
    return await service.upload_image(product_id, file)


@router.get(
    "/products/{product_id}/image",
    summary="Скачать файл «Фото товара» записи «Товар»",
    response_class=FileStream,
    responses=file_download(("image/*",)) | PRODUCT_FILE_MISSING | INVALID | AUTH,
    dependencies=[Depends(PRODUCT_GET)],
    openapi_extra=PUBLIC,
)
async def download_product_image(product_id: UUID, service: ProductServiceDep) -> FileStream:
    """Отдаёт файл потоком, вложением, с его типом и размером."""
    return FileStream(await service.open_image(product_id), "image")


@router.get(
    "/products/{product_id}/image/link",
    summary="Временная ссылка на файл «Фото товара» записи «Товар»",
    responses=PRODUCT_FILE_MISSING | INVALID | AUTH,
    dependencies=[Depends(PRODUCT_GET)],
    openapi_extra=PUBLIC,
)
async def product_image_link(product_id: UUID, service: ProductServiceDep) -> FileLink:
    """Возвращает подписанную ссылку на скачивание прямо из хранилища."""
    return await service.image_link(product_id)


@router.delete(
    "/products/{product_id}/image",
    summary="Удалить файл «Фото товара» записи «Товар»",
    responses=PRODUCT_FILE_MISSING | INVALID | AUTH,
    dependencies=[Depends(PRODUCT_UPDATE)],
)
async def delete_product_image(product_id: UUID, service: ProductServiceDep) -> ProductRead:
    """Удаляет файл записи; сама запись остаётся."""
    return await service.delete_image(product_id)


TAG_LIST = Permission(public=True)
"""Кому разрешено читать список записей «Метка»."""

TAG_GET = Permission(public=True)
"""Кому разрешено читать записи «Метка»."""

TAG_CREATE = Permission(Role.manager)
"""Кому разрешено создавать записи «Метка»."""

TAG_DELETE = Permission(Role.manager)
"""Кому разрешено удалять записи «Метка»."""


async def get_tag_service(session: SessionDep, cache: CacheConnectionDep) -> TagService:
    """Создаёт сервис записей «Метка» в сессии запроса."""
    return TagService(session, cache)


TagServiceDep = Annotated[TagService, Depends(get_tag_service)]


@router.get(
    "/tags",
    summary="Список записей «Метка»",
    responses=INVALID | AUTH,
    dependencies=[Depends(TAG_LIST)],
    openapi_extra=PUBLIC,
)
async def list_tags(service: TagServiceDep, params: Annotated[TagListParams, Query()]) -> TagPage:
    """Возвращает страницу записей «Метка» с фильтрами и сортировкой."""
    return await service.list_page(params)


@router.get(
    "/tags/{tag_id}",
    summary="Запись «Метка»",
    responses=TAG_NOT_FOUND | INVALID | AUTH,
    dependencies=[Depends(TAG_GET)],
    openapi_extra=PUBLIC,
)
async def get_tag(tag_id: RecordId, service: TagServiceDep) -> TagRead:
    """Возвращает запись «Метка» по идентификатору."""
    return await service.get(tag_id)


@router.post(
    "/tags",
    status_code=status.HTTP_201_CREATED,
    summary="Создать запись «Метка»",
    responses=BODY_ERRORS | TAG_CONFLICT | INVALID | AUTH,
    dependencies=[Depends(TAG_CREATE)],
)
async def create_tag(payload: TagCreate, service: TagServiceDep) -> TagRead:
    """Создаёт запись «Метка»."""
    return await service.create(payload)


@router.delete(
    "/tags/{tag_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Удалить запись «Метка»",
    responses=TAG_NOT_FOUND | TAG_IN_USE | INVALID | AUTH,
    dependencies=[Depends(TAG_DELETE)],
)
async def delete_tag(tag_id: RecordId, service: TagServiceDep) -> None:
    """Удаляет запись «Метка»."""
    await service.delete(tag_id)
