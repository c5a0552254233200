"""Схемы профиля вошедшего пользователя."""

from app.schemas.v1.profile.request import AccountDeletion, PasswordChange, ProfileUpdate
from app.schemas.v1.profile.response import ProfileRead

__all__ = ["AccountDeletion", "PasswordChange", "ProfileRead", "ProfileUpdate"]
