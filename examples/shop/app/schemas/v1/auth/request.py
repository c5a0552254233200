"""Входные данные входа, обновления токенов и сброса пароля."""

from typing import Literal

from pydantic import Field

from app.schemas.v1.auth.base import EmailAddress, Password
from app.schemas.v1.base import RequestSchema


class LoginRequest(RequestSchema):
    """Вход по адресу почты и паролю."""

    email: EmailAddress
    password: Password
    transport: Literal["bearer", "cookie"] = Field(
        "bearer",
        description="bearer — токены в теле ответа (мобильные и серверные клиенты); cookie — "
        "токены в cookie с HttpOnly, в теле только CSRF-токен (браузеры).",
    )


class RefreshRequest(RequestSchema):
    """Обновление пары токенов."""

    refresh_token: str | None = Field(
        None,
        max_length=4096,
        description="Refresh-токен; без него берётся cookie refresh_token (браузеры).",
    )


class PasswordResetRequest(RequestSchema):
    """Запрос письма со ссылкой сброса пароля."""

    email: EmailAddress


class PasswordResetConfirm(RequestSchema):
    """Новый пароль по токену из письма."""

    token: str = Field(min_length=1, max_length=256, description="Токен из ссылки в письме.")
    new_password: Password
