"""Изменения, которые пишут события в outbox, и чтение outbox: общее для тестов событий."""

from uuid import UUID

from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.connections import Database
from app.models.v1 import OutboxMessage
from app.schemas.v1.catalog import ProductCreate, ProductCreated
from app.services.v1.catalog import ProductService
from tests.factories import product_request

FIRST_EVENT = ProductCreated
"""Событие, которое пишет :func:`change`."""


async def change(app: FastAPI, session: AsyncSession, n: int, *, fail: bool = False) -> UUID:
    """Изменение, после которого сервис пишет событие «catalog.product.created» в outbox.

    Изменение идёт через сервис в своей единице работы, как в обработчике запроса.

    Args:
        app: Запущенное приложение.
        session: Сессия для подготовки данных.
        n: Номер изменения: разные номера дают разные данные.
        fail: Откатить транзакцию после изменения (исключение ``RuntimeError``).

    Returns:
        Идентификатор изменённой записи.
    """
    database: Database = app.state.database
    async with database.unit_of_work() as work:
        service = ProductService(work, app.state.cache, app.state.storage)
        payload = await product_request(session, n)
        created = ProductCreate.model_validate(payload)
        changed = (await service.create(created)).id
        if fail:
            msg = "откат после изменения"
            raise RuntimeError(msg)
    return changed


async def outbox_rows(app: FastAPI, *, pending: bool = False) -> list[OutboxMessage]:
    """Строки outbox по порядку ``id`` (``pending`` — только неотправленные)."""
    database: Database = app.state.database
    query = select(OutboxMessage).order_by(OutboxMessage.id)
    if pending:
        query = query.where(OutboxMessage.sent_at.is_(None))
    async with database.sessionmaker() as session:
        return list(await session.scalars(query))
