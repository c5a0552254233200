"""Входные данные управления пользователями."""

from typing import Literal

from pydantic import Field

from app.models.v1.enums import Role
from app.schemas.v1.base import RequestSchema


class UserListParams(RequestSchema):
    """Параметры списка пользователей: страница, сортировка и фильтры."""

    limit: int = Field(20, ge=1, le=100, description="Размер страницы.")
    offset: int = Field(0, ge=0, le=2**63 - 1, description="Сколько записей пропустить.")
    sort: Literal["created_at", "-created_at", "email", "-email"] = Field(
        "created_at", description="Поле сортировки; минус — по убыванию."
    )
    role: Role | None = Field(None, description="Отбор по роли.")
    is_active: bool | None = Field(None, description="Отбор по состоянию учётной записи.")


class RoleChange(RequestSchema):
    """Новая роль пользователя."""

    role: Role = Field(description="Роль.")
