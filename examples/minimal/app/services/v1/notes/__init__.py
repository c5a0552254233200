"""Бизнес-логика домена «notes»: заметки пользователя."""

from app.services.v1.notes.service import (
    NoteService,
)

__all__ = [
    "NoteService",
]
