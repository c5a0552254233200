"""Интеграции с Redis: кэш отдельных записей, состояние входа."""

from app.core.integrations.cache.auth import AuthState
from app.core.integrations.cache.base import EntityCache, Stamp, schema_version

__all__ = [
    "AuthState",
    "EntityCache",
    "Stamp",
    "schema_version",
]
