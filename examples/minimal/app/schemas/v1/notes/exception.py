"""Ответы с ошибками маршрутов домена «notes»."""

from app.core.exceptions import ConflictError, NotFoundError
from app.schemas.v1.errors import Responses, error_responses

NOTE_NOT_FOUND: Responses = error_responses(
    "Записи «Заметка» с таким идентификатором нет.",
    NotFoundError("Запись «Заметка» не найдена"),
)
"""Ответ 404 маршрутов одной записи «Заметка»."""

NOTE_CONFLICT: Responses = error_responses(
    "Запись не сохранена: операция противоречит текущему состоянию данных.",
    ConflictError(),
)
"""Ответ 409 на создание и изменение записи «Заметка»."""

NOTE_IN_USE: Responses = error_responses(
    "Запись не удалена: операция противоречит текущему состоянию данных.",
    ConflictError(),
)
"""Ответ 409 на удаление записи «Заметка»."""
