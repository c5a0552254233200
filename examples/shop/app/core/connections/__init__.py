"""Подключения к внешним хранилищам: пулы соединений и пробные запросы."""

from app.core.connections.base import (
    Connection,
    StartupError,
    failure_reason,
    opened,
    probe_within,
    wait_until_ready,
)
from app.core.connections.cache import Cache
from app.core.connections.database import Database, after_commit, after_rollback
from app.core.connections.mail import Mail
from app.core.connections.messaging import Messaging
from app.core.connections.storage import Storage

__all__ = [
    "Cache",
    "Connection",
    "Database",
    "Mail",
    "Messaging",
    "StartupError",
    "Storage",
    "after_commit",
    "after_rollback",
    "failure_reason",
    "opened",
    "probe_within",
    "wait_until_ready",
]
