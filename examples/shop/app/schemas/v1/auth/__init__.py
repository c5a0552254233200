"""Схемы входа, обновления токенов и сброса пароля."""

from app.schemas.v1.auth.base import EmailAddress, Password
from app.schemas.v1.auth.request import (
    LoginRequest,
    PasswordResetConfirm,
    PasswordResetRequest,
    RefreshRequest,
)
from app.schemas.v1.auth.response import Accepted, SessionResponse

__all__ = [
    "Accepted",
    "EmailAddress",
    "LoginRequest",
    "Password",
    "PasswordResetConfirm",
    "PasswordResetRequest",
    "RefreshRequest",
    "SessionResponse",
]
