"""Ошибки приложения и их обработчики."""

from app.core.exceptions.base import (
    AlreadyExistsError,
    AppError,
    BadRequestError,
    ConflictError,
    InUseError,
    InvalidCursorError,
    NotFoundError,
    RelatedNotFoundError,
)
from app.core.exceptions.files import (
    FileNotUploadedError,
    FileTooLargeError,
    UnsupportedFileTypeError,
)
from app.core.exceptions.handlers import register_exception_handlers

__all__ = [
    "AlreadyExistsError",
    "AppError",
    "BadRequestError",
    "ConflictError",
    "FileNotUploadedError",
    "FileTooLargeError",
    "InUseError",
    "InvalidCursorError",
    "NotFoundError",
    "RelatedNotFoundError",
    "UnsupportedFileTypeError",
    "register_exception_handlers",
]
