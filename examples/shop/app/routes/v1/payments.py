"""Маршруты домена «payments»: платежи за заказы."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from app.core.dependencies import CacheConnectionDep, SessionDep
from app.core.security import Access, Permission
from app.models.v1.enums import Role
from app.routes.base import API_V1, AUTH, BODY_ERRORS, INVALID
from app.schemas.v1.base import RecordId
from app.schemas.v1.payments import (
    PaymentCreate,
    PaymentListParams,
    PaymentPage,
    PaymentRead,
    PaymentUpdate,
)
from app.schemas.v1.payments.exception import INVALID_CURSOR, PAYMENT_CONFLICT, PAYMENT_NOT_FOUND
from app.services.v1.payments import PaymentService

router = APIRouter(prefix=API_V1, tags=["payments"])


PAYMENT_LIST = Permission(Role.admin, owner=True)
"""Кому разрешено читать список записей «Платёж»."""

PAYMENT_GET = Permission(Role.admin, owner=True)
"""Кому разрешено читать записи «Платёж»."""

PAYMENT_CREATE = Permission(Role.user)
"""Кому разрешено создавать записи «Платёж»."""

PAYMENT_UPDATE = Permission(Role.admin)
"""Кому разрешено изменять записи «Платёж»."""


async def get_payment_service(session: SessionDep, cache: CacheConnectionDep) -> PaymentService:
    """Создаёт сервис записей «Платёж» в сессии запроса."""
    return PaymentService(session, cache)


PaymentServiceDep = Annotated[PaymentService, Depends(get_payment_service)]


@router.get(
    "/payments", summary="Список записей «Платёж»", responses=INVALID | INVALID_CURSOR | AUTH
)
async def list_payments(
    service: PaymentServiceDep,
    params: Annotated[PaymentListParams, Query()],
    access: Annotated[Access, Depends(PAYMENT_LIST)],
) -> PaymentPage:
    """Возвращает страницу записей «Платёж» с фильтрами и сортировкой."""
    return await service.list_page(params, access)


@router.get(
    "/payments/{payment_id}",
    summary="Запись «Платёж»",
    responses=PAYMENT_NOT_FOUND | INVALID | AUTH,
)
async def get_payment(
    payment_id: RecordId,
    service: PaymentServiceDep,
    access: Annotated[Access, Depends(PAYMENT_GET)],
) -> PaymentRead:
    """Возвращает запись «Платёж» по идентификатору."""
    return await service.get(payment_id, access)


@router.post(
    "/payments",
    status_code=status.HTTP_201_CREATED,
    summary="Создать запись «Платёж»",
    responses=BODY_ERRORS | PAYMENT_CONFLICT | INVALID | AUTH,
)
async def create_payment(
    payload: PaymentCreate,
    service: PaymentServiceDep,
    access: Annotated[Access, Depends(PAYMENT_CREATE)],
) -> PaymentRead:
    """Создаёт запись «Платёж»."""
    return await service.create(payload, access)


@router.patch(
    "/payments/{payment_id}",
    summary="Изменить запись «Платёж»",
    responses=BODY_ERRORS | PAYMENT_NOT_FOUND | PAYMENT_CONFLICT | INVALID | AUTH,
)
async def update_payment(
    payment_id: RecordId,
    payload: PaymentUpdate,
    service: PaymentServiceDep,
    access: Annotated[Access, Depends(PAYMENT_UPDATE)],
) -> PaymentRead:
    """Изменяет переданные поля записи «Платёж»."""
    return await service.update(payment_id, payload, access)
