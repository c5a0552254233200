"""Форматтеры журнала: JSON для серверов и читаемый вывод для разработки."""

import logging
from contextvars import ContextVar

import structlog
from starlette.types import Scope
from structlog.typing import EventDict, Processor, WrappedLogger

REQUEST_SCOPE: ContextVar[Scope | None] = ContextVar("request_scope", default=None)
"""ASGI-scope текущего запроса; его выставляет промежуточное ПО журнала запросов."""


def add_route(_: WrappedLogger, __: str, event_dict: EventDict) -> EventDict:
    """Добавляет к записи шаблон маршрута текущего запроса, как только он известен.

    Маршрут определяется после сопоставления пути, поэтому записи из обработчиков и
    зависимостей его уже содержат, а записи до маршрутизации — нет.
    """
    scope = REQUEST_SCOPE.get()
    route = getattr(scope.get("route"), "path", None) if scope is not None else None
    if route is not None:
        event_dict.setdefault("route", route)
    return event_dict


SHARED_PROCESSORS: list[Processor] = [
    structlog.contextvars.merge_contextvars,
    add_route,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
    structlog.processors.StackInfoRenderer(),
]
"""Обработчики, общие для записей structlog и стандартного ``logging``."""


def build_formatter(*, json_format: bool) -> logging.Formatter:
    """Создаёт форматтер для корневого обработчика ``logging``.

    Args:
        json_format: Писать JSON (одна запись — одна строка) вместо цветного вывода.

    Returns:
        Форматтер, который прогоняет записи через structlog.
    """
    renderer: Processor
    if json_format:
        renderer = structlog.processors.JSONRenderer(ensure_ascii=False)
        final: list[Processor] = [structlog.processors.format_exc_info, renderer]
    else:
        # Трассировка без значений локальных переменных: оформленная (rich) печатает каждую
        # рамку со всеми значениями и на время печати останавливает цикл событий.
        renderer = structlog.dev.ConsoleRenderer(exception_formatter=structlog.dev.plain_traceback)
        final = [renderer]
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=SHARED_PROCESSORS,
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, *final],
    )
