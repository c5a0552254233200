"""Ответы профиля."""

from app.schemas.v1.users.response import UserRead


class ProfileRead(UserRead):
    """Профиль вошедшего пользователя."""
