"""Общее для роутеров всех доменов: префиксы версий и описания ответов с ошибками."""

from collections.abc import Sequence
from typing import Any

from fastapi import status

from app.core.exceptions import AuthUnavailableError, ServiceUnavailableError
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
FILE_REJECTED: Responses = {
    status.HTTP_413_CONTENT_TOO_LARGE: {
        "model": ErrorResponse,
        "description": "Файл слишком большой.",
    },
    status.HTTP_415_UNSUPPORTED_MEDIA_TYPE: {
        "model": ErrorResponse,
        "description": "Тип файла не принимается.",
    },
}
ANY_FILE_TYPE = "*/*"
"""Тип файла в документе OpenAPI, если поле принимает файлы любого типа."""


def file_download(content_types: Sequence[str]) -> Responses:
    """Описывает ответ 200 маршрута скачивания: двоичное содержимое файла вложением.

    Ответы с ошибками описываются, как у остальных маршрутов, единой схемой в JSON.

    Args:
        content_types: Типы, которые принимает поле файла (``image/*`` — любое изображение);
            пустой список — любые.

    Returns:
        Описание для ``responses=`` маршрута.
    """
    binary = {"schema": {"type": "string", "format": "binary"}}
    return {
        status.HTTP_200_OK: {
            "description": "Файл вложением, с его типом и размером.",
            "content": {media: binary for media in content_types or [ANY_FILE_TYPE]},
            "headers": {
                "Content-Disposition": {
                    "description": "Вложение и имя файла для сохранения.",
                    "schema": {"type": "string"},
                }
            },
        }
    }


def file_upload(content_types: Sequence[str]) -> dict[str, Any]:
    """Дополняет описание тела загрузки типами файла, которые принимает поле.

    Args:
        content_types: Допустимые типы; пустой список — любые (дополнять нечего).

    Returns:
        Значение ``openapi_extra=`` маршрута.
    """
    if not content_types:
        return {}
    encoding = {"file": {"contentType": ", ".join(content_types)}}
    return {"requestBody": {"content": {"multipart/form-data": {"encoding": encoding}}}}


AUTH: Responses = {
    status.HTTP_401_UNAUTHORIZED: {
        "model": ErrorResponse,
        "description": "Нужен вход, или токен недействителен.",
    },
    status.HTTP_403_FORBIDDEN: {"model": ErrorResponse, "description": "Недостаточно прав."},
}
"""Ответы операций, которые проверяют вход и права."""
PUBLIC: dict[str, Any] = {"security": [{}]}
"""Дополнение документа OpenAPI для операции, открытой всем: пустое требование безопасности
рядом с Bearer говорит клиенту, что токен необязателен (а переданный — проверяется)."""

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
RATE_LIMITED: Responses = {
    status.HTTP_429_TOO_MANY_REQUESTS: {
        "model": ErrorResponse,
        "description": "Превышен лимит запросов; заголовок Retry-After говорит, когда повторить.",
    }
}
"""Ответ ``RateLimitMiddleware`` на любой путь API (проверки состояния и метрики не ограничены)."""
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
            ", хранилище файлов"
            ", хранилище сессий"
            ". Заголовок Retry-After говорит, через сколько секунд повторить.",
            ServiceUnavailableError(),
            AuthUnavailableError(),
        )[status.HTTP_503_SERVICE_UNAVAILABLE],
        "headers": RETRY_AFTER_HEADER,
    }
}
"""Ответ 503 любого пути API: каждый обращается к базе данных, её недоступность — не сбой."""
