"""Настройки приложения из переменных окружения."""

from app.core.settings.logging import LogSettings
from app.core.settings.settings import (
    DatabaseSettings,
    HttpSettings,
    Settings,
    SettingsError,
    StartupSettings,
    get_settings,
)

__all__ = [
    "DatabaseSettings",
    "HttpSettings",
    "LogSettings",
    "Settings",
    "SettingsError",
    "StartupSettings",
    "get_settings",
]
