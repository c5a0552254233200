"""Единая схема ответа с ошибкой."""

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
