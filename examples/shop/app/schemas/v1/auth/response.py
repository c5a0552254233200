"""Ответы входа: токены сессии и подтверждения принятых запросов."""

from typing import Literal

from pydantic import BaseModel, Field


class SessionResponse(BaseModel):
    """Сессия входа: токены (bearer) или только CSRF-токен (cookie)."""

    token_type: Literal["bearer", "cookie"] = Field(description="Как передаются токены.")
    access_token: str | None = Field(
        description="Access-токен для заголовка Authorization; null — он в cookie."
    )
    refresh_token: str | None = Field(
        description="Refresh-токен для обновления пары; null — он в cookie."
    )
    expires_in: int = Field(description="Через сколько секунд истечёт access-токен.")
    csrf_token: str | None = Field(
        description="CSRF-токен для заголовка X-CSRF-Token (только для cookie)."
    )


class Accepted(BaseModel):
    """Запрос принят; результат не раскрывается (например, есть ли такой адрес)."""

    message: str = Field(description="Что произошло и что делать дальше.")
