"""Форматтеры журнала: JSON для серверов и читаемый вывод для разработки."""

import logging

import structlog
from structlog.typing import Processor

SHARED_PROCESSORS: list[Processor] = [
    structlog.contextvars.merge_contextvars,
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
        renderer = structlog.dev.ConsoleRenderer()
        final = [renderer]
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=SHARED_PROCESSORS,
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, *final],
    )
