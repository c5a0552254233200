"""Входные данные регистрации и подтверждения адреса."""

from pydantic import Field

from app.schemas.v1.auth.base import EmailAddress, Password
from app.schemas.v1.base import RequestSchema


class RegistrationRequest(RequestSchema):
    """Новая учётная запись."""

    email: EmailAddress
    password: Password
    full_name: str | None = Field(None, min_length=1, max_length=200, description="Имя.")


class VerificationRequest(RequestSchema):
    """Подтверждение адреса по токену из письма."""

    token: str = Field(min_length=1, max_length=256, description="Токен из ссылки в письме.")


class VerificationResend(RequestSchema):
    """Повторное письмо со ссылкой подтверждения."""

    email: EmailAddress
