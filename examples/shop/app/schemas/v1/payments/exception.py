"""Ответы с ошибками маршрутов домена «payments»."""

from app.core.exceptions import InvalidCursorError, NotFoundError, RelatedNotFoundError
from app.schemas.v1.errors import Responses, error_responses

PAYMENT_NOT_FOUND: Responses = error_responses(
    "Записи «Платёж» с таким идентификатором нет (или она чужая).",
    NotFoundError("Запись «Платёж» не найдена"),
)
"""Ответ 404 маршрутов одной записи «Платёж»."""

PAYMENT_CONFLICT: Responses = error_responses(
    "Запись не сохранена: нет связанной записи (address_id) или она чужая.",
    RelatedNotFoundError(),
)
"""Ответ 409 на создание и изменение записи «Платёж»."""

INVALID_CURSOR: Responses = error_responses(
    "Курсор страницы повреждён или выдан для другой сортировки.", InvalidCursorError()
)
"""Ответ 400 списков с курсорной пагинацией."""
