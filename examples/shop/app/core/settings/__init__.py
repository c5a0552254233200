"""Настройки приложения из переменных окружения."""

from app.core.settings.settings import DatabaseSettings, Settings, get_settings

__all__ = ["DatabaseSettings", "Settings", "get_settings"]
