"""Настройки приложения из переменных окружения."""

from app.core.settings.logging import LogSettings
from app.core.settings.settings import (
    CacheSettings,
    DatabaseSettings,
    HttpSettings,
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
    "RateLimitSettings",
    "Settings",
    "SettingsError",
    "StartupSettings",
    "get_settings",
]
