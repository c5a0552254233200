"""Ответы проверок состояния сервиса."""

from typing import Literal

from pydantic import BaseModel, Field


class HealthResponse(BaseModel):
    """Состояние сервиса и его зависимостей."""

    status: Literal["ok", "unavailable"] = Field(description="Общее состояние.")
    checks: dict[str, Literal["ok", "unavailable"]] = Field(
        default_factory=dict, description="Состояние каждой зависимости."
    )
