"""Общие типы полей схем входа: адрес почты и пароль."""

from typing import Annotated

from pydantic import AfterValidator, EmailStr, Field

from app.core.security import normalize_email

EmailAddress = Annotated[
    EmailStr, AfterValidator(normalize_email), Field(description="Адрес электронной почты.")
]
"""Адрес почты, приведённый к нижнему регистру: так он хранится и сравнивается."""

Password = Annotated[str, Field(min_length=1, max_length=256, description="Пароль.")]
"""Пароль из запроса; требования к стойкости нового пароля проверяет сервис."""
