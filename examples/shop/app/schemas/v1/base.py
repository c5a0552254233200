"""Базовые классы схем и общие типы полей."""

from datetime import UTC, datetime
from typing import Annotated, Any, ClassVar
from uuid import UUID, uuid4

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    PlainSerializer,
    ValidationInfo,
)
from pydantic_core import PydanticCustomError

HttpUrlStr = Annotated[HttpUrl, PlainSerializer(str, return_type=str)]
"""URL с проверкой схемы http/https; в базу и в JSON попадает строкой."""


class RequestSchema(BaseModel):
    """Базовая схема входных данных: лишние поля запрещены.

    Шаблоны строк (``pattern``) — регулярные выражения Python (``re``), как их проверяет
    спецификация.
    """

    model_config = ConfigDict(extra="forbid", regex_engine="python-re")


class ResponseSchema(BaseModel):
    """Базовая схема ответа: читается из атрибутов ORM-модели."""

    model_config = ConfigDict(from_attributes=True)


class IntegrationEvent(BaseModel):
    """Базовое событие предметной области, публикуемое в RabbitMQ.

    Attributes:
        event_type: Тип события — он же ключ маршрутизации (``домен.сущность.событие``).
        event_version: Версия схемы события; растёт при несовместимых изменениях.
        event_id: Идентификатор события; потребители по нему отбрасывают повторы.
        occurred_at: Когда произошло изменение.
    """

    model_config = ConfigDict(frozen=True)

    event_type: ClassVar[str]
    event_version: ClassVar[int] = 1
    event_id: UUID = Field(default_factory=uuid4, description="Идентификатор события.")
    occurred_at: AwareDatetime = Field(
        default_factory=lambda: datetime.now(UTC), description="Время изменения."
    )


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
