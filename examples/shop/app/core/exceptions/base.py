"""Иерархия ошибок приложения.

Сервисы и менеджеры данных поднимают только эти ошибки; в HTTP-ответ их превращает
единый обработчик из ``handlers.py``. Сообщения предназначены для клиента API.
"""


def readable_size(size: int) -> str:
    """Форматирует размер в удобочитаемом виде: ``5 МБ``, ``512 КБ``, ``100 Б``.

    Args:
        size: Размер, байт.
    """
    for unit, scale in (("ГБ", 1024**3), ("МБ", 1024**2), ("КБ", 1024)):
        if size >= scale and size % scale == 0:
            return f"{size // scale} {unit}"
    return f"{size} Б"


class AppError(Exception):
    """Базовая ошибка приложения.

    Attributes:
        status_code: HTTP-статус ответа.
        code: Машиночитаемый код ошибки.
        message: Сообщение для клиента на русском языке.
    """

    status_code: int = 500
    code: str = "internal_error"
    message: str = "Внутренняя ошибка сервера"

    def __init__(self, message: str | None = None) -> None:
        """Создаёт ошибку с сообщением по умолчанию или с уточнённым.

        Args:
            message: Сообщение для клиента; по умолчанию — сообщение класса.
        """
        self.message = message or self.message
        super().__init__(self.message)

    @property
    def headers(self) -> dict[str, str]:
        """Дополнительные заголовки ответа с этой ошибкой."""
        return {}

    @property
    def details(self) -> list[tuple[str, str, str]]:
        """Ошибки по полям: путь к полю, машиночитаемый тип и сообщение."""
        return []


class BadRequestError(AppError):
    """Запрос составлен неверно."""

    status_code = 400
    code = "bad_request"
    message = "Некорректный запрос"


class InvalidCursorError(BadRequestError):
    """Курсор пагинации повреждён или получен при другой сортировке."""

    code = "invalid_cursor"
    message = "Некорректный курсор пагинации: запросите первую страницу заново"


class PayloadTooLargeError(AppError):
    """Тело запроса больше допустимого."""

    status_code = 413
    code = "payload_too_large"
    message = "Тело запроса слишком большое"


class NotFoundError(AppError):
    """Запись не найдена."""

    status_code = 404
    code = "not_found"
    message = "Запись не найдена"


class ConflictError(AppError):
    """Операция противоречит текущему состоянию данных."""

    status_code = 409
    code = "conflict"
    message = "Операция противоречит текущему состоянию данных"


class AlreadyExistsError(ConflictError):
    """Нарушено ограничение уникальности."""

    code = "already_exists"
    message = "Запись с такими значениями уже существует"


class RelatedNotFoundError(ConflictError):
    """Связанная запись, на которую ссылается запрос, не существует."""

    code = "related_not_found"
    message = "Связанная запись не найдена"


class InUseError(ConflictError):
    """Запись нельзя удалить, пока на неё ссылаются другие записи."""

    code = "in_use"
    message = "Запись используется другими записями и не может быть удалена"


RETRY_AFTER_UNAVAILABLE = 5
"""Через сколько секунд повторить запрос, если зависимость недоступна (``Retry-After``, с)."""


class ServiceUnavailableError(AppError):
    """Зависимость сервиса (база данных, хранилище файлов) недоступна или не ответила вовремя.

    Состояние временное: клиент повторяет запрос через ``Retry-After`` секунд.
    """

    status_code = 503
    code = "service_unavailable"
    message = "Сервис временно недоступен — повторите запрос через несколько секунд"

    @property
    def headers(self) -> dict[str, str]:
        """Заголовок ``Retry-After``: когда повторить запрос."""
        return {"Retry-After": str(RETRY_AFTER_UNAVAILABLE)}
