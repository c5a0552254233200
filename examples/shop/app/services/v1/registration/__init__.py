"""Сервисы регистрации."""

from app.services.v1.registration.data_manager import RegistrationDataManager
from app.services.v1.registration.service import RegistrationService

__all__ = ["RegistrationDataManager", "RegistrationService"]
