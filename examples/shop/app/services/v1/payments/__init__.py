"""Бизнес-логика домена «payments»: платежи за заказы."""

from app.services.v1.payments.service import (
    PaymentService,
    PaymentsEventHandler,
)

__all__ = [
    "PaymentService",
    "PaymentsEventHandler",
]
