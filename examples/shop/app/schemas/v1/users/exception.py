"""Ответы с ошибками маршрутов управления пользователями."""

from app.core.exceptions import OwnAccountError, UserNotFoundError
from app.schemas.v1.errors import Responses, error_responses

USER_NOT_FOUND: Responses = error_responses(
    "Пользователя с таким идентификатором нет.", UserNotFoundError()
)
"""Ответ 404 маршрутов одного пользователя."""

OWN_ACCOUNT: Responses = error_responses(
    "Нельзя менять роль или отключать собственную учётную запись.", OwnAccountError()
)
"""Ответ 409 на изменение роли, отключение и включение учётной записи."""
