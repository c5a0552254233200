"""Сессия базы данных на время запроса: одна единица работы на запрос."""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.connections import Database
from app.core.dependencies.base import app_resource


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """Открывает сессию, фиксирует её при успехе и откатывает при ошибке.

    После фиксации выполняются действия, отложенные сервисами (сброс кэша, события).

    Args:
        request: Текущий запрос; движок берётся из состояния приложения.

    Yields:
        Сессия SQLAlchemy, общая для всех слоёв в пределах запроса.
    """
    database = app_resource(request, "database", Database)
    async with database.unit_of_work() as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
"""Сессия запроса; фиксация происходит до отправки ответа."""
