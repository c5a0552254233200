"""Ошибки приложения и их обработчики."""

from app.core.exceptions.base import (
    AlreadyExistsError,
    AppError,
    BadRequestError,
    ConflictError,
    InUseError,
    InvalidCursorError,
    NotFoundError,
    PayloadTooLargeError,
    RelatedNotFoundError,
    ServiceUnavailableError,
    readable_size,
)
from app.core.exceptions.handlers import register_exception_handlers

__all__ = [
    "AlreadyExistsError",
    "AppError",
    "BadRequestError",
    "ConflictError",
    "InUseError",
    "InvalidCursorError",
    "NotFoundError",
    "PayloadTooLargeError",
    "RelatedNotFoundError",
    "ServiceUnavailableError",
    "readable_size",
    "register_exception_handlers",
]
