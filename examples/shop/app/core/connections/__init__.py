"""Подключения к внешним хранилищам."""

from app.core.connections.database import Database

__all__ = ["Database"]
