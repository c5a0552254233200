"""Тесты HTTP-маршрутов домена «catalog» на настоящей базе данных."""

import base64
import json
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.v1 import Category, Product, Tag
from tests.factories import (
    category_payload,
    category_request,
    make_category,
    make_product,
    make_tag,
    product_payload,
    product_request,
    tag_payload,
    tag_request,
)


async def test_create_category(client: AsyncClient, session: AsyncSession) -> None:
    payload = await category_request(session)
    response = await client.post("/api/v1/categories", json=payload)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["name"] == payload["name"]
    assert body["slug"] == payload["slug"]
    assert body["description"] == payload["description"]
    fetched = await client.get(f"/api/v1/categories/{body['id']}")
    assert fetched.status_code == 200
    assert fetched.json() == body


@pytest.mark.parametrize(
    ("value", "kind"), [("a\u0000b", "null_character"), ("a\ud800b", "string_unicode")]
)
async def test_create_category_refuses_text_the_database_cannot_store(
    client: AsyncClient, session: AsyncSession, value: str, kind: str
) -> None:
    # PostgreSQL не хранит NUL и одиночные суррогаты: 422 с полем, а не ошибка базы.
    payload = await category_request(session)
    payload["name"] = value
    # json.dumps пишет суррогат escape-последовательностью: httpx его не закодирует.
    body = json.dumps(payload)
    response = await client.post(
        "/api/v1/categories", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert (detail["field"], detail["type"]) == ("body.name", kind)


async def test_create_category_requires_fields(client: AsyncClient) -> None:
    response = await client.post("/api/v1/categories", json={})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    missing = {detail["field"] for detail in error["details"] if detail["type"] == "missing"}
    assert missing == {
        "body.name",
        "body.slug",
    }
    assert all(detail["message"] == "Обязательное поле не передано" for detail in error["details"])


async def test_create_category_rejects_unknown_field(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await category_request(session)
    payload["unexpected"] = 1
    response = await client.post("/api/v1/categories", json=payload)
    assert response.status_code == 422
    details = response.json()["error"]["details"]
    assert details == [
        {"field": "body.unexpected", "type": "extra_forbidden", "message": "Неизвестное поле"}
    ]


async def test_create_category_rejects_invalid_name_too_long(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await category_request(session)
    payload["name"] = "x" * 101
    response = await client.post("/api/v1/categories", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.name"
    assert detail["type"] == "string_too_long"
    assert detail["message"] == "Длина строки должна быть не больше 100"


async def test_create_category_rejects_invalid_slug_too_long(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await category_request(session)
    payload["slug"] = "x" * 101
    response = await client.post("/api/v1/categories", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.slug"
    assert detail["type"] == "string_too_long"
    assert detail["message"] == "Длина строки должна быть не больше 100"


async def test_create_category_rejects_invalid_slug_pattern(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await category_request(session)
    payload["slug"] = "!"
    response = await client.post("/api/v1/categories", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.slug"
    assert detail["type"] == "string_pattern_mismatch"
    assert detail["message"] == "Строка не соответствует шаблону ^[a-z0-9-]+$"


async def test_create_category_with_duplicate_name_conflicts(
    client: AsyncClient, session: AsyncSession
) -> None:
    existing = await make_category(session, 1)
    payload = await category_request(session)
    payload["name"] = category_payload(1)["name"]
    assert existing.name is not None
    response = await client.post("/api/v1/categories", json=payload)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "already_exists"


async def test_create_category_with_duplicate_slug_conflicts(
    client: AsyncClient, session: AsyncSession
) -> None:
    existing = await make_category(session, 1)
    payload = await category_request(session)
    payload["slug"] = category_payload(1)["slug"]
    assert existing.slug is not None
    response = await client.post("/api/v1/categories", json=payload)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "already_exists"


async def test_get_category(client: AsyncClient, session: AsyncSession) -> None:
    instance = await make_category(session)
    response = await client.get(f"/api/v1/categories/{instance.id}")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == instance.id
    expected = category_payload(0)
    assert body["name"] == expected["name"]
    assert body["slug"] == expected["slug"]
    assert body["description"] == expected["description"]


async def test_get_category_not_found(client: AsyncClient) -> None:
    response = await client.get("/api/v1/categories/999999999")
    assert response.status_code == 404
    assert response.json() == {
        "error": {"code": "not_found", "message": "Запись «Категория» не найдена", "details": []}
    }


async def test_get_category_with_malformed_id(client: AsyncClient) -> None:
    response = await client.get("/api/v1/categories/not-an-id")
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "path.category_id"


async def test_category_method_not_allowed_lists_every_method(client: AsyncClient) -> None:
    # Методы записи объявлены разными маршрутами; Allow называет их все, а не первый.
    response = await client.put("/api/v1/categories/999999999")
    assert response.status_code == 405
    assert response.headers["allow"] == "DELETE, GET, PATCH"


async def test_list_categories_pages(client: AsyncClient, session: AsyncSession) -> None:
    created = [await make_category(session, n) for n in range(3)]
    expected = [item.id for item in created]
    seen: list[Any] = []
    for offset in (0, 2):
        response = await client.get("/api/v1/categories", params={"limit": 2, "offset": offset})
        assert response.status_code == 200, response.text
        page = response.json()
        assert page["total"] == 3
        assert page["offset"] == offset
        seen += [item["id"] for item in page["items"]]
    assert sorted(seen) == sorted(expected)
    assert len(seen) == 3


async def test_list_categories_rejects_bad_limit(client: AsyncClient) -> None:
    response = await client.get("/api/v1/categories", params={"limit": 101})
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "query.limit"
    assert detail["message"] == "Значение должно быть не больше 100"


@pytest.mark.parametrize("descending", [False, True])
async def test_list_categories_sorted_by_name(
    client: AsyncClient, session: AsyncSession, descending: bool
) -> None:
    # Значения убывают по мере вставки: сортировка по id дала бы обратный порядок.
    for n in reversed(range(3)):
        await make_category(session, n)
    sort = "-name" if descending else "name"
    # Страница по умолчанию может быть меньше трёх записей: идём по страницам до пустой.
    keys: list[Any] = []
    while True:
        response = await client.get(
            "/api/v1/categories", params={"sort": sort, "offset": len(keys)}
        )
        assert response.status_code == 200, response.text
        items = response.json()["items"]
        if not items:
            break
        keys += [str(item["name"]) for item in items]
    assert len(keys) == 3
    assert keys == sorted(keys, reverse=descending)


async def test_update_category(client: AsyncClient, session: AsyncSession) -> None:
    instance = await make_category(session, 0)
    updated_before = instance.updated_at
    changes = category_payload(1)
    response = await client.patch(f"/api/v1/categories/{instance.id}", json=changes)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["name"] == changes["name"]
    assert body["slug"] == changes["slug"]
    assert body["description"] == changes["description"]
    assert datetime.fromisoformat(body["updated_at"]) > updated_before


async def test_update_category_changes_only_given_fields(
    client: AsyncClient, session: AsyncSession
) -> None:
    instance = await make_category(session, 0)
    original = category_payload(0)
    changes = {"name": category_payload(1)["name"]}
    response = await client.patch(f"/api/v1/categories/{instance.id}", json=changes)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["name"] == changes["name"]
    assert body["slug"] == original["slug"]
    assert body["description"] == original["description"]


async def test_update_category_rejects_null(client: AsyncClient, session: AsyncSession) -> None:
    instance = await make_category(session)
    response = await client.patch(f"/api/v1/categories/{instance.id}", json={"name": None})
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail == {
        "field": "body.name",
        "type": "not_null",
        "message": "Значение не может быть null",
    }


async def test_update_category_not_found(client: AsyncClient) -> None:
    response = await client.patch("/api/v1/categories/999999999", json={})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


async def test_delete_category(client: AsyncClient, session: AsyncSession) -> None:
    key = (await make_category(session)).id
    response = await client.delete(f"/api/v1/categories/{key}")
    assert response.status_code == 204
    assert response.content == b""
    assert (await client.delete(f"/api/v1/categories/{key}")).status_code == 404
    session.expire_all()
    assert await session.get(Category, key) is None


async def test_create_product(client: AsyncClient, session: AsyncSession) -> None:
    payload = await product_request(session)
    # Наборы 2 и 3: набор 0 уже заняли связи «многие к одному» из тела запроса.
    related_tag = [await make_tag(session, n) for n in (2, 3)]
    payload["tag_ids"] = [str(item.id) for item in related_tag]
    response = await client.post("/api/v1/products", json=payload)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["sku"] == payload["sku"]
    assert body["title"] == payload["title"]
    assert Decimal(body["price"]) == Decimal(payload["price"])
    assert body["currency"] == payload["currency"]
    assert body["stock"] == payload["stock"]
    assert body["weight_kg"] == payload["weight_kg"]
    assert body["is_active"] == payload["is_active"]
    assert body["homepage"] == payload["homepage"]
    assert body["released_on"] == payload["released_on"]
    assert body["attributes"] == payload["attributes"]
    assert body["barcode_id"] == payload["barcode_id"]
    assert body["keywords"] == payload["keywords"]
    assert sorted(str(key) for key in body["tag_ids"]) == sorted(payload["tag_ids"])
    fetched = await client.get(f"/api/v1/products/{body['id']}")
    assert fetched.status_code == 200
    assert fetched.json() == body


@pytest.mark.parametrize(
    ("value", "kind"), [("a\u0000b", "null_character"), ("a\ud800b", "string_unicode")]
)
async def test_create_product_refuses_text_the_database_cannot_store(
    client: AsyncClient, session: AsyncSession, value: str, kind: str
) -> None:
    # PostgreSQL не хранит NUL и одиночные суррогаты: 422 с полем, а не ошибка базы.
    payload = await product_request(session)
    payload["sku"] = value
    # json.dumps пишет суррогат escape-последовательностью: httpx его не закодирует.
    body = json.dumps(payload)
    response = await client.post(
        "/api/v1/products", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert (detail["field"], detail["type"]) == ("body.sku", kind)


async def test_create_product_refuses_too_many_tag_ids(
    client: AsyncClient, session: AsyncSession
) -> None:
    # Один запрос к базе несёт не больше 32767 параметров: длинный список — 422, а не 500.
    payload = await product_request(session)
    payload["tag_ids"] = [1] * 1001
    response = await client.post("/api/v1/products", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.tag_ids"
    assert detail["message"] == "Элементов должно быть не больше 1000"


async def test_create_product_requires_fields(client: AsyncClient) -> None:
    response = await client.post("/api/v1/products", json={})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    missing = {detail["field"] for detail in error["details"] if detail["type"] == "missing"}
    assert missing == {
        "body.price",
        "body.sku",
        "body.title",
    }
    assert all(detail["message"] == "Обязательное поле не передано" for detail in error["details"])


async def test_create_product_rejects_unknown_field(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await product_request(session)
    payload["unexpected"] = 1
    response = await client.post("/api/v1/products", json=payload)
    assert response.status_code == 422
    details = response.json()["error"]["details"]
    assert details == [
        {"field": "body.unexpected", "type": "extra_forbidden", "message": "Неизвестное поле"}
    ]


async def test_create_product_rejects_invalid_sku_too_long(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await product_request(session)
    payload["sku"] = "x" * 33
    response = await client.post("/api/v1/products", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.sku"
    assert detail["type"] == "string_too_long"
    assert detail["message"] == "Длина строки должна быть не больше 32"


async def test_create_product_rejects_invalid_title_too_long(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await product_request(session)
    payload["title"] = "x" * 201
    response = await client.post("/api/v1/products", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.title"
    assert detail["type"] == "string_too_long"
    assert detail["message"] == "Длина строки должна быть не больше 200"


async def test_create_product_rejects_invalid_title_too_short(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await product_request(session)
    payload["title"] = "x" * 1
    response = await client.post("/api/v1/products", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.title"
    assert detail["type"] == "string_too_short"
    assert detail["message"] == "Длина строки должна быть не меньше 2"


async def test_create_product_rejects_invalid_price_gt(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await product_request(session)
    payload["price"] = "0"
    response = await client.post("/api/v1/products", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.price"
    assert detail["type"] == "greater_than"
    assert detail["message"] == "Значение должно быть больше 0"


async def test_create_product_rejects_invalid_price_exponent(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await product_request(session)
    payload["price"] = "1e2"
    response = await client.post("/api/v1/products", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.price"
    assert detail["type"] == "decimal_parsing"
    assert detail["message"] == "Ожидается десятичное число"


async def test_create_product_rejects_invalid_price_plus_sign(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await product_request(session)
    payload["price"] = "+5"
    response = await client.post("/api/v1/products", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.price"
    assert detail["type"] == "decimal_parsing"
    assert detail["message"] == "Ожидается десятичное число"


async def test_create_product_rejects_invalid_price_underscore(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await product_request(session)
    payload["price"] = "1_000"
    response = await client.post("/api/v1/products", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.price"
    assert detail["type"] == "decimal_parsing"
    assert detail["message"] == "Ожидается десятичное число"


async def test_create_product_rejects_invalid_price_arabic_digits(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await product_request(session)
    payload["price"] = "١٢"
    response = await client.post("/api/v1/products", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.price"
    assert detail["type"] == "decimal_parsing"
    assert detail["message"] == "Ожидается десятичное число"


async def test_create_product_rejects_invalid_currency_enum(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await product_request(session)
    payload["currency"] = "__unknown__"
    response = await client.post("/api/v1/products", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.currency"
    assert detail["type"] == "enum"
    assert detail["message"] == "Допустимые значения: 'RUB', 'USD' или 'EUR'"


async def test_create_product_rejects_invalid_stock_ge(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await product_request(session)
    payload["stock"] = -1
    response = await client.post("/api/v1/products", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.stock"
    assert detail["type"] == "greater_than_equal"
    assert detail["message"] == "Значение должно быть не меньше 0"


async def test_create_product_rejects_invalid_stock_le(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await product_request(session)
    payload["stock"] = 2147483648
    response = await client.post("/api/v1/products", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.stock"
    assert detail["type"] == "less_than_equal"
    assert detail["message"] == "Значение должно быть не больше 2147483647"


async def test_create_product_rejects_invalid_weight_kg_ge(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await product_request(session)
    payload["weight_kg"] = -1.0
    response = await client.post("/api/v1/products", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.weight_kg"
    assert detail["type"] == "greater_than_equal"
    assert detail["message"] == "Значение должно быть не меньше 0.0"


async def test_create_product_rejects_invalid_homepage_too_long(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await product_request(session)
    payload["homepage"] = "x" * 2084
    response = await client.post("/api/v1/products", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.homepage"
    assert detail["type"] == "string_too_long"
    assert detail["message"] == "Длина строки должна быть не больше 2083"


async def test_create_product_rejects_invalid_released_on_number(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await product_request(session)
    payload["released_on"] = 0
    response = await client.post("/api/v1/products", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.released_on"
    assert detail["type"] == "date_type"
    assert detail["message"] == "Ожидается дата в формате ГГГГ-ММ-ДД"


async def test_create_product_rejects_invalid_released_on_basic_format(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await product_request(session)
    payload["released_on"] = "20240131"
    response = await client.post("/api/v1/products", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.released_on"
    assert detail["type"] == "date_type"
    assert detail["message"] == "Ожидается дата в формате ГГГГ-ММ-ДД"


async def test_create_product_rejects_invalid_barcode_id_braces(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await product_request(session)
    payload["barcode_id"] = "{123e4567-e89b-12d3-a456-426614174000}"
    response = await client.post("/api/v1/products", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.barcode_id"
    assert detail["type"] == "uuid_type"
    assert detail["message"] == "Ожидается UUID"


async def test_create_product_rejects_invalid_barcode_id_urn(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await product_request(session)
    payload["barcode_id"] = "urn:uuid:123e4567-e89b-12d3-a456-426614174000"
    response = await client.post("/api/v1/products", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.barcode_id"
    assert detail["type"] == "uuid_type"
    assert detail["message"] == "Ожидается UUID"


async def test_create_product_rejects_invalid_barcode_id_no_hyphens(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await product_request(session)
    payload["barcode_id"] = "123e4567e89b12d3a456426614174000"
    response = await client.post("/api/v1/products", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.barcode_id"
    assert detail["type"] == "uuid_type"
    assert detail["message"] == "Ожидается UUID"


async def test_create_product_rejects_invalid_keywords_too_long(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await product_request(session)
    payload["keywords"] = ["keywords-0"] * 11
    response = await client.post("/api/v1/products", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.keywords"
    assert detail["type"] == "too_long"
    assert detail["message"] == "Элементов должно быть не больше 10"


async def test_create_product_refuses_too_deep_attributes(
    client: AsyncClient, session: AsyncSession
) -> None:
    # Такой объект сохранился бы, но ответ с ним не сериализовать: 422, а не 500.
    payload = await product_request(session)
    deep: list[Any] = []
    for _ in range(40):
        deep = [deep]
    payload["attributes"] = {"deep": deep}
    response = await client.post("/api/v1/products", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["type"] == "json_too_deep"
    assert detail["message"] == "Вложенность JSON больше 32 уровней"


async def test_create_product_with_duplicate_sku_conflicts(
    client: AsyncClient, session: AsyncSession
) -> None:
    existing = await make_product(session, 1)
    payload = await product_request(session)
    payload["sku"] = product_payload(1)["sku"]
    assert existing.sku is not None
    response = await client.post("/api/v1/products", json=payload)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "already_exists"


async def test_create_product_with_missing_category_conflicts(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await product_request(session)
    payload["category_id"] = 999999999
    response = await client.post("/api/v1/products", json=payload)
    assert response.status_code == 409
    assert response.json()["error"] == {
        "code": "related_not_found",
        "message": "Связанная запись не найдена",
        "details": [],
    }


async def test_create_product_with_missing_tags_conflicts(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await product_request(session)
    payload["tag_ids"] = [999999999]
    response = await client.post("/api/v1/products", json=payload)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "related_not_found"


async def test_get_product(client: AsyncClient, session: AsyncSession) -> None:
    instance = await make_product(session)
    response = await client.get(f"/api/v1/products/{instance.id}")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == str(instance.id)
    expected = product_payload(0)
    assert body["sku"] == expected["sku"]
    assert body["title"] == expected["title"]
    assert Decimal(body["price"]) == Decimal(expected["price"])
    assert body["currency"] == expected["currency"]
    assert body["stock"] == expected["stock"]
    assert body["weight_kg"] == expected["weight_kg"]
    assert body["is_active"] == expected["is_active"]
    assert body["homepage"] == expected["homepage"]
    assert body["released_on"] == expected["released_on"]
    assert body["attributes"] == expected["attributes"]
    assert body["barcode_id"] == expected["barcode_id"]
    assert body["keywords"] == expected["keywords"]


async def test_get_product_not_found(client: AsyncClient) -> None:
    response = await client.get("/api/v1/products/00000000-0000-4000-8000-999999999999")
    assert response.status_code == 404
    assert response.json() == {
        "error": {"code": "not_found", "message": "Запись «Товар» не найдена", "details": []}
    }


async def test_get_product_with_malformed_id(client: AsyncClient) -> None:
    response = await client.get("/api/v1/products/not-an-id")
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "path.product_id"


async def test_product_method_not_allowed_lists_every_method(client: AsyncClient) -> None:
    # Методы записи объявлены разными маршрутами; Allow называет их все, а не первый.
    response = await client.put("/api/v1/products/00000000-0000-4000-8000-999999999999")
    assert response.status_code == 405
    assert response.headers["allow"] == "DELETE, GET, PATCH"


async def test_list_products_pages(client: AsyncClient, session: AsyncSession) -> None:
    created = [await make_product(session, n) for n in range(3)]
    expected = [str(item.id) for item in created]
    seen: list[Any] = []
    params: dict[str, Any] = {"limit": 2}
    pages = 0
    while True:
        response = await client.get("/api/v1/products", params=params)
        assert response.status_code == 200, response.text
        page = response.json()
        assert page["limit"] == 2
        seen += [item["id"] for item in page["items"]]
        pages += 1
        if page["next_cursor"] is None:
            break
        params["cursor"] = page["next_cursor"]
    assert pages == 2
    assert sorted(seen) == sorted(expected)
    assert len(seen) == 3


async def test_list_products_rejects_bad_limit(client: AsyncClient) -> None:
    response = await client.get("/api/v1/products", params={"limit": 101})
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "query.limit"
    assert detail["message"] == "Значение должно быть не больше 100"


async def test_list_products_rejects_bad_cursor(client: AsyncClient) -> None:
    response = await client.get("/api/v1/products", params={"cursor": "not-a-cursor"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_cursor"


@pytest.mark.parametrize("raw", ["[" * 3000 + "]" * 3000, '["id", [1], 1]', '["id", {"a": 1}, 1]'])
async def test_list_products_rejects_forged_cursor(client: AsyncClient, raw: str) -> None:
    # Подделанный курсор — 400, а не 500: JSON глубже предела разбора, не скаляр вместо значения.
    cursor = base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")
    response = await client.get("/api/v1/products", params={"sort": "id", "cursor": cursor})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_cursor"


async def test_list_products_empty_cursor_is_the_first_page(
    client: AsyncClient, session: AsyncSession
) -> None:
    for n in range(2):
        await make_product(session, n)
    first = await client.get("/api/v1/products", params={"limit": 1})
    empty = await client.get("/api/v1/products", params={"limit": 1, "cursor": ""})
    assert empty.status_code == 200, empty.text
    assert empty.json() == first.json()


async def test_list_products_rejects_cursor_of_other_sort(
    client: AsyncClient, session: AsyncSession
) -> None:
    for n in range(2):
        await make_product(session, n)
    first = await client.get("/api/v1/products", params={"limit": 1, "sort": "-id"})
    cursor = first.json()["next_cursor"]
    assert cursor is not None
    response = await client.get(
        "/api/v1/products", params={"limit": 1, "sort": "id", "cursor": cursor}
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_cursor"


@pytest.mark.parametrize("descending", [False, True])
async def test_list_products_sorted_by_title(
    client: AsyncClient, session: AsyncSession, descending: bool
) -> None:
    # Значения убывают по мере вставки: сортировка по id дала бы обратный порядок.
    for n in reversed(range(3)):
        await make_product(session, n)
    sort = "-title" if descending else "title"
    keys: list[Any] = []
    params: dict[str, Any] = {"limit": 1, "sort": sort}
    while True:
        page = (await client.get("/api/v1/products", params=params)).json()
        keys += [str(item["title"]) for item in page["items"]]
        if page["next_cursor"] is None:
            break
        params["cursor"] = page["next_cursor"]
    assert len(keys) == 3
    assert keys == sorted(keys, reverse=descending)


@pytest.mark.parametrize("descending", [False, True])
async def test_list_products_sorted_by_price(
    client: AsyncClient, session: AsyncSession, descending: bool
) -> None:
    # Значения убывают по мере вставки: сортировка по id дала бы обратный порядок.
    for n in reversed(range(3)):
        await make_product(session, n)
    sort = "-price" if descending else "price"
    keys: list[Any] = []
    params: dict[str, Any] = {"limit": 1, "sort": sort}
    while True:
        page = (await client.get("/api/v1/products", params=params)).json()
        keys += [Decimal(item["price"]) for item in page["items"]]
        if page["next_cursor"] is None:
            break
        params["cursor"] = page["next_cursor"]
    assert len(keys) == 3
    assert keys == sorted(keys, reverse=descending)


async def test_list_products_filtered_by_currency(
    client: AsyncClient, session: AsyncSession
) -> None:
    rows = [await make_product(session, n) for n in range(3)]
    wanted = rows[0].currency
    response = await client.get("/api/v1/products", params={"currency": str(wanted)})
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    expected = {str(row.id) for row in rows if row.currency == wanted}
    assert {str(item["id"]) for item in items} == expected


async def test_list_products_filtered_by_is_active(
    client: AsyncClient, session: AsyncSession
) -> None:
    rows = [await make_product(session, n) for n in range(3)]
    wanted = rows[0].is_active
    response = await client.get("/api/v1/products", params={"is_active": str(wanted).lower()})
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    expected = {str(row.id) for row in rows if row.is_active == wanted}
    assert {str(item["id"]) for item in items} == expected


async def test_list_products_filtered_by_category_id(
    client: AsyncClient, session: AsyncSession
) -> None:
    parent = await make_category(session, 3)
    rows = [
        await make_product(session, n, category_id=parent.id if n == 0 else None) for n in range(3)
    ]
    wanted = rows[0].category_id
    response = await client.get("/api/v1/products", params={"category_id": str(wanted)})
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    expected = {str(row.id) for row in rows if row.category_id == wanted}
    assert {str(item["id"]) for item in items} == expected


async def test_list_products_filtered_by_keywords(
    client: AsyncClient, session: AsyncSession
) -> None:
    rows = [await make_product(session, n) for n in range(3)]
    wanted = (rows[0].keywords or [])[0]
    response = await client.get("/api/v1/products", params={"keywords": str(wanted)})
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    expected = {str(row.id) for row in rows if wanted in (row.keywords or [])}
    assert {str(item["id"]) for item in items} == expected


async def test_update_product(client: AsyncClient, session: AsyncSession) -> None:
    instance = await make_product(session, 0)
    updated_before = instance.updated_at
    changes = product_payload(1)
    response = await client.patch(f"/api/v1/products/{instance.id}", json=changes)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["sku"] == changes["sku"]
    assert body["title"] == changes["title"]
    assert Decimal(body["price"]) == Decimal(changes["price"])
    assert body["currency"] == changes["currency"]
    assert body["stock"] == changes["stock"]
    assert body["weight_kg"] == changes["weight_kg"]
    assert body["is_active"] == changes["is_active"]
    assert body["homepage"] == changes["homepage"]
    assert body["released_on"] == changes["released_on"]
    assert body["attributes"] == changes["attributes"]
    assert body["barcode_id"] == changes["barcode_id"]
    assert body["keywords"] == changes["keywords"]
    assert datetime.fromisoformat(body["updated_at"]) > updated_before
    related = await make_tag(session, 2)
    linked = await client.patch(
        f"/api/v1/products/{instance.id}", json={"tag_ids": [str(related.id)]}
    )
    assert linked.status_code == 200, linked.text
    assert [str(key) for key in linked.json()["tag_ids"]] == [str(related.id)]


async def test_update_product_changes_only_given_fields(
    client: AsyncClient, session: AsyncSession
) -> None:
    instance = await make_product(session, 0)
    original = product_payload(0)
    changes = {"sku": product_payload(1)["sku"]}
    response = await client.patch(f"/api/v1/products/{instance.id}", json=changes)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["sku"] == changes["sku"]
    assert body["title"] == original["title"]
    assert Decimal(body["price"]) == Decimal(original["price"])
    assert body["currency"] == original["currency"]
    assert body["stock"] == original["stock"]
    assert body["weight_kg"] == original["weight_kg"]
    assert body["is_active"] == original["is_active"]
    assert body["homepage"] == original["homepage"]
    assert body["released_on"] == original["released_on"]
    assert body["attributes"] == original["attributes"]
    assert body["barcode_id"] == original["barcode_id"]
    assert body["keywords"] == original["keywords"]


async def test_update_product_rejects_null(client: AsyncClient, session: AsyncSession) -> None:
    instance = await make_product(session)
    response = await client.patch(f"/api/v1/products/{instance.id}", json={"sku": None})
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail == {
        "field": "body.sku",
        "type": "not_null",
        "message": "Значение не может быть null",
    }


async def test_update_product_not_found(client: AsyncClient) -> None:
    response = await client.patch("/api/v1/products/00000000-0000-4000-8000-999999999999", json={})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


async def test_delete_product(client: AsyncClient, session: AsyncSession) -> None:
    key = (await make_product(session)).id
    response = await client.delete(f"/api/v1/products/{key}")
    assert response.status_code == 204
    assert response.content == b""
    assert (await client.delete(f"/api/v1/products/{key}")).status_code == 404
    session.expire_all()
    row = await session.get(Product, key)
    assert row is not None
    assert row.deleted_at is not None
    # Свои значения — как у удалённой записи; связанные записи — новые (набор 1): старые
    # по-прежнему связаны с удалённой записью и держат свои уникальные значения.
    payload = {**await product_request(session, 1), **product_payload(0)}
    again = await client.post("/api/v1/products", json=payload)
    assert again.status_code == 201, "значения удалённой записи можно использовать снова"


async def test_create_tag(client: AsyncClient, session: AsyncSession) -> None:
    payload = await tag_request(session)
    response = await client.post("/api/v1/tags", json=payload)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["label"] == payload["label"]
    fetched = await client.get(f"/api/v1/tags/{body['id']}")
    assert fetched.status_code == 200
    assert fetched.json() == body


@pytest.mark.parametrize(
    ("value", "kind"), [("a\u0000b", "null_character"), ("a\ud800b", "string_unicode")]
)
async def test_create_tag_refuses_text_the_database_cannot_store(
    client: AsyncClient, session: AsyncSession, value: str, kind: str
) -> None:
    # PostgreSQL не хранит NUL и одиночные суррогаты: 422 с полем, а не ошибка базы.
    payload = await tag_request(session)
    payload["label"] = value
    # json.dumps пишет суррогат escape-последовательностью: httpx его не закодирует.
    body = json.dumps(payload)
    response = await client.post(
        "/api/v1/tags", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert (detail["field"], detail["type"]) == ("body.label", kind)


async def test_create_tag_requires_fields(client: AsyncClient) -> None:
    response = await client.post("/api/v1/tags", json={})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    missing = {detail["field"] for detail in error["details"] if detail["type"] == "missing"}
    assert missing == {
        "body.label",
    }
    assert all(detail["message"] == "Обязательное поле не передано" for detail in error["details"])


async def test_create_tag_rejects_unknown_field(client: AsyncClient, session: AsyncSession) -> None:
    payload = await tag_request(session)
    payload["unexpected"] = 1
    response = await client.post("/api/v1/tags", json=payload)
    assert response.status_code == 422
    details = response.json()["error"]["details"]
    assert details == [
        {"field": "body.unexpected", "type": "extra_forbidden", "message": "Неизвестное поле"}
    ]


async def test_create_tag_rejects_invalid_label_too_long(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await tag_request(session)
    payload["label"] = "x" * 51
    response = await client.post("/api/v1/tags", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.label"
    assert detail["type"] == "string_too_long"
    assert detail["message"] == "Длина строки должна быть не больше 50"


async def test_create_tag_with_duplicate_label_conflicts(
    client: AsyncClient, session: AsyncSession
) -> None:
    existing = await make_tag(session, 1)
    payload = await tag_request(session)
    payload["label"] = tag_payload(1)["label"]
    assert existing.label is not None
    response = await client.post("/api/v1/tags", json=payload)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "already_exists"


async def test_get_tag(client: AsyncClient, session: AsyncSession) -> None:
    instance = await make_tag(session)
    response = await client.get(f"/api/v1/tags/{instance.id}")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == instance.id
    expected = tag_payload(0)
    assert body["label"] == expected["label"]


async def test_get_tag_not_found(client: AsyncClient) -> None:
    response = await client.get("/api/v1/tags/999999999")
    assert response.status_code == 404
    assert response.json() == {
        "error": {"code": "not_found", "message": "Запись «Метка» не найдена", "details": []}
    }


async def test_get_tag_with_malformed_id(client: AsyncClient) -> None:
    response = await client.get("/api/v1/tags/not-an-id")
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "path.tag_id"


async def test_tag_method_not_allowed_lists_every_method(client: AsyncClient) -> None:
    # Методы записи объявлены разными маршрутами; Allow называет их все, а не первый.
    response = await client.put("/api/v1/tags/999999999")
    assert response.status_code == 405
    assert response.headers["allow"] == "DELETE, GET"


async def test_list_tags_pages(client: AsyncClient, session: AsyncSession) -> None:
    created = [await make_tag(session, n) for n in range(3)]
    expected = [item.id for item in created]
    seen: list[Any] = []
    for offset in (0, 2):
        response = await client.get("/api/v1/tags", params={"limit": 2, "offset": offset})
        assert response.status_code == 200, response.text
        page = response.json()
        assert page["total"] == 3
        assert page["offset"] == offset
        seen += [item["id"] for item in page["items"]]
    assert sorted(seen) == sorted(expected)
    assert len(seen) == 3


async def test_list_tags_rejects_bad_limit(client: AsyncClient) -> None:
    response = await client.get("/api/v1/tags", params={"limit": 101})
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "query.limit"
    assert detail["message"] == "Значение должно быть не больше 100"


async def test_delete_tag(client: AsyncClient, session: AsyncSession) -> None:
    key = (await make_tag(session)).id
    response = await client.delete(f"/api/v1/tags/{key}")
    assert response.status_code == 204
    assert response.content == b""
    assert (await client.delete(f"/api/v1/tags/{key}")).status_code == 404
    session.expire_all()
    assert await session.get(Tag, key) is None
