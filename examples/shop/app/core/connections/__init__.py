"""Подключения к внешним хранилищам: пулы соединений и пробные запросы."""

from app.core.connections.base import StartupError, wait_until_ready
from app.core.connections.cache import Cache
from app.core.connections.database import Database

__all__ = [
    "Cache",
    "Database",
    "StartupError",
    "wait_until_ready",
]
