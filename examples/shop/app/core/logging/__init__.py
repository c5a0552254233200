"""Структурированное логирование на structlog."""

from app.core.logging.setup import configure_logging, get_logger

__all__ = ["configure_logging", "get_logger"]
