"""Недоступные зависимости: какие ошибки значат «повторите позже», а не сбой приложения.

Обрыв соединения с базой данных, отказ в подключении, тайм-аут, исчерпанный пул соединений
— состояния временные: клиент получает 503 с ``Retry-After``, а журнал — одну строку
предупреждения без трассировки стека. Ошибки в самих данных или запросах сюда не относятся.
"""

import socket
import traceback

from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

DATABASE = "PostgreSQL"
"""Название базы данных в журнале."""

UNKNOWN = "внешний сервис"
"""Название зависимости, если по стеку вызовов не понять, какая это."""

UNAVAILABLE_STATES = ("08", "53300", "57P01", "57P02", "57P03", "57014")
"""SQLSTATE недоступной базы: класс 08 (соединение), нет свободных соединений, сервер
останавливается или ещё запускается, запрос прерван по тайм-ауту."""

MODULES = {
    "asyncpg": DATABASE,
    "sqlalchemy": DATABASE,
}
"""Пакеты клиентов и зависимости, с которыми они работают: по ним видно, кто не ответил."""

NETWORK_ERRORS = (ConnectionError, TimeoutError, socket.gaierror)
"""Сетевые ошибки без обёртки клиента: отказ в подключении, обрыв, тайм-аут, имя не найдено."""


def _database_lost(error: DBAPIError) -> bool:
    """Сообщает, означает ли ошибка драйвера потерю связи с базой, а не ошибку запроса."""
    if error.connection_invalidated:
        return True
    state = str(getattr(error.orig, "sqlstate", "") or "")
    return state.startswith(UNAVAILABLE_STATES)


def _origin(error: BaseException) -> str:
    """Определяет зависимость по самому глубокому кадру стека из пакета её клиента."""
    frames = [frame for frame, _ in traceback.walk_tb(error.__traceback__)]
    for frame in reversed(frames):
        package = str(frame.f_globals.get("__name__", "")).partition(".")[0]
        if package in MODULES:
            return MODULES[package]
    return UNKNOWN


def unavailable_dependency(error: BaseException) -> str | None:
    """Называет недоступную зависимость, если ошибка означает её недоступность.

    Args:
        error: Исключение, которым завершился запрос.

    Returns:
        Название зависимости для журнала или ``None``, если это не недоступность,
        а другая ошибка.
    """
    if isinstance(error, DBAPIError):
        return DATABASE if _database_lost(error) else None
    if isinstance(error, PoolTimeoutError):
        return DATABASE
    if isinstance(error, NETWORK_ERRORS):
        return _origin(error)
    return None


def describe(error: BaseException) -> str:
    """Одна строка о причине для журнала: класс ошибки и первая строка её текста."""
    cause = error.orig if isinstance(error, DBAPIError) and error.orig is not None else error
    text = str(cause).strip().partition("\n")[0]
    return f"{type(cause).__name__}: {text}" if text else type(cause).__name__
