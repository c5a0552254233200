"""Единая схема ответа с ошибкой и описания ответов с ошибками для документа API."""

from typing import Any, Protocol

from pydantic import BaseModel, Field


class ErrorDetail(BaseModel):
    """Ошибка в одном поле запроса."""

    field: str = Field(description="Путь к полю, например ``body.amount``.")
    type: str = Field(description="Машиночитаемый тип ошибки.")
    message: str = Field(description="Причина на русском языке.")


class ErrorBody(BaseModel):
    """Описание ошибки."""

    code: str = Field(description="Машиночитаемый код ошибки.")
    message: str = Field(description="Сообщение для человека на русском языке.")
    details: list[ErrorDetail] = Field(
        default_factory=list, description="Ошибки по полям (для 422)."
    )


class ErrorResponse(BaseModel):
    """Тело любого ответа с ошибкой."""

    error: ErrorBody


Responses = dict[int | str, dict[str, Any]]
"""Тип описания дополнительных ответов маршрута (``responses=``)."""


class DescribedError(Protocol):
    """Ошибка приложения, как её видит документ API: HTTP-статус, код и сообщение."""

    status_code: int
    code: str
    message: str


def error_responses(description: str, *errors: DescribedError) -> Responses:
    """Описывает ответ с ошибкой: единая схема и пример тела на каждую возможную ошибку.

    Примеры строятся из самих ошибок приложения, поэтому код и сообщение в документе — те,
    что приложение действительно отдаёт.

    Args:
        description: Когда маршрут так отвечает.
        errors: Ошибки приложения с одним HTTP-статусом, которыми маршрут так отвечает.

    Returns:
        Описание одного статуса для ``responses=`` маршрута.

    Raises:
        ValueError: У ошибок разные HTTP-статусы или ошибок нет.
    """
    statuses = {error.status_code for error in errors}
    if len(statuses) != 1:
        msg = f"у ответа должен быть один HTTP-статус, а у ошибок — {sorted(statuses)}"
        raise ValueError(msg)
    examples = {
        error.code: {
            "summary": error.message,
            "value": ErrorResponse(
                error=ErrorBody(code=error.code, message=error.message)
            ).model_dump(mode="json"),
        }
        for error in errors
    }
    return {
        statuses.pop(): {
            "model": ErrorResponse,
            "description": description,
            "content": {"application/json": {"examples": examples}},
        }
    }
