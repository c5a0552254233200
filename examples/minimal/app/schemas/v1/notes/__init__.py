"""Схемы домена «notes»: заметки пользователя."""

from app.schemas.v1.notes.request import (
    NoteCreate,
    NoteListParams,
    NoteUpdate,
)
from app.schemas.v1.notes.response import (
    NotePage,
    NoteRead,
)

__all__ = [
    "NoteCreate",
    "NoteListParams",
    "NotePage",
    "NoteRead",
    "NoteUpdate",
]
