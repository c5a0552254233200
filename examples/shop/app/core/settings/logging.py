"""Настройки логирования."""

from typing import Literal

from pydantic import BaseModel, Field


class LogSettings(BaseModel):
    """Уровень и формат журнала.

    Attributes:
        level: Минимальный уровень записей.
        json_format: Писать JSON; по умолчанию — везде, кроме окружения ``dev``.
    """

    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        "INFO", description="Минимальный уровень записей."
    )
    json_format: bool | None = Field(
        None, description="JSON вместо читаемого вывода; по умолчанию — вне dev."
    )
