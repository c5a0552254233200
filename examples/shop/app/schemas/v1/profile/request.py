"""Входные данные профиля: изменение данных, смена пароля, удаление учётной записи."""

from pydantic import Field

from app.schemas.v1.auth.base import Password
from app.schemas.v1.base import RequestSchema


class ProfileUpdate(RequestSchema):
    """Изменение своих данных."""

    full_name: str | None = Field(None, min_length=1, max_length=200, description="Имя.")


class PasswordChange(RequestSchema):
    """Смена пароля: завершает все сессии входа."""

    current_password: Password
    new_password: Password


class AccountDeletion(RequestSchema):
    """Удаление своей учётной записи вместе с её записями."""

    password: Password
