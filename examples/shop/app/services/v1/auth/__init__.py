"""Сервисы входа."""

from app.services.v1.auth.data_manager import UserTokenDataManager
from app.services.v1.auth.service import AuthService

__all__ = ["AuthService", "UserTokenDataManager"]
