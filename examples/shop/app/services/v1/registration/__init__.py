"""Сервисы регистрации."""

from app.services.v1.registration.service import RegistrationService

__all__ = ["RegistrationService"]
