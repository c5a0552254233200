"""Подключения к внешним хранилищам: пулы соединений и пробные запросы."""

from app.core.connections.base import (
    Connection,
    StartupError,
    failure_reason,
    opened,
    probe_within,
    wait_until_ready,
)
from app.core.connections.database import Database

__all__ = [
    "Connection",
    "Database",
    "StartupError",
    "failure_reason",
    "opened",
    "probe_within",
    "wait_until_ready",
]
