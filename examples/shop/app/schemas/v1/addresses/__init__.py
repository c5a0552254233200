"""Схемы домена «addresses»: адреса доставки пользователя."""

from app.schemas.v1.addresses.request import (
    AddressCreate,
    AddressListParams,
    AddressUpdate,
)
from app.schemas.v1.addresses.response import (
    AddressPage,
    AddressRead,
)

__all__ = [
    "AddressCreate",
    "AddressListParams",
    "AddressPage",
    "AddressRead",
    "AddressUpdate",
]
