"""Настройки приложения из переменных окружения."""

from app.core.settings.logging import LogSettings
from app.core.settings.settings import (
    AuthSettings,
    CacheSettings,
    DatabaseSettings,
    HttpClientSettings,
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
    "AuthSettings",
    "CacheSettings",
    "DatabaseSettings",
    "HttpClientSettings",
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
