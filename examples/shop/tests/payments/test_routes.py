"""Тесты HTTP-маршрутов домена «payments» на настоящей базе данных."""

import base64
import json
from datetime import datetime
from decimal import Decimal
from ipaddress import ip_address
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import make_payment, payment_payload, payment_request


async def test_create_payment(client: AsyncClient, session: AsyncSession) -> None:
    payload = await payment_request(session)
    response = await client.post("/api/v1/payments", json=payload)
    assert response.status_code == 201, response.text
    body = response.json()
    assert Decimal(body["amount"]) == Decimal(payload["amount"])
    assert body["currency"] == payload["currency"]
    assert body["status"] == payload["status"]
    assert datetime.fromisoformat(body["paid_at"]) == datetime.fromisoformat(payload["paid_at"])
    assert body["attempts"] == payload["attempts"]
    assert body["comment"] == payload["comment"]
    assert ip_address(body["client_ip"]) == ip_address(payload["client_ip"])
    fetched = await client.get(f"/api/v1/payments/{body['id']}")
    assert fetched.status_code == 200
    assert fetched.json() == body


@pytest.mark.parametrize(
    ("value", "kind"), [("a\u0000b", "null_character"), ("a\ud800b", "string_unicode")]
)
async def test_create_payment_refuses_text_the_database_cannot_store(
    client: AsyncClient, session: AsyncSession, value: str, kind: str
) -> None:
    # PostgreSQL не хранит NUL и одиночные суррогаты: 422 с полем, а не ошибка базы.
    payload = await payment_request(session)
    payload["comment"] = value
    # json.dumps пишет суррогат escape-последовательностью: httpx его не закодирует.
    body = json.dumps(payload)
    response = await client.post(
        "/api/v1/payments", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert (detail["field"], detail["type"]) == ("body.comment", kind)


async def test_create_payment_requires_fields(client: AsyncClient) -> None:
    response = await client.post("/api/v1/payments", json={})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    missing = {detail["field"] for detail in error["details"] if detail["type"] == "missing"}
    assert missing == {
        "body.address_id",
        "body.amount",
        "body.currency",
    }
    assert all(detail["message"] == "Обязательное поле не передано" for detail in error["details"])


async def test_create_payment_rejects_unknown_field(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await payment_request(session)
    payload["unexpected"] = 1
    response = await client.post("/api/v1/payments", json=payload)
    assert response.status_code == 422
    details = response.json()["error"]["details"]
    assert details == [
        {"field": "body.unexpected", "type": "extra_forbidden", "message": "Неизвестное поле"}
    ]


async def test_create_payment_rejects_invalid_amount_gt(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await payment_request(session)
    payload["amount"] = "0"
    response = await client.post("/api/v1/payments", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.amount"
    assert detail["type"] == "greater_than"
    assert detail["message"] == "Значение должно быть больше 0"


async def test_create_payment_rejects_invalid_amount_exponent(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await payment_request(session)
    payload["amount"] = "1e2"
    response = await client.post("/api/v1/payments", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.amount"
    assert detail["type"] == "decimal_parsing"
    assert detail["message"] == "Ожидается десятичное число"


async def test_create_payment_rejects_invalid_amount_plus_sign(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await payment_request(session)
    payload["amount"] = "+5"
    response = await client.post("/api/v1/payments", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.amount"
    assert detail["type"] == "decimal_parsing"
    assert detail["message"] == "Ожидается десятичное число"


async def test_create_payment_rejects_invalid_amount_underscore(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await payment_request(session)
    payload["amount"] = "1_000"
    response = await client.post("/api/v1/payments", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.amount"
    assert detail["type"] == "decimal_parsing"
    assert detail["message"] == "Ожидается десятичное число"


async def test_create_payment_rejects_invalid_amount_arabic_digits(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await payment_request(session)
    payload["amount"] = "١٢"
    response = await client.post("/api/v1/payments", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.amount"
    assert detail["type"] == "decimal_parsing"
    assert detail["message"] == "Ожидается десятичное число"


async def test_create_payment_rejects_invalid_currency_enum(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await payment_request(session)
    payload["currency"] = "__unknown__"
    response = await client.post("/api/v1/payments", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.currency"
    assert detail["type"] == "enum"
    assert detail["message"] == "Допустимые значения: 'RUB', 'USD' или 'EUR'"


async def test_create_payment_rejects_invalid_status_enum(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await payment_request(session)
    payload["status"] = "__unknown__"
    response = await client.post("/api/v1/payments", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.status"
    assert detail["type"] == "enum"
    assert detail["message"] == (
        "Допустимые значения: 'pending', 'succeeded', 'failed' или 'refunded'"
    )


async def test_create_payment_rejects_invalid_paid_at_number(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await payment_request(session)
    payload["paid_at"] = 0
    response = await client.post("/api/v1/payments", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.paid_at"
    assert detail["type"] == "datetime_type"
    assert detail["message"] == "Ожидаются дата и время ГГГГ-ММ-ДДTЧЧ:ММ:СС с часовым поясом"


async def test_create_payment_rejects_invalid_paid_at_space_separator(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await payment_request(session)
    payload["paid_at"] = "2024-01-31 09:30:00Z"
    response = await client.post("/api/v1/payments", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.paid_at"
    assert detail["type"] == "datetime_type"
    assert detail["message"] == "Ожидаются дата и время ГГГГ-ММ-ДДTЧЧ:ММ:СС с часовым поясом"


async def test_create_payment_rejects_invalid_attempts_ge(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await payment_request(session)
    payload["attempts"] = -1
    response = await client.post("/api/v1/payments", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.attempts"
    assert detail["type"] == "greater_than_equal"
    assert detail["message"] == "Значение должно быть не меньше 0"


async def test_create_payment_rejects_invalid_attempts_le(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await payment_request(session)
    payload["attempts"] = 11
    response = await client.post("/api/v1/payments", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.attempts"
    assert detail["type"] == "less_than_equal"
    assert detail["message"] == "Значение должно быть не больше 10"


async def test_create_payment_rejects_invalid_comment_too_long(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await payment_request(session)
    payload["comment"] = "x" * 1001
    response = await client.post("/api/v1/payments", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.comment"
    assert detail["type"] == "string_too_long"
    assert detail["message"] == "Длина строки должна быть не больше 1000"


async def test_create_payment_rejects_invalid_client_ip_number(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await payment_request(session)
    payload["client_ip"] = 16909060
    response = await client.post("/api/v1/payments", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.client_ip"
    assert detail["type"] == "ip_any_address"
    assert detail["message"] == "Ожидается адрес IPv4 или IPv6"


async def test_create_payment_rejects_invalid_client_ip_boolean(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await payment_request(session)
    payload["client_ip"] = False
    response = await client.post("/api/v1/payments", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.client_ip"
    assert detail["type"] == "ip_any_address"
    assert detail["message"] == "Ожидается адрес IPv4 или IPv6"


async def test_create_payment_rejects_invalid_client_ip_zone(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await payment_request(session)
    payload["client_ip"] = "fe80::1%eth0"
    response = await client.post("/api/v1/payments", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.client_ip"
    assert detail["type"] == "ip_any_address"
    assert detail["message"] == "Ожидается адрес IPv4 или IPv6"


async def test_create_payment_with_missing_address_conflicts(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await payment_request(session)
    payload["address_id"] = 999999999
    response = await client.post("/api/v1/payments", json=payload)
    assert response.status_code == 409
    assert response.json()["error"] == {
        "code": "related_not_found",
        "message": "Связанная запись не найдена",
        "details": [],
    }


async def test_get_payment(client: AsyncClient, session: AsyncSession) -> None:
    instance = await make_payment(session)
    response = await client.get(f"/api/v1/payments/{instance.id}")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == instance.id
    expected = payment_payload(0)
    assert Decimal(body["amount"]) == Decimal(expected["amount"])
    assert body["currency"] == expected["currency"]
    assert body["status"] == expected["status"]
    assert datetime.fromisoformat(body["paid_at"]) == datetime.fromisoformat(expected["paid_at"])
    assert body["attempts"] == expected["attempts"]
    assert body["comment"] == expected["comment"]
    assert ip_address(body["client_ip"]) == ip_address(expected["client_ip"])


async def test_get_payment_not_found(client: AsyncClient) -> None:
    response = await client.get("/api/v1/payments/999999999")
    assert response.status_code == 404
    assert response.json() == {
        "error": {"code": "not_found", "message": "Запись «Платёж» не найдена", "details": []}
    }


async def test_get_payment_with_malformed_id(client: AsyncClient) -> None:
    response = await client.get("/api/v1/payments/not-an-id")
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "path.payment_id"


async def test_payment_method_not_allowed_lists_every_method(client: AsyncClient) -> None:
    # Методы записи объявлены разными маршрутами; Allow называет их все, а не первый.
    response = await client.put("/api/v1/payments/999999999")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, PATCH"


async def test_list_payments_pages(client: AsyncClient, session: AsyncSession) -> None:
    created = [await make_payment(session, n) for n in range(3)]
    expected = [item.id for item in created]
    seen: list[Any] = []
    params: dict[str, Any] = {"limit": 2}
    pages = 0
    while True:
        response = await client.get("/api/v1/payments", params=params)
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


async def test_list_payments_rejects_bad_limit(client: AsyncClient) -> None:
    response = await client.get("/api/v1/payments", params={"limit": 101})
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "query.limit"
    assert detail["message"] == "Значение должно быть не больше 100"


async def test_list_payments_rejects_bad_cursor(client: AsyncClient) -> None:
    response = await client.get("/api/v1/payments", params={"cursor": "not-a-cursor"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_cursor"


@pytest.mark.parametrize("raw", ["[" * 3000 + "]" * 3000, '["id", [1], 1]', '["id", {"a": 1}, 1]'])
async def test_list_payments_rejects_forged_cursor(client: AsyncClient, raw: str) -> None:
    # Подделанный курсор — 400, а не 500: JSON глубже предела разбора, не скаляр вместо значения.
    cursor = base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")
    response = await client.get("/api/v1/payments", params={"sort": "id", "cursor": cursor})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_cursor"


async def test_list_payments_empty_cursor_is_the_first_page(
    client: AsyncClient, session: AsyncSession
) -> None:
    for n in range(2):
        await make_payment(session, n)
    first = await client.get("/api/v1/payments", params={"limit": 1})
    empty = await client.get("/api/v1/payments", params={"limit": 1, "cursor": ""})
    assert empty.status_code == 200, empty.text
    assert empty.json() == first.json()


async def test_list_payments_rejects_cursor_of_other_sort(
    client: AsyncClient, session: AsyncSession
) -> None:
    for n in range(2):
        await make_payment(session, n)
    first = await client.get("/api/v1/payments", params={"limit": 1, "sort": "-id"})
    cursor = first.json()["next_cursor"]
    assert cursor is not None
    response = await client.get(
        "/api/v1/payments", params={"limit": 1, "sort": "id", "cursor": cursor}
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_cursor"


@pytest.mark.parametrize("descending", [False, True])
async def test_list_payments_sorted_by_amount(
    client: AsyncClient, session: AsyncSession, descending: bool
) -> None:
    # Значения убывают по мере вставки: сортировка по id дала бы обратный порядок.
    for n in reversed(range(3)):
        await make_payment(session, n)
    sort = "-amount" if descending else "amount"
    keys: list[Any] = []
    params: dict[str, Any] = {"limit": 1, "sort": sort}
    while True:
        page = (await client.get("/api/v1/payments", params=params)).json()
        keys += [Decimal(item["amount"]) for item in page["items"]]
        if page["next_cursor"] is None:
            break
        params["cursor"] = page["next_cursor"]
    assert len(keys) == 3
    assert keys == sorted(keys, reverse=descending)


@pytest.mark.parametrize("descending", [False, True])
async def test_list_payments_sorted_by_client_ip(
    client: AsyncClient, session: AsyncSession, descending: bool
) -> None:
    # Значения убывают по мере вставки: сортировка по id дала бы обратный порядок.
    for n in reversed(range(3)):
        await make_payment(session, n)
    sort = "-client_ip" if descending else "client_ip"
    keys: list[Any] = []
    params: dict[str, Any] = {"limit": 1, "sort": sort}
    while True:
        page = (await client.get("/api/v1/payments", params=params)).json()
        keys += [ip_address(item["client_ip"]) for item in page["items"]]
        if page["next_cursor"] is None:
            break
        params["cursor"] = page["next_cursor"]
    assert len(keys) == 3
    assert keys == sorted(keys, reverse=descending)


@pytest.mark.parametrize("descending", [False, True])
async def test_list_payments_by_client_ip_pages_through_empty_values(
    client: AsyncClient, session: AsyncSession, descending: bool
) -> None:
    # Записи без значения PostgreSQL ставит в конец (по убыванию — в начало): курсор на такой
    # записи не должен терять следующие.
    created = [await make_payment(session, 0)]
    created += [await make_payment(session, n, client_ip=None) for n in (1, 2)]
    seen: list[Any] = []
    params: dict[str, Any] = {"limit": 1, "sort": "-client_ip" if descending else "client_ip"}
    while True:
        page = (await client.get("/api/v1/payments", params=params)).json()
        seen += [item["id"] for item in page["items"]]
        if page["next_cursor"] is None:
            break
        params["cursor"] = page["next_cursor"]
    assert sorted(seen) == sorted(item.id for item in created)


async def test_list_payments_filtered_by_owner_id(
    client: AsyncClient, session: AsyncSession
) -> None:
    rows = [await make_payment(session, n) for n in range(3)]
    wanted = rows[0].owner_id
    response = await client.get("/api/v1/payments", params={"owner_id": str(wanted)})
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    expected = {str(row.id) for row in rows if row.owner_id == wanted}
    assert {str(item["id"]) for item in items} == expected


async def test_list_payments_filtered_by_status(client: AsyncClient, session: AsyncSession) -> None:
    rows = [await make_payment(session, n) for n in range(3)]
    wanted = rows[0].status
    response = await client.get("/api/v1/payments", params={"status": str(wanted)})
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    expected = {str(row.id) for row in rows if row.status == wanted}
    assert {str(item["id"]) for item in items} == expected


async def test_list_payments_filtered_by_currency(
    client: AsyncClient, session: AsyncSession
) -> None:
    rows = [await make_payment(session, n) for n in range(3)]
    wanted = rows[0].currency
    response = await client.get("/api/v1/payments", params={"currency": str(wanted)})
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    expected = {str(row.id) for row in rows if row.currency == wanted}
    assert {str(item["id"]) for item in items} == expected


async def test_list_payments_filtered_by_address_id(
    client: AsyncClient, session: AsyncSession
) -> None:
    rows = [await make_payment(session, n) for n in range(3)]
    wanted = rows[0].address_id
    response = await client.get("/api/v1/payments", params={"address_id": str(wanted)})
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    expected = {str(row.id) for row in rows if row.address_id == wanted}
    assert {str(item["id"]) for item in items} == expected


async def test_list_payments_filtered_by_client_ip(
    client: AsyncClient, session: AsyncSession
) -> None:
    rows = [await make_payment(session, n) for n in range(3)]
    wanted = rows[0].client_ip
    response = await client.get("/api/v1/payments", params={"client_ip": str(wanted)})
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    expected = {str(row.id) for row in rows if row.client_ip == wanted}
    assert {str(item["id"]) for item in items} == expected


async def test_update_payment(client: AsyncClient, session: AsyncSession) -> None:
    instance = await make_payment(session, 0)
    updated_before = instance.updated_at
    changes = payment_payload(1)
    response = await client.patch(f"/api/v1/payments/{instance.id}", json=changes)
    assert response.status_code == 200, response.text
    body = response.json()
    assert Decimal(body["amount"]) == Decimal(changes["amount"])
    assert body["currency"] == changes["currency"]
    assert body["status"] == changes["status"]
    assert datetime.fromisoformat(body["paid_at"]) == datetime.fromisoformat(changes["paid_at"])
    assert body["attempts"] == changes["attempts"]
    assert body["comment"] == changes["comment"]
    assert ip_address(body["client_ip"]) == ip_address(changes["client_ip"])
    assert datetime.fromisoformat(body["updated_at"]) > updated_before


async def test_update_payment_changes_only_given_fields(
    client: AsyncClient, session: AsyncSession
) -> None:
    instance = await make_payment(session, 0)
    original = payment_payload(0)
    changes = {"amount": payment_payload(1)["amount"]}
    response = await client.patch(f"/api/v1/payments/{instance.id}", json=changes)
    assert response.status_code == 200, response.text
    body = response.json()
    assert Decimal(body["amount"]) == Decimal(changes["amount"])
    assert body["currency"] == original["currency"]
    assert body["status"] == original["status"]
    assert datetime.fromisoformat(body["paid_at"]) == datetime.fromisoformat(original["paid_at"])
    assert body["attempts"] == original["attempts"]
    assert body["comment"] == original["comment"]
    assert ip_address(body["client_ip"]) == ip_address(original["client_ip"])


async def test_update_payment_rejects_null(client: AsyncClient, session: AsyncSession) -> None:
    instance = await make_payment(session)
    response = await client.patch(f"/api/v1/payments/{instance.id}", json={"amount": None})
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail == {
        "field": "body.amount",
        "type": "not_null",
        "message": "Значение не может быть null",
    }


async def test_update_payment_not_found(client: AsyncClient) -> None:
    response = await client.patch("/api/v1/payments/999999999", json={})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
