"""Настройки приложения из переменных окружения."""

from app.core.settings.logging import LogSettings
from app.core.settings.settings import (
    CacheSettings,
    DatabaseSettings,
    HttpSettings,
    MessagingSettings,
    RateLimitSettings,
    Settings,
    SettingsError,
    StartupSettings,
    get_settings,
)

__all__ = [
    "CacheSettings",
    "DatabaseSettings",
    "HttpSettings",
    "LogSettings",
    "MessagingSettings",
    "RateLimitSettings",
    "Settings",
    "SettingsError",
    "StartupSettings",
    "get_settings",
]
