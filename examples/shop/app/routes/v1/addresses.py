"""Маршруты домена «addresses»: адреса доставки пользователя."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from app.core.dependencies import SessionDep
from app.routes.base import API_V1, CONFLICT, INVALID, NOT_FOUND
from app.schemas.v1.addresses import (
    AddressCreate,
    AddressListParams,
    AddressPage,
    AddressRead,
    AddressUpdate,
)
from app.services.v1.addresses import (
    AddressService,
)

router = APIRouter(prefix=API_V1, tags=["addresses"])


async def get_address_service(session: SessionDep) -> AddressService:
    """Создаёт сервис записей «Адрес» в сессии запроса."""
    return AddressService(session)


AddressServiceDep = Annotated[AddressService, Depends(get_address_service)]


@router.get("/addresses", summary="Список записей «Адрес»", responses=INVALID)
async def list_addresses(
    service: AddressServiceDep, params: Annotated[AddressListParams, Query()]
) -> AddressPage:
    """Возвращает страницу записей «Адрес» с фильтрами и сортировкой."""
    return await service.list_page(params)


@router.get("/addresses/{address_id}", summary="Запись «Адрес»", responses=NOT_FOUND)
async def get_address(address_id: int, service: AddressServiceDep) -> AddressRead:
    """Возвращает запись «Адрес» по идентификатору."""
    return await service.get(address_id)


@router.post(
    "/addresses",
    status_code=status.HTTP_201_CREATED,
    summary="Создать запись «Адрес»",
    responses=CONFLICT | INVALID,
)
async def create_address(payload: AddressCreate, service: AddressServiceDep) -> AddressRead:
    """Создаёт запись «Адрес»."""
    return await service.create(payload)


@router.patch(
    "/addresses/{address_id}",
    summary="Изменить запись «Адрес»",
    responses=NOT_FOUND | CONFLICT | INVALID,
)
async def update_address(
    address_id: int, payload: AddressUpdate, service: AddressServiceDep
) -> AddressRead:
    """Изменяет переданные поля записи «Адрес»."""
    return await service.update(address_id, payload)


@router.delete(
    "/addresses/{address_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Удалить запись «Адрес»",
    responses=NOT_FOUND | CONFLICT,
)
async def delete_address(address_id: int, service: AddressServiceDep) -> None:
    """Удаляет запись «Адрес»."""
    await service.delete(address_id)
