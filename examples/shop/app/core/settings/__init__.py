"""Настройки приложения из переменных окружения."""

from app.core.settings.logging import LogSettings
from app.core.settings.settings import (
    CacheSettings,
    DatabaseSettings,
    HttpSettings,
    MailSettings,
    MessagingSettings,
    RateLimitSettings,
    Settings,
    SettingsError,
    StartupSettings,
    StorageSettings,
    get_settings,
)

__all__ = [
    "CacheSettings",
    "DatabaseSettings",
    "HttpSettings",
    "LogSettings",
    "MailSettings",
    "MessagingSettings",
    "RateLimitSettings",
    "Settings",
    "SettingsError",
    "StartupSettings",
    "StorageSettings",
    "get_settings",
]
