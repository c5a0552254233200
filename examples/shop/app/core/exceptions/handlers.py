"""Обработчики исключений: каждая ошибка превращается в ответ единого формата."""

from collections.abc import Mapping, Sequence
from typing import Any, cast

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import iter_route_contexts
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.exceptions.base import RETRY_AFTER_UNAVAILABLE, AppError, ServiceUnavailableError
from app.core.exceptions.unavailable import describe, unavailable_dependency
from app.core.logging import get_logger
from app.core.settings import Settings
from app.schemas.v1.errors import ErrorBody, ErrorDetail, ErrorResponse

logger = get_logger(__name__)

HTTP_MESSAGES: dict[int, tuple[str, str]] = {
    400: ("bad_request", "Некорректный запрос"),
    401: ("unauthorized", "Требуется аутентификация"),
    403: ("forbidden", "Недостаточно прав"),
    404: ("not_found", "Ресурс не найден"),
    405: ("method_not_allowed", "Метод не поддерживается для этого адреса"),
    409: ("conflict", "Конфликт данных"),
    413: ("payload_too_large", "Слишком большой запрос"),
    415: ("unsupported_media_type", "Неподдерживаемый тип содержимого"),
    429: ("too_many_requests", "Слишком много запросов"),
}
"""Коды и сообщения для HTTP-ошибок, которые поднимает сам фреймворк."""

VALIDATION_MESSAGES: dict[str, str] = {
    "missing": "Обязательное поле не передано",
    "extra_forbidden": "Неизвестное поле",
    "not_null": "Значение не может быть null",
    "string_type": "Ожидается строка",
    "null_character": "Строка не может содержать символ NUL",
    "string_unicode": "Строка содержит недопустимый символ Юникода",
    "string_too_short": "Длина строки должна быть не меньше {min_length}",
    "string_too_long": "Длина строки должна быть не больше {max_length}",
    "string_pattern_mismatch": "Строка не соответствует шаблону {pattern}",
    "int_type": "Ожидается целое число",
    "int_parsing": "Ожидается целое число",
    "int_from_float": "Ожидается целое число",
    "float_type": "Ожидается число",
    "float_parsing": "Ожидается число",
    "decimal_type": "Ожидается десятичное число",
    "decimal_parsing": "Ожидается десятичное число",
    "decimal_max_digits": "Количество цифр в числе должно быть не больше {max_digits}",
    "decimal_max_places": "Знаков после запятой должно быть не больше {decimal_places}",
    "decimal_whole_digits": "Цифр до запятой должно быть не больше {whole_digits}",
    "greater_than": "Значение должно быть больше {gt}",
    "greater_than_equal": "Значение должно быть не меньше {ge}",
    "less_than": "Значение должно быть меньше {lt}",
    "less_than_equal": "Значение должно быть не больше {le}",
    "bool_type": "Ожидается логическое значение (true или false)",
    "bool_parsing": "Ожидается логическое значение (true или false)",
    "enum": "Допустимые значения: {expected}",
    "literal_error": "Допустимые значения: {expected}",
    "date_type": "Ожидается дата в формате ГГГГ-ММ-ДД",
    "date_parsing": "Ожидается дата в формате ГГГГ-ММ-ДД",
    "date_from_datetime_parsing": "Ожидается дата в формате ГГГГ-ММ-ДД",
    "datetime_type": "Ожидаются дата и время ГГГГ-ММ-ДДTЧЧ:ММ:СС с часовым поясом",
    "datetime_parsing": "Ожидаются дата и время ГГГГ-ММ-ДДTЧЧ:ММ:СС с часовым поясом",
    "datetime_from_date_parsing": "Ожидаются дата и время ГГГГ-ММ-ДДTЧЧ:ММ:СС с часовым поясом",
    "timezone_aware": "Дата и время должны содержать часовой пояс",
    "time_type": "Ожидается время в формате ЧЧ:ММ:СС",
    "time_parsing": "Ожидается время в формате ЧЧ:ММ:СС",
    "uuid_type": "Ожидается UUID",
    "too_long": "Элементов должно быть не больше {max_length}",
    "ip_any_address": "Ожидается адрес IPv4 или IPv6",
    "json_too_deep": "Вложенность JSON больше {limit} уровней",
    "time_of_day": "Ожидается время суток ЧЧ:ММ[:СС[.ffffff]] без часового пояса",
    "uuid_parsing": "Ожидается UUID",
    "url_type": "Ожидается URL",
    "url_parsing": "Ожидается корректный URL",
    "url_scheme": "Адрес должен начинаться с http:// или https://",
    "dict_type": "Ожидается JSON-объект",
    "model_type": "Ожидается JSON-объект",
    "model_attributes_type": "Ожидается JSON-объект",
    "list_type": "Ожидается список",
    "json_invalid": "Тело запроса не является корректным JSON",
    "value_error": "Некорректное значение",
}
"""Русские сообщения для типов ошибок Pydantic; ``{...}`` берутся из контекста ошибки."""


def _error_response(status_code: int, body: ErrorBody) -> JSONResponse:
    """Собирает JSON-ответ единого формата."""
    payload = ErrorResponse(error=body).model_dump(mode="json")
    return JSONResponse(status_code=status_code, content=payload)


def translate_validation_error(error: Mapping[str, Any]) -> ErrorDetail:
    """Переводит одну ошибку валидации Pydantic в понятное русское сообщение.

    Args:
        error: Элемент ``RequestValidationError.errors()``.

    Returns:
        Путь к полю (например, ``body.amount``), тип ошибки и сообщение.
    """
    kind = str(error.get("type", "value_error"))
    template = VALIDATION_MESSAGES.get(kind, "Некорректное значение")
    context = error.get("ctx") or {}
    try:
        message = template.format(**context).replace(" or ", " или ")
    except (KeyError, IndexError):
        message = template
    location: Sequence[object] = error.get("loc", ())
    field = ".".join(str(part) for part in location)
    return ErrorDetail(field=field, type=kind, message=message)


async def app_error_handler(_: Request, exc: Exception) -> JSONResponse:
    """Отвечает на ошибку приложения её статусом, кодом и сообщением."""
    error = cast("AppError", exc)
    details = [
        ErrorDetail(field=field, type=kind, message=message)
        for field, kind, message in error.details
    ]
    body = ErrorBody(code=error.code, message=error.message, details=details)
    response = _error_response(error.status_code, body)
    response.headers.update(error.headers)
    if error.status_code == status.HTTP_503_SERVICE_UNAVAILABLE:
        # Любой ответ 503 говорит клиенту, когда повторить запрос.
        response.headers.setdefault("Retry-After", str(RETRY_AFTER_UNAVAILABLE))
    return response


def unavailable_response(dependency: str, exc: BaseException) -> JSONResponse:
    """Отвечает 503 с ``Retry-After``; в журнал — одна строка предупреждения без стека.

    Args:
        dependency: Недоступная зависимость (для журнала; клиенту она не сообщается).
        exc: Ошибка, которой завершился запрос.
    """
    logger.warning("Зависимость недоступна, ответ 503", dependency=dependency, error=describe(exc))
    error = ServiceUnavailableError()
    response = _error_response(error.status_code, ErrorBody(code=error.code, message=error.message))
    response.headers.update(error.headers)
    return response


def allowed_methods(request: Request) -> list[str]:
    """Методы всех маршрутов приложения, чей шаблон пути совпал с адресом запроса.

    Маршрутизатор пишет в ``Allow`` ответа 405 методы только первого совпавшего маршрута, а у
    одного адреса их несколько (``GET`` и ``POST`` списка, ``GET``, ``PATCH`` и ``DELETE``
    записи): клиент должен узнать все. Маршруты подключённых роутеров FastAPI перечисляет
    вместе с их префиксами (``iter_route_contexts``).
    """
    path = request.url.path.removeprefix(request.scope.get("root_path", ""))
    methods: set[str] = set()
    for context in iter_route_contexts(request.app.routes):
        if context.path and context.methods and compile_path(context.path)[0].match(path):
            methods |= context.methods
    return sorted(methods)


async def http_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """Отвечает на HTTP-ошибку фреймворка (404, 405 и другие) в едином формате."""
    error = cast("StarletteHTTPException", exc)
    code, message = HTTP_MESSAGES.get(error.status_code, ("http_error", "Ошибка запроса"))
    response = _error_response(error.status_code, ErrorBody(code=code, message=message))
    if error.headers:
        response.headers.update(error.headers)
    if error.status_code == status.HTTP_405_METHOD_NOT_ALLOWED:
        response.headers["Allow"] = ", ".join(allowed_methods(request))
    return response


async def validation_error_handler(_: Request, exc: Exception) -> JSONResponse:
    """Отвечает 422 со списком полей и причин на русском языке."""
    errors = cast("RequestValidationError", exc).errors()
    details = [translate_validation_error(error) for error in errors]
    body = ErrorBody(
        code="validation_error",
        message="Данные запроса не прошли проверку",
        details=details,
    )
    return _error_response(422, body)


def unhandled_error_response(settings: Settings, exc: Exception) -> JSONResponse:
    """Собирает ответ 500; подробности видны клиенту только при ``DEBUG=true``.

    Args:
        settings: Настройки приложения.
        exc: Необработанное исключение.
    """
    details: list[ErrorDetail] = []
    if settings.debug:
        details = [ErrorDetail(field="", type=type(exc).__name__, message=str(exc))]
    body = ErrorBody(code=AppError.code, message=AppError.message, details=details)
    return _error_response(500, body)


class UnhandledErrorMiddleware:
    """Превращает необработанное исключение в ответ 500 единого формата.

    Недоступность зависимости (обрыв соединения, тайм-аут, отказ в подключении) — не сбой
    приложения: на неё ответ 503 с ``Retry-After`` (см. :mod:`app.core.exceptions.unavailable`).

    Стоит внутри остального промежуточного ПО, поэтому у ответа 500 есть идентификатор
    запроса и заголовки безопасности, а запись в журнале несёт контекст запроса.
    """

    def __init__(self, app: ASGIApp, *, settings: Settings) -> None:
        """Оборачивает ASGI-приложение.

        Args:
            app: Следующее приложение в цепочке.
            settings: Настройки приложения (окружение определяет подробность ответа).
        """
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Передаёт запрос дальше и отвечает 500, если он завершился исключением."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_and_track(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, send_and_track)
        except Exception as exc:
            dependency = unavailable_dependency(exc)
            if dependency is not None and not started:
                await unavailable_response(dependency, exc)(scope, receive, send)
                return
            logger.exception("Необработанная ошибка")
            if started:
                raise
            await unhandled_error_response(self.settings, exc)(scope, receive, send)


DATA_EXCEPTION_CLASS = "22"
"""Класс SQLSTATE «ошибка данных»: значение вне диапазона типа, недопустимый символ и т. п."""


async def database_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """Отвечает 422 на значение, которое база данных не может сохранить или сравнить.

    Например, число вне диапазона ``bigint`` или нулевой символ в строке. Потеря связи с
    базой — 503 с ``Retry-After``, остальные ошибки базы данных — 500.
    """
    error = cast("DBAPIError", exc)
    dependency = unavailable_dependency(error)
    if dependency is not None:
        return unavailable_response(dependency, error)
    state = str(getattr(error.orig, "sqlstate", "") or "")
    if state.startswith(DATA_EXCEPTION_CLASS):
        body = ErrorBody(
            code="invalid_value",
            message="Значение в запросе недопустимо для базы данных: проверьте диапазон и символы",
        )
        return _error_response(422, body)
    logger.error("Ошибка базы данных", exc_info=exc)
    settings: Settings = request.app.state.settings
    return unhandled_error_response(settings, exc)


def register_exception_handlers(app: FastAPI) -> None:
    """Подключает все обработчики ошибок к приложению.

    Вызывается до подключения остального промежуточного ПО: перехват необработанных ошибок
    должен оказаться внутри него.

    Args:
        app: Приложение FastAPI.
    """
    app.add_exception_handler(AppError, app_error_handler)
    app.add_exception_handler(StarletteHTTPException, http_error_handler)
    app.add_exception_handler(RequestValidationError, validation_error_handler)
    app.add_exception_handler(DBAPIError, database_error_handler)
    settings: Settings = app.state.settings
    app.add_middleware(UnhandledErrorMiddleware, settings=settings)
