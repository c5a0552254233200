"""Исключения ограничения частоты запросов."""

from app.core.exceptions.base import AppError


class RateLimitExceededError(AppError):
    """Клиент превысил допустимое число запросов за окно.

    Attributes:
        retry_after: Через сколько секунд можно повторить запрос.
    """

    status_code = 429
    code = "too_many_requests"
    message = "Слишком много запросов"

    def __init__(self, retry_after: int) -> None:
        """Создаёт ошибку с временем ожидания.

        Args:
            retry_after: Через сколько секунд можно повторить запрос.
        """
        self.retry_after = retry_after
        super().__init__(f"Слишком много запросов — повторите через {retry_after} с")
