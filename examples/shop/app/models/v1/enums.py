"""Перечисления, общие для моделей и схем."""

from enum import StrEnum


class Role(StrEnum):
    """Роли пользователей; «admin» — суперпользователь: ему доступно всё."""

    admin = "admin"
    manager = "manager"
    user = "user"


class TokenPurpose(StrEnum):
    """Назначение одноразового токена из письма."""

    verify_email = "verify_email"
    reset_password = "reset_password"  # noqa: S105 - назначение токена, не пароль


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
