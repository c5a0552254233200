"""Бизнес-логика домена «addresses»: адреса доставки пользователя."""

from app.services.v1.addresses.service import (
    AddressService,
)

__all__ = [
    "AddressService",
]
