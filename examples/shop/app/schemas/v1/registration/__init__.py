"""Схемы регистрации и подтверждения адреса."""

from app.schemas.v1.registration.request import (
    RegistrationRequest,
    VerificationRequest,
    VerificationResend,
)

__all__ = [
    "RegistrationRequest",
    "VerificationRequest",
    "VerificationResend",
]
