"""Исключения управления пользователями."""

from app.core.exceptions.base import ConflictError, NotFoundError


class UserNotFoundError(NotFoundError):
    """Пользователя с таким идентификатором нет."""

    message = "Пользователь не найден"


class OwnAccountError(ConflictError):
    """Администратор пытается снять с себя роль или отключить собственную учётную запись."""

    code = "own_account"
    message = (
        "Нельзя менять роль или отключать собственную учётную запись: так можно остаться "
        "без администратора — попросите другого администратора"
    )
