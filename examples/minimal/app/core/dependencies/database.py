"""Сессия базы данных на время запроса: одна единица работы на запрос."""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.connections import Database
from app.core.dependencies.base import app_resource


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """Открывает сессию, фиксирует её при успехе и откатывает при ошибке.

    Args:
        request: Текущий запрос; движок берётся из состояния приложения.

    Yields:
        Сессия SQLAlchemy, общая для всех слоёв в пределах запроса.
    """
    database = app_resource(request, "database", Database)
    async with database.sessionmaker() as session:
        try:
            yield session
            await session.commit()
        except BaseException:
            await session.rollback()
            raise


SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
"""Сессия запроса; фиксация происходит до отправки ответа."""
