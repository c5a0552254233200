"""Базовые классы схем и общие типы полей."""

from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationInfo
from pydantic_core import PydanticCustomError


class RequestSchema(BaseModel):
    """Базовая схема входных данных: лишние поля запрещены.

    Шаблоны строк (``pattern``) — регулярные выражения Python (``re``), как их проверяет
    спецификация.
    """

    model_config = ConfigDict(extra="forbid", regex_engine="python-re")


class ResponseSchema(BaseModel):
    """Базовая схема ответа: читается из атрибутов ORM-модели."""

    model_config = ConfigDict(from_attributes=True)


def reject_null(value: Any, info: ValidationInfo) -> Any:  # noqa: ANN401
    """Запрещает явный ``null`` для обязательного поля в частичном обновлении.

    Args:
        value: Проверяемое значение.
        info: Сведения о проверяемом поле.

    Returns:
        Значение без изменений.

    Raises:
        PydanticCustomError: Передан ``null``.
    """
    if value is None:
        raise PydanticCustomError(
            "not_null", "Поле {field} не может быть null", {"field": info.field_name}
        )
    return value
