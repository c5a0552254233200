"""Тесты кэша записей: чтение через кэш, сброс после изменений, работа без Redis."""

import json
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import delete, insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.connections import Cache
from app.core.integrations.cache import EntityCache
from app.core.settings import CacheSettings
from app.models.v1 import Base, Payment, Product
from app.schemas.v1.catalog import ProductRead
from app.schemas.v1.payments import PaymentRead
from tests.factories import (
    make_category,
    make_payment,
    make_product,
    make_tag,
    payment_payload,
    product_payload,
)

UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"


def _product_cache(app: FastAPI) -> EntityCache[ProductRead]:
    """Кэш записей «Товар», как его видит сервис."""
    cache: Cache = app.state.cache
    return EntityCache(cache, ProductRead, table="products", ttl=600)


async def test_product_read_is_cached(
    client: AsyncClient, session: AsyncSession, app: FastAPI
) -> None:
    instance = await make_product(session)
    url = f"/api/v1/products/{instance.id}"
    first = await client.get(url)
    assert first.status_code == 200
    stored = await _product_cache(app).redis.ttl(_product_cache(app).key(instance.id))
    assert 0 < stored <= 600
    # Строка удалена в обход сервиса: кэш об этом не знает и отвечает сохранённой записью.
    await session.execute(delete(Product).where(Product.id == instance.id))
    await session.commit()
    second = await client.get(url)
    assert second.status_code == 200
    assert second.json() == first.json()


async def test_product_read_racing_a_change_is_not_cached(
    client: AsyncClient, session: AsyncSession, app: FastAPI
) -> None:
    instance = await make_product(session)
    body = (await client.get(f"/api/v1/products/{instance.id}")).json()
    cache = _product_cache(app)
    await cache.forget(instance.id)
    # Чтение промахнулось и пошло в базу; тем временем запись изменили и сбросили из кэша.
    value, stamp = await cache.get(instance.id)
    assert value is None
    await cache.forget(instance.id)
    assert not await cache.put(instance.id, ProductRead.model_validate(body), stamp)
    assert await cache.redis.get(cache.key(instance.id)) is None
    # Без изменения посередине прочитанное из базы сохраняется.
    _, fresh = await cache.get(instance.id)
    assert await cache.put(instance.id, ProductRead.model_validate(body), fresh)
    assert await cache.redis.get(cache.key(instance.id)) is not None


async def test_product_unreadable_cache_value_falls_back_to_the_database(
    client: AsyncClient, session: AsyncSession, app: FastAPI
) -> None:
    instance = await make_product(session)
    cache = _product_cache(app)
    await cache.redis.set(cache.key(instance.id), json.dumps({"generation": 0, "data": {}}))
    response = await client.get(f"/api/v1/products/{instance.id}")
    assert response.status_code == 200
    assert response.json()["id"] == str(instance.id)


async def test_product_update_refreshes_the_cached_read(
    client: AsyncClient, session: AsyncSession
) -> None:
    instance = await make_product(session)
    url = f"/api/v1/products/{instance.id}"
    before = await client.get(url)
    assert before.status_code == 200
    changes = {"sku": product_payload(1)["sku"]}
    updated = await client.patch(url, json=changes)
    assert updated.status_code == 200, updated.text
    after = await client.get(url)
    assert after.json() == updated.json()
    assert after.json() != before.json()


async def test_product_delete_drops_the_cached_read(
    client: AsyncClient, session: AsyncSession
) -> None:
    instance = await make_product(session)
    url = f"/api/v1/products/{instance.id}"
    assert (await client.get(url)).status_code == 200
    assert (await client.delete(url)).status_code == 204
    assert (await client.get(url)).status_code == 404


async def test_product_read_works_without_redis(
    client: AsyncClient,
    session: AsyncSession,
    app: FastAPI,
    log_records: Callable[[], list[dict[str, Any]]],
) -> None:
    instance = await make_product(session)
    working: Cache = app.state.cache
    broken = Cache(CacheSettings(url=UNREACHABLE_REDIS, socket_timeout=0.5, prefix=working.prefix))
    app.state.cache = broken
    try:
        response = await client.get(f"/api/v1/products/{instance.id}")
    finally:
        app.state.cache = working
        await broken.close()
    assert response.status_code == 200
    assert response.json()["id"] == str(instance.id)
    lines = log_records()
    warnings = [
        line
        for line in lines
        if line.get("event") == "Кэш недоступен, запрос обслуживается без него"
    ]
    assert [line["operation"] for line in warnings] == ["чтение"]


def _payment_cache(app: FastAPI) -> EntityCache[PaymentRead]:
    """Кэш записей «Платёж», как его видит сервис."""
    cache: Cache = app.state.cache
    return EntityCache(cache, PaymentRead, table="payments", ttl=300)


async def test_payment_read_is_cached(
    client: AsyncClient, session: AsyncSession, app: FastAPI
) -> None:
    instance = await make_payment(session)
    url = f"/api/v1/payments/{instance.id}"
    first = await client.get(url)
    assert first.status_code == 200
    stored = await _payment_cache(app).redis.ttl(_payment_cache(app).key(instance.id))
    assert 0 < stored <= 300
    # Строка удалена в обход сервиса: кэш об этом не знает и отвечает сохранённой записью.
    await session.execute(delete(Payment).where(Payment.id == instance.id))
    await session.commit()
    second = await client.get(url)
    assert second.status_code == 200
    assert second.json() == first.json()


async def test_payment_read_racing_a_change_is_not_cached(
    client: AsyncClient, session: AsyncSession, app: FastAPI
) -> None:
    instance = await make_payment(session)
    body = (await client.get(f"/api/v1/payments/{instance.id}")).json()
    cache = _payment_cache(app)
    await cache.forget(instance.id)
    # Чтение промахнулось и пошло в базу; тем временем запись изменили и сбросили из кэша.
    value, stamp = await cache.get(instance.id)
    assert value is None
    await cache.forget(instance.id)
    assert not await cache.put(instance.id, PaymentRead.model_validate(body), stamp)
    assert await cache.redis.get(cache.key(instance.id)) is None
    # Без изменения посередине прочитанное из базы сохраняется.
    _, fresh = await cache.get(instance.id)
    assert await cache.put(instance.id, PaymentRead.model_validate(body), fresh)
    assert await cache.redis.get(cache.key(instance.id)) is not None


async def test_payment_unreadable_cache_value_falls_back_to_the_database(
    client: AsyncClient, session: AsyncSession, app: FastAPI
) -> None:
    instance = await make_payment(session)
    cache = _payment_cache(app)
    await cache.redis.set(cache.key(instance.id), json.dumps({"generation": 0, "data": {}}))
    response = await client.get(f"/api/v1/payments/{instance.id}")
    assert response.status_code == 200
    assert response.json()["id"] == instance.id


async def test_payment_update_refreshes_the_cached_read(
    client: AsyncClient, session: AsyncSession
) -> None:
    instance = await make_payment(session)
    url = f"/api/v1/payments/{instance.id}"
    before = await client.get(url)
    assert before.status_code == 200
    changes = {"amount": payment_payload(1)["amount"]}
    updated = await client.patch(url, json=changes)
    assert updated.status_code == 200, updated.text
    after = await client.get(url)
    assert after.json() == updated.json()
    assert after.json() != before.json()


async def test_payment_read_works_without_redis(
    client: AsyncClient,
    session: AsyncSession,
    app: FastAPI,
    log_records: Callable[[], list[dict[str, Any]]],
) -> None:
    instance = await make_payment(session)
    working: Cache = app.state.cache
    broken = Cache(CacheSettings(url=UNREACHABLE_REDIS, socket_timeout=0.5, prefix=working.prefix))
    app.state.cache = broken
    try:
        response = await client.get(f"/api/v1/payments/{instance.id}")
    finally:
        app.state.cache = working
        await broken.close()
    assert response.status_code == 200
    assert response.json()["id"] == instance.id
    lines = log_records()
    warnings = [
        line
        for line in lines
        if line.get("event") == "Кэш недоступен, запрос обслуживается без него"
    ]
    assert [line["operation"] for line in warnings] == ["чтение"]


async def test_deleting_category_refreshes_cached_product_category(
    client: AsyncClient, session: AsyncSession
) -> None:
    parent = await make_category(session, 1)
    product_row = await make_product(session, 2, category_id=parent.id)
    url = f"/api/v1/products/{product_row.id}"
    cached = await client.get(url)
    assert cached.status_code == 200
    assert str(cached.json()["category_id"]) == str(parent.id)
    deleted = await client.delete(f"/api/v1/categories/{parent.id}")
    assert deleted.status_code == 204
    after = await client.get(url)
    assert after.status_code == 200
    assert after.json()["category_id"] is None


async def test_deleting_tag_refreshes_cached_product_tags(
    client: AsyncClient, session: AsyncSession
) -> None:
    parent = await make_tag(session, 1)
    product_row = await make_product(session, 2)
    link = Base.metadata.tables["products_tags"]
    await session.execute(insert(link).values(product_id=product_row.id, tag_id=parent.id))
    await session.commit()
    url = f"/api/v1/products/{product_row.id}"
    cached = await client.get(url)
    assert cached.status_code == 200
    assert [str(key) for key in cached.json()["tag_ids"]] == [str(parent.id)]
    deleted = await client.delete(f"/api/v1/tags/{parent.id}")
    assert deleted.status_code == 204
    after = await client.get(url)
    assert after.status_code == 200
    assert after.json()["tag_ids"] == []
