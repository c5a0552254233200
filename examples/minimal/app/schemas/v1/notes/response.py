"""Ответы домена «notes»: записи и страницы списков."""

from datetime import datetime

from pydantic import Field

from app.schemas.v1.base import ResponseSchema
from app.schemas.v1.pagination import OffsetPage


class NoteRead(ResponseSchema):
    """Запись «Заметка»: заметка."""

    id: int = Field(description="Идентификатор записи.")
    title: str = Field(description="Заголовок")
    body: str | None
    pinned: bool
    created_at: datetime = Field(description="Время создания.")
    updated_at: datetime = Field(description="Время последнего изменения.")


class NotePage(OffsetPage[NoteRead]):
    """Страница списка записей «Заметка»."""
