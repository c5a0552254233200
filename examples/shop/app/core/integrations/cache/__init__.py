"""Кэш отдельных записей в Redis."""

from app.core.integrations.cache.base import EntityCache, schema_version

__all__ = ["EntityCache", "schema_version"]
