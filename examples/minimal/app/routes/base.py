"""Общее для роутеров всех доменов: префиксы версий и описания ответов с ошибками."""

from fastapi import status

from app.core.exceptions import ServiceUnavailableError
from app.schemas.v1.errors import ErrorResponse, Responses, error_responses

API_V1 = "/api/v1"
"""Префикс маршрутов API v1; роутеры доменов объявляют его сами, чтобы шаблон
пути маршрута (для журнала и метрик) был полным."""

INVALID: Responses = {
    status.HTTP_422_UNPROCESSABLE_CONTENT: {
        "model": ErrorResponse,
        "description": "Данные запроса не прошли проверку.",
    }
}

BODY_ERRORS: Responses = {
    status.HTTP_400_BAD_REQUEST: {
        "model": ErrorResponse,
        "description": "Тело запроса не читается: это не JSON или не текст в UTF-8.",
    },
    status.HTTP_413_CONTENT_TOO_LARGE: {
        "model": ErrorResponse,
        "description": "Тело запроса больше предела HTTP__MAX_BODY_SIZE.",
    },
}
"""Ответы операции с телом на негодное тело: их дают обработчик ошибок и ``BodyLimitMiddleware``."""
RETRY_AFTER_HEADER = {
    "Retry-After": {
        "description": "Через сколько секунд повторить запрос.",
        "schema": {"type": "integer"},
    }
}
"""Описание заголовка ``Retry-After`` ответа 503."""
UNAVAILABLE: Responses = {
    status.HTTP_503_SERVICE_UNAVAILABLE: {
        **error_responses(
            "Недоступна или не ответила вовремя зависимость сервиса: база данных"
            ". Заголовок Retry-After говорит, через сколько секунд повторить.",
            ServiceUnavailableError(),
        )[status.HTTP_503_SERVICE_UNAVAILABLE],
        "headers": RETRY_AFTER_HEADER,
    }
}
"""Ответ 503 любого пути API: каждый обращается к базе данных, её недоступность — не сбой."""
