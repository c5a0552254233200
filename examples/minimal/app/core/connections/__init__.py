"""Подключения к внешним хранилищам: пулы соединений и пробные запросы."""

from app.core.connections.base import StartupError, wait_until_ready
from app.core.connections.database import Database

__all__ = [
    "Database",
    "StartupError",
    "wait_until_ready",
]
