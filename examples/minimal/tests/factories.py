"""Фабрики тестовых данных: тела запросов и записи, созданные напрямую через ORM.

Значения детерминированы: ``n``-й набор (от 0 до 3) удовлетворяет всем ограничениям
спецификации и возрастает с ``n`` для упорядочиваемых полей.
"""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.models.v1 import Note


def note_payload(n: int = 0) -> dict[str, Any]:
    """Тело запроса с ``n``-м набором значений полей «Заметка» (без связей)."""
    return {
        "title": ["title-0", "title-1", "title-2", "title-3"][n],
        "body": ["body-0", "body-1", "body-2", "body-3"][n],
        "pinned": [True, False, True, False][n],
    }


async def note_request(session: AsyncSession, n: int = 0) -> dict[str, Any]:
    """Тело запроса на создание «Заметка» с уже созданными связанными записями."""
    del session
    return note_payload(n)


async def make_note(session: AsyncSession, n: int = 0, **values: object) -> Note:
    """Создаёт запись «Заметка» с ``n``-м набором значений; ``values`` их заменяют."""
    data: dict[str, Any] = {
        "title": ["title-0", "title-1", "title-2", "title-3"][n],
        "body": ["body-0", "body-1", "body-2", "body-3"][n],
        "pinned": [True, False, True, False][n],
    }
    data.update(values)
    instance = Note(**data)
    session.add(instance)
    await session.commit()
    return instance
