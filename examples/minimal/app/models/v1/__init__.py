"""Реестр моделей версии 1: импорт регистрирует все таблицы в ``Base.metadata``.

Файл принадлежит генератору: он пересоздаётся при добавлении домена.
"""

from app.models.v1.base import Base
from app.models.v1.notes import Note

__all__ = [
    "Base",
    "Note",
]
