"""Ответы с ошибками маршрутов домена «addresses»."""

from app.core.exceptions import ConflictError, InUseError, NotFoundError
from app.schemas.v1.errors import Responses, error_responses

ADDRESS_NOT_FOUND: Responses = error_responses(
    "Записи «Адрес» с таким идентификатором нет (или она чужая).",
    NotFoundError("Запись «Адрес» не найдена"),
)
"""Ответ 404 маршрутов одной записи «Адрес»."""

ADDRESS_CONFLICT: Responses = error_responses(
    "Запись не сохранена: операция противоречит текущему состоянию данных.",
    ConflictError(),
)
"""Ответ 409 на создание и изменение записи «Адрес»."""

ADDRESS_IN_USE: Responses = error_responses(
    "Запись не удалена: на неё ссылаются записи «Платёж».",
    InUseError(),
)
"""Ответ 409 на удаление записи «Адрес»."""
