"""Перечисления, общие для моделей и схем."""

from enum import StrEnum


class Currency(StrEnum):
    """Перечисление «Currency»."""

    RUB = "RUB"
    USD = "USD"
    EUR = "EUR"


class PaymentStatus(StrEnum):
    """Перечисление «PaymentStatus»."""

    pending = "pending"
    succeeded = "succeeded"
    failed = "failed"
    refunded = "refunded"
