"""Фабрики тестовых данных: тела запросов и записи, созданные напрямую через ORM.

Значения детерминированы: ``n``-й набор (от 0 до 3) удовлетворяет всем ограничениям
спецификации и возрастает с ``n`` для упорядочиваемых полей.
"""

from datetime import date, datetime, time
from decimal import Decimal
from ipaddress import IPv4Address
from typing import Any
from uuid import UUID, uuid4

from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.security import Authenticator, PasswordHasher
from app.models.v1 import Address, Category, Payment, Product, Tag
from app.models.v1.enums import Currency, PaymentStatus, Role
from app.models.v1.users import User

PASSWORD = "correct-horse-battery-9"
"""Пароль пользователей, созданных фабрикой: проходит требования к стойкости."""


async def make_user(
    session: AsyncSession,
    role: Role = Role.user,
    *,
    email: str | None = None,
    password: str = PASSWORD,
    **values: Any,  # noqa: ANN401
) -> User:
    """Создаёт активного пользователя с подтверждённым адресом; ``values`` заменяют поля."""
    hasher = PasswordHasher(rounds=4)
    data: dict[str, Any] = {
        "email": email or f"{role.value}-{uuid4().hex[:8]}@example.com",
        "password_hash": await hasher.hash(password),
        "role": role,
        "is_active": True,
        "is_verified": True,
        "token_version": 0,
    }
    data.update(values)
    user = User(**data)
    session.add(user)
    await session.commit()
    return user


async def bearer(app: FastAPI, user: User) -> dict[str, str]:
    """Открывает сессию входа пользователя и возвращает заголовок с его access-токеном."""
    auth: Authenticator = app.state.auth
    issued = await auth.start_session(user)
    return {"Authorization": f"Bearer {issued.access.token}"}


async def default_owner(session: AsyncSession) -> UUID:
    """Владелец записей по умолчанию: первый суперпользователь (тот, от чьего имени работает
    ``client``), а если его нет — новый суперпользователь."""
    found = await session.scalar(
        select(User.id).where(User.role == Role.admin).order_by(User.created_at).limit(1)
    )
    if found is not None:
        return found
    return (await make_user(session, Role.admin)).id


def category_payload(n: int = 0) -> dict[str, Any]:
    """Тело запроса с ``n``-м набором значений полей «Категория» (без связей)."""
    return {
        "name": ["name-0", "name-1", "name-2", "name-3"][n],
        "slug": ["electronics", "electronics-1", "electronics-2", "electronics-3"][n],
        "description": ["description-0", "description-1", "description-2", "description-3"][n],
    }


async def category_request(session: AsyncSession, n: int = 0) -> dict[str, Any]:
    """Тело запроса на создание «Категория» с уже созданными связанными записями."""
    del session
    return category_payload(n)


async def make_category(session: AsyncSession, n: int = 0, **values: object) -> Category:
    """Создаёт запись «Категория» с ``n``-м набором значений; ``values`` их заменяют."""
    data: dict[str, Any] = {
        "name": ["name-0", "name-1", "name-2", "name-3"][n],
        "slug": ["electronics", "electronics-1", "electronics-2", "electronics-3"][n],
        "description": ["description-0", "description-1", "description-2", "description-3"][n],
    }
    data.update(values)
    instance = Category(**data)
    session.add(instance)
    await session.commit()
    return instance


def product_payload(n: int = 0) -> dict[str, Any]:
    """Тело запроса с ``n``-м набором значений полей «Товар» (без связей)."""
    return {
        "sku": ["SKU-0001-0", "SKU-0001-1", "SKU-0001-2", "SKU-0001-3"][n],
        "title": ["title-0", "title-1", "title-2", "title-3"][n],
        "price": ["0.01", "1.01", "2.01", "3.01"][n],
        "currency": ["RUB", "USD", "EUR", "RUB"][n],
        "stock": [0, 1, 2, 3][n],
        "weight_kg": [0.0, 0.25, 0.5, 0.75][n],
        "is_active": [True, False, True, False][n],
        "homepage": [
            "https://example.com/homepage/0",
            "https://example.com/homepage/1",
            "https://example.com/homepage/2",
            "https://example.com/homepage/3",
        ][n],
        "released_on": ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04"][n],
        "attributes": [
            {"key": "attributes", "n": 0},
            {"key": "attributes", "n": 1},
            {"key": "attributes", "n": 2},
            {"key": "attributes", "n": 3},
        ][n],
        "barcode_id": [
            "00000000-0000-4000-8000-000000000000",
            "00000000-0000-4000-8000-000000000001",
            "00000000-0000-4000-8000-000000000002",
            "00000000-0000-4000-8000-000000000003",
        ][n],
        "keywords": [["keywords-0"], ["keywords-1"], ["keywords-2"], ["keywords-3"]][n],
    }


async def product_request(session: AsyncSession, n: int = 0) -> dict[str, Any]:
    """Тело запроса на создание «Товар» с уже созданными связанными записями."""
    del session
    return product_payload(n)


async def make_product(session: AsyncSession, n: int = 0, **values: object) -> Product:
    """Создаёт запись «Товар» с ``n``-м набором значений; ``values`` их заменяют."""
    data: dict[str, Any] = {
        "sku": ["SKU-0001-0", "SKU-0001-1", "SKU-0001-2", "SKU-0001-3"][n],
        "title": ["title-0", "title-1", "title-2", "title-3"][n],
        "price": [Decimal("0.01"), Decimal("1.01"), Decimal("2.01"), Decimal("3.01")][n],
        "currency": [Currency.RUB, Currency.USD, Currency.EUR, Currency.RUB][n],
        "stock": [0, 1, 2, 3][n],
        "weight_kg": [0.0, 0.25, 0.5, 0.75][n],
        "is_active": [True, False, True, False][n],
        "homepage": [
            "https://example.com/homepage/0",
            "https://example.com/homepage/1",
            "https://example.com/homepage/2",
            "https://example.com/homepage/3",
        ][n],
        "released_on": [
            date.fromisoformat("2024-01-01"),
            date.fromisoformat("2024-01-02"),
            date.fromisoformat("2024-01-03"),
            date.fromisoformat("2024-01-04"),
        ][n],
        "attributes": [
            {"key": "attributes", "n": 0},
            {"key": "attributes", "n": 1},
            {"key": "attributes", "n": 2},
            {"key": "attributes", "n": 3},
        ][n],
        "barcode_id": [
            UUID("00000000-0000-4000-8000-000000000000"),
            UUID("00000000-0000-4000-8000-000000000001"),
            UUID("00000000-0000-4000-8000-000000000002"),
            UUID("00000000-0000-4000-8000-000000000003"),
        ][n],
        "keywords": [["keywords-0"], ["keywords-1"], ["keywords-2"], ["keywords-3"]][n],
    }
    # Связи «многие ко многим» загружены пустыми: схема чтения новой записи их читает.
    data["tags"] = []
    data.update(values)
    instance = Product(**data)
    session.add(instance)
    await session.commit()
    return instance


def tag_payload(n: int = 0) -> dict[str, Any]:
    """Тело запроса с ``n``-м набором значений полей «Метка» (без связей)."""
    return {
        "label": ["label-0", "label-1", "label-2", "label-3"][n],
    }


async def tag_request(session: AsyncSession, n: int = 0) -> dict[str, Any]:
    """Тело запроса на создание «Метка» с уже созданными связанными записями."""
    del session
    return tag_payload(n)


async def make_tag(session: AsyncSession, n: int = 0, **values: object) -> Tag:
    """Создаёт запись «Метка» с ``n``-м набором значений; ``values`` их заменяют."""
    data: dict[str, Any] = {
        "label": ["label-0", "label-1", "label-2", "label-3"][n],
    }
    data.update(values)
    instance = Tag(**data)
    session.add(instance)
    await session.commit()
    return instance


def address_payload(n: int = 0) -> dict[str, Any]:
    """Тело запроса с ``n``-м набором значений полей «Адрес» (без связей)."""
    return {
        "country": ["RU", "AA", "AB", "AC"][n],
        "city": ["city-0", "city-1", "city-2", "city-3"][n],
        "street": ["street-0", "street-1", "street-2", "street-3"][n],
        "postal_code": ["postal_code-0", "postal_code-1", "postal_code-2", "postal_code-3"][n],
        "is_default": [True, False, True, False][n],
        "contact_email": [
            "contact-email0@example.com",
            "contact-email1@example.com",
            "contact-email2@example.com",
            "contact-email3@example.com",
        ][n],
        "delivery_from": ["12:00:00", "12:01:00", "12:02:00", "12:03:00"][n],
    }


async def address_request(session: AsyncSession, n: int = 0) -> dict[str, Any]:
    """Тело запроса на создание «Адрес» с уже созданными связанными записями."""
    del session
    return address_payload(n)


async def make_address(session: AsyncSession, n: int = 0, **values: object) -> Address:
    """Создаёт запись «Адрес» с ``n``-м набором значений; ``values`` их заменяют."""
    data: dict[str, Any] = {
        "country": ["RU", "AA", "AB", "AC"][n],
        "city": ["city-0", "city-1", "city-2", "city-3"][n],
        "street": ["street-0", "street-1", "street-2", "street-3"][n],
        "postal_code": ["postal_code-0", "postal_code-1", "postal_code-2", "postal_code-3"][n],
        "is_default": [True, False, True, False][n],
        "contact_email": [
            "contact-email0@example.com",
            "contact-email1@example.com",
            "contact-email2@example.com",
            "contact-email3@example.com",
        ][n],
        "delivery_from": [
            time.fromisoformat("12:00:00"),
            time.fromisoformat("12:01:00"),
            time.fromisoformat("12:02:00"),
            time.fromisoformat("12:03:00"),
        ][n],
    }
    owner_id = values.pop("owner_id", None) or await default_owner(session)
    data["owner_id"] = owner_id
    data.update(values)
    instance = Address(**data)
    session.add(instance)
    await session.commit()
    return instance


def payment_payload(n: int = 0) -> dict[str, Any]:
    """Тело запроса с ``n``-м набором значений полей «Платёж» (без связей)."""
    return {
        "amount": ["0.01", "1.01", "2.01", "3.01"][n],
        "currency": ["RUB", "USD", "EUR", "RUB"][n],
        "status": ["pending", "succeeded", "failed", "refunded"][n],
        "paid_at": [
            "2024-01-01T12:00:00Z",
            "2024-01-02T12:00:00Z",
            "2024-01-03T12:00:00Z",
            "2024-01-04T12:00:00Z",
        ][n],
        "attempts": [0, 1, 2, 3][n],
        "comment": ["comment-0", "comment-1", "comment-2", "comment-3"][n],
        "client_ip": ["192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4"][n],
    }


async def payment_request(
    session: AsyncSession, n: int = 0, owner_id: UUID | None = None
) -> dict[str, Any]:
    """Тело запроса на создание «Платёж» с уже созданными связанными записями.

    Связанные записи с владельцем принадлежат ``owner_id`` (по умолчанию — первому
    суперпользователю).
    """
    payload = payment_payload(n)
    payload["address_id"] = (
        await make_address(session, n, owner_id=owner_id or await default_owner(session))
    ).id
    return payload


async def make_payment(session: AsyncSession, n: int = 0, **values: object) -> Payment:
    """Создаёт запись «Платёж» с ``n``-м набором значений; ``values`` их заменяют."""
    data: dict[str, Any] = {
        "amount": [Decimal("0.01"), Decimal("1.01"), Decimal("2.01"), Decimal("3.01")][n],
        "currency": [Currency.RUB, Currency.USD, Currency.EUR, Currency.RUB][n],
        "status": [
            PaymentStatus.pending,
            PaymentStatus.succeeded,
            PaymentStatus.failed,
            PaymentStatus.refunded,
        ][n],
        "paid_at": [
            datetime.fromisoformat("2024-01-01T12:00:00Z"),
            datetime.fromisoformat("2024-01-02T12:00:00Z"),
            datetime.fromisoformat("2024-01-03T12:00:00Z"),
            datetime.fromisoformat("2024-01-04T12:00:00Z"),
        ][n],
        "attempts": [0, 1, 2, 3][n],
        "comment": ["comment-0", "comment-1", "comment-2", "comment-3"][n],
        "client_ip": [
            IPv4Address("192.0.2.1"),
            IPv4Address("192.0.2.2"),
            IPv4Address("192.0.2.3"),
            IPv4Address("192.0.2.4"),
        ][n],
    }
    owner_id = values.pop("owner_id", None) or await default_owner(session)
    data["owner_id"] = owner_id
    if "address_id" not in values:
        data["address_id"] = (await make_address(session, n, owner_id=owner_id)).id
    data.update(values)
    instance = Payment(**data)
    session.add(instance)
    await session.commit()
    return instance
