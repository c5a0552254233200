"""Маршруты домена «payments»: платежи за заказы."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from app.core.dependencies import CacheConnectionDep, SessionDep
from app.core.integrations.messaging import EventPublisherDep
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


async def get_payment_service(
    session: SessionDep, cache: CacheConnectionDep, events: EventPublisherDep
) -> PaymentService:
    """Создаёт сервис записей «Платёж» в сессии запроса."""
    return PaymentService(session, cache, events)


PaymentServiceDep = Annotated[PaymentService, Depends(get_payment_service)]


@router.get("/payments", summary="Список записей «Платёж»", responses=INVALID | BAD_CURSOR)
async def list_payments(
    service: PaymentServiceDep, params: Annotated[PaymentListParams, Query()]
) -> PaymentPage:
    """Возвращает страницу записей «Платёж» с фильтрами и сортировкой."""
    return await service.list_page(params)


@router.get("/payments/{payment_id}", summary="Запись «Платёж»", responses=NOT_FOUND)
async def get_payment(payment_id: int, service: PaymentServiceDep) -> PaymentRead:
    """Возвращает запись «Платёж» по идентификатору."""
    return await service.get(payment_id)


@router.post(
    "/payments",
    status_code=status.HTTP_201_CREATED,
    summary="Создать запись «Платёж»",
    responses=CONFLICT | INVALID,
)
async def create_payment(payload: PaymentCreate, service: PaymentServiceDep) -> PaymentRead:
    """Создаёт запись «Платёж»."""
    return await service.create(payload)


@router.patch(
    "/payments/{payment_id}",
    summary="Изменить запись «Платёж»",
    responses=NOT_FOUND | CONFLICT | INVALID,
)
async def update_payment(
    payment_id: int, payload: PaymentUpdate, service: PaymentServiceDep
) -> PaymentRead:
    """Изменяет переданные поля записи «Платёж»."""
    return await service.update(payment_id, payload)
