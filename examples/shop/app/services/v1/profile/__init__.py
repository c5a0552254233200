"""Сервисы профиля вошедшего пользователя."""

from app.services.v1.profile.data_manager import ProfileDataManager
from app.services.v1.profile.service import ProfileService

__all__ = ["ProfileDataManager", "ProfileService"]
