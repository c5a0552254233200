"""Менеджеры данных домена «notes»: запросы к таблицам, без фиксации транзакций."""

from typing import Any, ClassVar

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from app.models.v1.notes import Note
from app.services.v1.base import BaseDataManager


class NoteDataManager(BaseDataManager[Note]):
    """Запросы к таблице ``notes``."""

    sort_columns: ClassVar[dict[str, InstrumentedAttribute[Any]]] = {
        "id": Note.id,
        "title": Note.title,
        "created_at": Note.created_at,
    }
    filter_columns: ClassVar[dict[str, InstrumentedAttribute[Any]]] = {
        "pinned": Note.pinned,
    }

    def __init__(self, session: AsyncSession) -> None:
        """Связывает менеджер с сессией запроса.

        Args:
            session: Сессия текущего запроса.
        """
        super().__init__(session, Note)
