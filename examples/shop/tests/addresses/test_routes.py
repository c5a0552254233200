"""Тесты HTTP-маршрутов домена «addresses» на настоящей базе данных."""

import json
from datetime import datetime
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.v1 import Address
from tests.factories import address_payload, address_request, make_address, make_payment


async def test_create_address(client: AsyncClient, session: AsyncSession) -> None:
    payload = await address_request(session)
    response = await client.post("/api/v1/addresses", json=payload)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["country"] == payload["country"]
    assert body["city"] == payload["city"]
    assert body["street"] == payload["street"]
    assert body["postal_code"] == payload["postal_code"]
    assert body["is_default"] == payload["is_default"]
    assert body["contact_email"] == payload["contact_email"]
    assert body["delivery_from"] == payload["delivery_from"]
    fetched = await client.get(f"/api/v1/addresses/{body['id']}")
    assert fetched.status_code == 200
    assert fetched.json() == body


@pytest.mark.parametrize(
    ("value", "kind"), [("a\u0000b", "null_character"), ("a\ud800b", "string_unicode")]
)
async def test_create_address_refuses_text_the_database_cannot_store(
    client: AsyncClient, session: AsyncSession, value: str, kind: str
) -> None:
    # PostgreSQL не хранит NUL и одиночные суррогаты: 422 с полем, а не ошибка базы.
    payload = await address_request(session)
    payload["country"] = value
    # json.dumps пишет суррогат escape-последовательностью: httpx его не закодирует.
    body = json.dumps(payload)
    response = await client.post(
        "/api/v1/addresses", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert (detail["field"], detail["type"]) == ("body.country", kind)


async def test_create_address_requires_fields(client: AsyncClient) -> None:
    response = await client.post("/api/v1/addresses", json={})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    missing = {detail["field"] for detail in error["details"] if detail["type"] == "missing"}
    assert missing == {
        "body.city",
        "body.country",
        "body.postal_code",
        "body.street",
    }
    assert all(detail["message"] == "Обязательное поле не передано" for detail in error["details"])


async def test_create_address_rejects_unknown_field(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await address_request(session)
    payload["unexpected"] = 1
    response = await client.post("/api/v1/addresses", json=payload)
    assert response.status_code == 422
    details = response.json()["error"]["details"]
    assert details == [
        {"field": "body.unexpected", "type": "extra_forbidden", "message": "Неизвестное поле"}
    ]


async def test_create_address_rejects_invalid_country_too_long(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await address_request(session)
    payload["country"] = "x" * 3
    response = await client.post("/api/v1/addresses", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.country"
    assert detail["type"] == "string_too_long"
    assert detail["message"] == "Длина строки должна быть не больше 2"


async def test_create_address_rejects_invalid_country_pattern(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await address_request(session)
    payload["country"] = "!"
    response = await client.post("/api/v1/addresses", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.country"
    assert detail["type"] == "string_pattern_mismatch"
    assert detail["message"] == "Строка не соответствует шаблону ^[A-Z]{2}$"


async def test_create_address_rejects_invalid_city_too_long(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await address_request(session)
    payload["city"] = "x" * 101
    response = await client.post("/api/v1/addresses", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.city"
    assert detail["type"] == "string_too_long"
    assert detail["message"] == "Длина строки должна быть не больше 100"


async def test_create_address_rejects_invalid_street_too_long(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await address_request(session)
    payload["street"] = "x" * 201
    response = await client.post("/api/v1/addresses", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.street"
    assert detail["type"] == "string_too_long"
    assert detail["message"] == "Длина строки должна быть не больше 200"


async def test_create_address_rejects_invalid_postal_code_too_long(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await address_request(session)
    payload["postal_code"] = "x" * 21
    response = await client.post("/api/v1/addresses", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.postal_code"
    assert detail["type"] == "string_too_long"
    assert detail["message"] == "Длина строки должна быть не больше 20"


async def test_create_address_rejects_invalid_contact_email_too_long(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await address_request(session)
    payload["contact_email"] = "x" * 255
    response = await client.post("/api/v1/addresses", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.contact_email"
    assert detail["type"] == "string_too_long"
    assert detail["message"] == "Длина строки должна быть не больше 254"


async def test_create_address_rejects_invalid_delivery_from_number(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await address_request(session)
    payload["delivery_from"] = 3600
    response = await client.post("/api/v1/addresses", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.delivery_from"
    assert detail["type"] == "time_of_day"
    assert detail["message"] == "Ожидается время суток ЧЧ:ММ[:СС[.ffffff]] без часового пояса"


async def test_create_address_rejects_invalid_delivery_from_utc_offset(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await address_request(session)
    payload["delivery_from"] = "09:30+03:00"
    response = await client.post("/api/v1/addresses", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.delivery_from"
    assert detail["type"] == "time_of_day"
    assert detail["message"] == "Ожидается время суток ЧЧ:ММ[:СС[.ffffff]] без часового пояса"


async def test_get_address(client: AsyncClient, session: AsyncSession) -> None:
    instance = await make_address(session)
    response = await client.get(f"/api/v1/addresses/{instance.id}")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == instance.id
    expected = address_payload(0)
    assert body["country"] == expected["country"]
    assert body["city"] == expected["city"]
    assert body["street"] == expected["street"]
    assert body["postal_code"] == expected["postal_code"]
    assert body["is_default"] == expected["is_default"]
    assert body["contact_email"] == expected["contact_email"]
    assert body["delivery_from"] == expected["delivery_from"]


async def test_get_address_not_found(client: AsyncClient) -> None:
    response = await client.get("/api/v1/addresses/999999999")
    assert response.status_code == 404
    assert response.json() == {
        "error": {"code": "not_found", "message": "Запись «Адрес» не найдена", "details": []}
    }


async def test_get_address_with_malformed_id(client: AsyncClient) -> None:
    response = await client.get("/api/v1/addresses/not-an-id")
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "path.address_id"


async def test_address_method_not_allowed_lists_every_method(client: AsyncClient) -> None:
    # Методы записи объявлены разными маршрутами; Allow называет их все, а не первый.
    response = await client.put("/api/v1/addresses/999999999")
    assert response.status_code == 405
    assert response.headers["allow"] == "DELETE, GET, PATCH"


async def test_list_addresses_pages(client: AsyncClient, session: AsyncSession) -> None:
    created = [await make_address(session, n) for n in range(3)]
    expected = [item.id for item in created]
    seen: list[Any] = []
    for offset in (0, 2):
        response = await client.get("/api/v1/addresses", params={"limit": 2, "offset": offset})
        assert response.status_code == 200, response.text
        page = response.json()
        assert page["total"] == 3
        assert page["offset"] == offset
        seen += [item["id"] for item in page["items"]]
    assert sorted(seen) == sorted(expected)
    assert len(seen) == 3


async def test_list_addresses_rejects_bad_limit(client: AsyncClient) -> None:
    response = await client.get("/api/v1/addresses", params={"limit": 101})
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "query.limit"
    assert detail["message"] == "Значение должно быть не больше 100"


@pytest.mark.parametrize("descending", [False, True])
async def test_list_addresses_sorted_by_city(
    client: AsyncClient, session: AsyncSession, descending: bool
) -> None:
    # Значения убывают по мере вставки: сортировка по id дала бы обратный порядок.
    for n in reversed(range(3)):
        await make_address(session, n)
    sort = "-city" if descending else "city"
    # Страница по умолчанию может быть меньше трёх записей: идём по страницам до пустой.
    keys: list[Any] = []
    while True:
        response = await client.get("/api/v1/addresses", params={"sort": sort, "offset": len(keys)})
        assert response.status_code == 200, response.text
        items = response.json()["items"]
        if not items:
            break
        keys += [str(item["city"]) for item in items]
    assert len(keys) == 3
    assert keys == sorted(keys, reverse=descending)


@pytest.mark.parametrize("descending", [False, True])
async def test_list_addresses_sorted_by_postal_code(
    client: AsyncClient, session: AsyncSession, descending: bool
) -> None:
    # Значения убывают по мере вставки: сортировка по id дала бы обратный порядок.
    for n in reversed(range(3)):
        await make_address(session, n)
    sort = "-postal_code" if descending else "postal_code"
    # Страница по умолчанию может быть меньше трёх записей: идём по страницам до пустой.
    keys: list[Any] = []
    while True:
        response = await client.get("/api/v1/addresses", params={"sort": sort, "offset": len(keys)})
        assert response.status_code == 200, response.text
        items = response.json()["items"]
        if not items:
            break
        keys += [str(item["postal_code"]) for item in items]
    assert len(keys) == 3
    assert keys == sorted(keys, reverse=descending)


async def test_list_addresses_filtered_by_owner_id(
    client: AsyncClient, session: AsyncSession
) -> None:
    rows = [await make_address(session, n) for n in range(3)]
    wanted = rows[0].owner_id
    response = await client.get("/api/v1/addresses", params={"owner_id": str(wanted)})
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    expected = {str(row.id) for row in rows if row.owner_id == wanted}
    assert {str(item["id"]) for item in items} == expected


async def test_list_addresses_filtered_by_city(client: AsyncClient, session: AsyncSession) -> None:
    rows = [await make_address(session, n) for n in range(3)]
    wanted = rows[0].city
    response = await client.get("/api/v1/addresses", params={"city": str(wanted)})
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    expected = {str(row.id) for row in rows if row.city == wanted}
    assert {str(item["id"]) for item in items} == expected


async def test_list_addresses_filtered_by_is_default(
    client: AsyncClient, session: AsyncSession
) -> None:
    rows = [await make_address(session, n) for n in range(3)]
    wanted = rows[0].is_default
    response = await client.get("/api/v1/addresses", params={"is_default": str(wanted).lower()})
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    expected = {str(row.id) for row in rows if row.is_default == wanted}
    assert {str(item["id"]) for item in items} == expected


async def test_update_address(client: AsyncClient, session: AsyncSession) -> None:
    instance = await make_address(session, 0)
    updated_before = instance.updated_at
    changes = address_payload(1)
    response = await client.patch(f"/api/v1/addresses/{instance.id}", json=changes)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["country"] == changes["country"]
    assert body["city"] == changes["city"]
    assert body["street"] == changes["street"]
    assert body["postal_code"] == changes["postal_code"]
    assert body["is_default"] == changes["is_default"]
    assert body["contact_email"] == changes["contact_email"]
    assert body["delivery_from"] == changes["delivery_from"]
    assert datetime.fromisoformat(body["updated_at"]) > updated_before


async def test_update_address_changes_only_given_fields(
    client: AsyncClient, session: AsyncSession
) -> None:
    instance = await make_address(session, 0)
    original = address_payload(0)
    changes = {"country": address_payload(1)["country"]}
    response = await client.patch(f"/api/v1/addresses/{instance.id}", json=changes)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["country"] == changes["country"]
    assert body["city"] == original["city"]
    assert body["street"] == original["street"]
    assert body["postal_code"] == original["postal_code"]
    assert body["is_default"] == original["is_default"]
    assert body["contact_email"] == original["contact_email"]
    assert body["delivery_from"] == original["delivery_from"]


async def test_update_address_rejects_null(client: AsyncClient, session: AsyncSession) -> None:
    instance = await make_address(session)
    response = await client.patch(f"/api/v1/addresses/{instance.id}", json={"country": None})
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail == {
        "field": "body.country",
        "type": "not_null",
        "message": "Значение не может быть null",
    }


async def test_update_address_not_found(client: AsyncClient) -> None:
    response = await client.patch("/api/v1/addresses/999999999", json={})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


async def test_delete_address(client: AsyncClient, session: AsyncSession) -> None:
    key = (await make_address(session)).id
    response = await client.delete(f"/api/v1/addresses/{key}")
    assert response.status_code == 204
    assert response.content == b""
    assert (await client.delete(f"/api/v1/addresses/{key}")).status_code == 404
    session.expire_all()
    assert await session.get(Address, key) is None


async def test_delete_address_in_use_by_payment_conflicts(
    client: AsyncClient, session: AsyncSession
) -> None:
    instance = await make_address(session)
    await make_payment(session, address_id=instance.id)
    response = await client.delete(f"/api/v1/addresses/{instance.id}")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "in_use"
