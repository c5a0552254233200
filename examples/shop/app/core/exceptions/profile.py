"""Исключения профиля: пароли и удаление учётной записи."""

from app.core.exceptions.base import AppError


class WrongPasswordError(AppError):
    """Текущий пароль, подтверждающий действие, неверен."""

    status_code = 403
    code = "wrong_password"
    message = "Текущий пароль неверен"


class WeakPasswordError(AppError):
    """Новый пароль не проходит требования к стойкости.

    Attributes:
        field: Путь к полю с паролем, например ``body.new_password``.
        reason: Чем пароль плох.
    """

    status_code = 422
    code = "validation_error"
    message = "Данные запроса не прошли проверку"

    def __init__(self, field: str, reason: str) -> None:
        """Создаёт ошибку с причиной.

        Args:
            field: Путь к полю с паролем.
            reason: Чем пароль плох.
        """
        super().__init__()
        self.field = field
        self.reason = reason

    @property
    def details(self) -> list[tuple[str, str, str]]:
        """Одна ошибка — в поле пароля."""
        return [(self.field, "weak_password", self.reason)]
