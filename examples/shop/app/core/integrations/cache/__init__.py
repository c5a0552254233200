"""Кэш отдельных записей в Redis."""

from app.core.integrations.cache.base import EntityCache, Stamp, schema_version

__all__ = ["EntityCache", "Stamp", "schema_version"]
