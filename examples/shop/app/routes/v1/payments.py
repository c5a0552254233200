"""Маршруты домена «payments»: платежи за заказы."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from app.core.dependencies import SessionDep
from app.routes.base import API_V1, BAD_CURSOR, CONFLICT, INVALID, NOT_FOUND
from app.schemas.v1.payments import (
    PaymentCreate,
    PaymentListParams,
    PaymentPage,
    PaymentRead,
    PaymentUpdate,
)
from app.services.v1.payments import (
    PaymentService,
)

router = APIRouter(prefix=API_V1, tags=["payments"])


async def get_payment_service(session: SessionDep) -> PaymentService:
    """Создаёт сервис записей «Payment» в сессии запроса."""
    return PaymentService(session)


PaymentServiceDep = Annotated[PaymentService, Depends(get_payment_service)]


@router.get("/payments", summary="Список записей «Payment»", responses=INVALID | BAD_CURSOR)
async def list_payments(
    service: PaymentServiceDep, params: Annotated[PaymentListParams, Query()]
) -> PaymentPage:
    """Возвращает страницу записей «Payment» с фильтрами и сортировкой."""
    return await service.list_page(params)


@router.get("/payments/{payment_id}", summary="Запись «Payment»", responses=NOT_FOUND)
async def get_payment(payment_id: int, service: PaymentServiceDep) -> PaymentRead:
    """Возвращает запись «Payment» по идентификатору."""
    return await service.get(payment_id)


@router.post(
    "/payments",
    status_code=status.HTTP_201_CREATED,
    summary="Создать запись «Payment»",
    responses=CONFLICT | INVALID,
)
async def create_payment(payload: PaymentCreate, service: PaymentServiceDep) -> PaymentRead:
    """Создаёт запись «Payment»."""
    return await service.create(payload)


@router.patch(
    "/payments/{payment_id}",
    summary="Изменить запись «Payment»",
    responses=NOT_FOUND | CONFLICT | INVALID,
)
async def update_payment(
    payment_id: int, payload: PaymentUpdate, service: PaymentServiceDep
) -> PaymentRead:
    """Изменяет переданные поля записи «Payment»."""
    return await service.update(payment_id, payload)
