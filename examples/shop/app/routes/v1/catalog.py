"""Маршруты домена «catalog»: каталог товаров."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query, status

from app.core.dependencies import SessionDep
from app.routes.base import API_V1, BAD_CURSOR, CONFLICT, INVALID, NOT_FOUND
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
from app.services.v1.catalog import (
    CategoryService,
    ProductService,
    TagService,
)

router = APIRouter(prefix=API_V1, tags=["catalog"])


async def get_category_service(session: SessionDep) -> CategoryService:
    """Создаёт сервис записей «Category» в сессии запроса."""
    return CategoryService(session)


CategoryServiceDep = Annotated[CategoryService, Depends(get_category_service)]


@router.get("/categories", summary="Список записей «Category»", responses=INVALID)
async def list_categories(
    service: CategoryServiceDep, params: Annotated[CategoryListParams, Query()]
) -> CategoryPage:
    """Возвращает страницу записей «Category» с фильтрами и сортировкой."""
    return await service.list_page(params)


@router.get("/categories/{category_id}", summary="Запись «Category»", responses=NOT_FOUND)
async def get_category(category_id: int, service: CategoryServiceDep) -> CategoryRead:
    """Возвращает запись «Category» по идентификатору."""
    return await service.get(category_id)


@router.post(
    "/categories",
    status_code=status.HTTP_201_CREATED,
    summary="Создать запись «Category»",
    responses=CONFLICT | INVALID,
)
async def create_category(payload: CategoryCreate, service: CategoryServiceDep) -> CategoryRead:
    """Создаёт запись «Category»."""
    return await service.create(payload)


@router.patch(
    "/categories/{category_id}",
    summary="Изменить запись «Category»",
    responses=NOT_FOUND | CONFLICT | INVALID,
)
async def update_category(
    category_id: int, payload: CategoryUpdate, service: CategoryServiceDep
) -> CategoryRead:
    """Изменяет переданные поля записи «Category»."""
    return await service.update(category_id, payload)


@router.delete(
    "/categories/{category_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Удалить запись «Category»",
    responses=NOT_FOUND | CONFLICT,
)
async def delete_category(category_id: int, service: CategoryServiceDep) -> None:
    """Удаляет запись «Category»."""
    await service.delete(category_id)


async def get_product_service(session: SessionDep) -> ProductService:
    """Создаёт сервис записей «Product» в сессии запроса."""
    return ProductService(session)


ProductServiceDep = Annotated[ProductService, Depends(get_product_service)]


@router.get("/products", summary="Список записей «Product»", responses=INVALID | BAD_CURSOR)
async def list_products(
    service: ProductServiceDep, params: Annotated[ProductListParams, Query()]
) -> ProductPage:
    """Возвращает страницу записей «Product» с фильтрами и сортировкой."""
    return await service.list_page(params)


@router.get("/products/{product_id}", summary="Запись «Product»", responses=NOT_FOUND)
async def get_product(product_id: UUID, service: ProductServiceDep) -> ProductRead:
    """Возвращает запись «Product» по идентификатору."""
    return await service.get(product_id)


@router.post(
    "/products",
    status_code=status.HTTP_201_CREATED,
    summary="Создать запись «Product»",
    responses=CONFLICT | INVALID,
)
async def create_product(payload: ProductCreate, service: ProductServiceDep) -> ProductRead:
    """Создаёт запись «Product»."""
    return await service.create(payload)


@router.patch(
    "/products/{product_id}",
    summary="Изменить запись «Product»",
    responses=NOT_FOUND | CONFLICT | INVALID,
)
async def update_product(
    product_id: UUID, payload: ProductUpdate, service: ProductServiceDep
) -> ProductRead:
    """Изменяет переданные поля записи «Product»."""
    return await service.update(product_id, payload)


@router.delete(
    "/products/{product_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Удалить запись «Product»",
    responses=NOT_FOUND | CONFLICT,
)
async def delete_product(product_id: UUID, service: ProductServiceDep) -> None:
    """Удаляет запись «Product»."""
    await service.delete(product_id)


async def get_tag_service(session: SessionDep) -> TagService:
    """Создаёт сервис записей «Tag» в сессии запроса."""
    return TagService(session)


TagServiceDep = Annotated[TagService, Depends(get_tag_service)]


@router.get("/tags", summary="Список записей «Tag»", responses=INVALID)
async def list_tags(service: TagServiceDep, params: Annotated[TagListParams, Query()]) -> TagPage:
    """Возвращает страницу записей «Tag» с фильтрами и сортировкой."""
    return await service.list_page(params)


@router.get("/tags/{tag_id}", summary="Запись «Tag»", responses=NOT_FOUND)
async def get_tag(tag_id: int, service: TagServiceDep) -> TagRead:
    """Возвращает запись «Tag» по идентификатору."""
    return await service.get(tag_id)


@router.post(
    "/tags",
    status_code=status.HTTP_201_CREATED,
    summary="Создать запись «Tag»",
    responses=CONFLICT | INVALID,
)
async def create_tag(payload: TagCreate, service: TagServiceDep) -> TagRead:
    """Создаёт запись «Tag»."""
    return await service.create(payload)


@router.delete(
    "/tags/{tag_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Удалить запись «Tag»",
    responses=NOT_FOUND | CONFLICT,
)
async def delete_tag(tag_id: int, service: TagServiceDep) -> None:
    """Удаляет запись «Tag»."""
    await service.delete(tag_id)
