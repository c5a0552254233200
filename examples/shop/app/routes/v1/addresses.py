"""Маршруты домена «addresses»: адреса доставки пользователя."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from app.core.dependencies import SessionDep
from app.core.security import Access, Permission
from app.routes.base import API_V1, AUTH, BODY_ERRORS, INVALID
from app.schemas.v1.addresses import (
    AddressCreate,
    AddressListParams,
    AddressPage,
    AddressRead,
    AddressUpdate,
)
from app.schemas.v1.addresses.exception import ADDRESS_CONFLICT, ADDRESS_IN_USE, ADDRESS_NOT_FOUND
from app.schemas.v1.base import RecordId
from app.services.v1.addresses import AddressService

router = APIRouter(prefix=API_V1, tags=["addresses"])


ADDRESS_LIST = Permission(owner=True)
"""Кому разрешено читать список записей «Адрес»."""

ADDRESS_GET = Permission(owner=True)
"""Кому разрешено читать записи «Адрес»."""

ADDRESS_CREATE = Permission(owner=True)
"""Кому разрешено создавать записи «Адрес»."""

ADDRESS_UPDATE = Permission(owner=True)
"""Кому разрешено изменять записи «Адрес»."""

ADDRESS_DELETE = Permission(owner=True)
"""Кому разрешено удалять записи «Адрес»."""


async def get_address_service(session: SessionDep) -> AddressService:
    """Создаёт сервис записей «Адрес» в сессии запроса."""
    return AddressService(session)


AddressServiceDep = Annotated[AddressService, Depends(get_address_service)]


@router.get("/addresses", summary="Список записей «Адрес»", responses=INVALID | AUTH)
async def list_addresses(
    service: AddressServiceDep,
    params: Annotated[AddressListParams, Query()],
    access: Annotated[Access, Depends(ADDRESS_LIST)],
) -> AddressPage:
    """Возвращает страницу записей «Адрес» с фильтрами и сортировкой."""
    return await service.list_page(params, access)


@router.get(
    "/addresses/{address_id}",
    summary="Запись «Адрес»",
    responses=ADDRESS_NOT_FOUND | INVALID | AUTH,
)
async def get_address(
    address_id: RecordId,
    service: AddressServiceDep,
    access: Annotated[Access, Depends(ADDRESS_GET)],
) -> AddressRead:
    """Возвращает запись «Адрес» по идентификатору."""
    return await service.get(address_id, access)


@router.post(
    "/addresses",
    status_code=status.HTTP_201_CREATED,
    summary="Создать запись «Адрес»",
    responses=BODY_ERRORS | ADDRESS_CONFLICT | INVALID | AUTH,
)
async def create_address(
    payload: AddressCreate,
    service: AddressServiceDep,
    access: Annotated[Access, Depends(ADDRESS_CREATE)],
) -> AddressRead:
    """Создаёт запись «Адрес»."""
    return await service.create(payload, access)


@router.patch(
    "/addresses/{address_id}",
    summary="Изменить запись «Адрес»",
    responses=BODY_ERRORS | ADDRESS_NOT_FOUND | ADDRESS_CONFLICT | INVALID | AUTH,
)
async def update_address(
    address_id: RecordId,
    payload: AddressUpdate,
    service: AddressServiceDep,
    access: Annotated[Access, Depends(ADDRESS_UPDATE)],
) -> AddressRead:
    """Изменяет переданные поля записи «Адрес»."""
    return await service.update(address_id, payload, access)


@router.delete(
    "/addresses/{address_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Удалить запись «Адрес»",
    responses=ADDRESS_NOT_FOUND | ADDRESS_IN_USE | INVALID | AUTH,
)
async def delete_address(
    address_id: RecordId,
    service: AddressServiceDep,
    access: Annotated[Access, Depends(ADDRESS_DELETE)],
) -> None:
    """Удаляет запись «Адрес»."""
    await service.delete(address_id, access)
