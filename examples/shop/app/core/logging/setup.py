"""Настройка логирования: structlog поверх стандартного ``logging``.

Каждая запись в пределах запроса получает из контекста идентификатор запроса, метод и путь;
их добавляет промежуточное ПО ``app.core.middlewares.logging``.
"""

import logging
import sys

import structlog

from app.core.logging.formatters import SHARED_PROCESSORS, build_formatter


def configure_logging(*, level: str, json_format: bool) -> None:
    """Настраивает structlog и корневой логгер.

    Args:
        level: Минимальный уровень записей, например ``INFO``.
        json_format: Писать JSON вместо читаемого вывода.
    """
    structlog.configure(
        processors=[
            *SHARED_PROCESSORS,
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(build_formatter(json_format=json_format))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        uvicorn_logger = logging.getLogger(name)
        uvicorn_logger.handlers.clear()
        uvicorn_logger.propagate = True
    logging.getLogger("uvicorn.access").setLevel(logging.WARNING)


def get_logger(name: str) -> structlog.stdlib.BoundLogger:
    """Возвращает логгер structlog с именем модуля.

    Args:
        name: Имя логгера, обычно ``__name__``.
    """
    logger: structlog.stdlib.BoundLogger = structlog.stdlib.get_logger(name)
    return logger
