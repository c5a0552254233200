"""Схемы управления пользователями."""

from app.schemas.v1.users.request import RoleChange, UserListParams
from app.schemas.v1.users.response import UserPage, UserRead

__all__ = ["RoleChange", "UserListParams", "UserPage", "UserRead"]
