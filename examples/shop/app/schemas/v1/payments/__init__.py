"""Схемы домена «payments»: платежи за заказы."""

from app.schemas.v1.payments.events import (
    PaymentCreated,
    PaymentUpdated,
)
from app.schemas.v1.payments.request import (
    PaymentCreate,
    PaymentListParams,
    PaymentUpdate,
)
from app.schemas.v1.payments.response import (
    PaymentPage,
    PaymentRead,
)

__all__ = [
    "PaymentCreate",
    "PaymentCreated",
    "PaymentListParams",
    "PaymentPage",
    "PaymentRead",
    "PaymentUpdate",
    "PaymentUpdated",
]
