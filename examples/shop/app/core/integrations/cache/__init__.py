"""Интеграции с Redis: кэш отдельных записей."""

from app.core.integrations.cache.base import EntityCache, Stamp, schema_version

__all__ = [
    "EntityCache",
    "Stamp",
    "schema_version",
]
