"""Ошибки приложения и их обработчики."""

from app.core.exceptions.auth import (
    AccountDisabledError,
    AuthUnavailableError,
    CsrfError,
    InvalidCredentialsError,
    InvalidLinkError,
    InvalidTokenError,
    NotAuthenticatedError,
    PermissionDeniedError,
    SessionRevokedError,
    TokenExpiredError,
    TokenReuseError,
)
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
from app.core.exceptions.files import (
    FileNotUploadedError,
    FileTooLargeError,
    UnsupportedFileTypeError,
)
from app.core.exceptions.handlers import register_exception_handlers
from app.core.exceptions.profile import WeakPasswordError, WrongPasswordError
from app.core.exceptions.rate_limit import AccountLockedError, RateLimitExceededError
from app.core.exceptions.users import OwnAccountError, UserNotFoundError

__all__ = [
    "AccountDisabledError",
    "AccountLockedError",
    "AlreadyExistsError",
    "AppError",
    "AuthUnavailableError",
    "BadRequestError",
    "ConflictError",
    "CsrfError",
    "FileNotUploadedError",
    "FileTooLargeError",
    "InUseError",
    "InvalidCredentialsError",
    "InvalidCursorError",
    "InvalidLinkError",
    "InvalidTokenError",
    "NotAuthenticatedError",
    "NotFoundError",
    "OwnAccountError",
    "PayloadTooLargeError",
    "PermissionDeniedError",
    "RateLimitExceededError",
    "RelatedNotFoundError",
    "ServiceUnavailableError",
    "SessionRevokedError",
    "TokenExpiredError",
    "TokenReuseError",
    "UnsupportedFileTypeError",
    "UserNotFoundError",
    "WeakPasswordError",
    "WrongPasswordError",
    "readable_size",
    "register_exception_handlers",
]
