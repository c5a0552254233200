"""Сервисы управления пользователями."""

from app.services.v1.users.data_manager import UserDataManager
from app.services.v1.users.service import UserService

__all__ = ["UserDataManager", "UserService"]
