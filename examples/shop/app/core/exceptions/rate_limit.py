"""Исключения ограничения частоты запросов и блокировки входа."""

from app.core.exceptions.base import AppError


def minutes_text(seconds: int) -> str:
    """Записывает время ожидания по-русски: ``45 с``, ``15 мин``.

    Args:
        seconds: Время ожидания, с.
    """
    if seconds < 60:
        return f"{seconds} с"
    return f"{-(-seconds // 60)} мин"


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
        super().__init__(f"Слишком много запросов — повторите через {minutes_text(retry_after)}")

    @property
    def headers(self) -> dict[str, str]:
        """Заголовок ``Retry-After`` со временем ожидания."""
        return {"Retry-After": str(self.retry_after)}


class AccountLockedError(RateLimitExceededError):
    """Вход по адресу заблокирован после серии неудачных попыток."""

    code = "account_locked"

    def __init__(self, retry_after: int) -> None:
        """Создаёт ошибку с временем до снятия блокировки.

        Args:
            retry_after: Через сколько секунд вход снова станет возможен.
        """
        super().__init__(retry_after)
        self.message = (
            "Слишком много неудачных попыток входа — вход временно заблокирован, "
            f"повторите через {minutes_text(retry_after)}"
        )
        self.args = (self.message,)
