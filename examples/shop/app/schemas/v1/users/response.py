"""Ответы управления пользователями."""

from datetime import datetime
from uuid import UUID

from pydantic import Field

from app.models.v1.enums import Role
from app.schemas.v1.base import ResponseSchema
from app.schemas.v1.pagination import OffsetPage


class UserRead(ResponseSchema):
    """Пользователь (без хеша пароля)."""

    id: UUID = Field(description="Идентификатор пользователя.")
    email: str = Field(description="Адрес почты.")
    full_name: str | None = Field(description="Имя.")
    role: Role = Field(description="Роль.")
    is_active: bool = Field(description="Учётная запись включена.")
    is_verified: bool = Field(description="Адрес почты подтверждён.")
    last_activity_at: datetime | None = Field(description="Время последнего запроса.")
    created_at: datetime = Field(description="Время регистрации.")
    updated_at: datetime = Field(description="Время последнего изменения.")


class UserPage(OffsetPage[UserRead]):
    """Страница списка пользователей."""
