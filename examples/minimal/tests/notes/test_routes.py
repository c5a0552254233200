"""Тесты HTTP-маршрутов домена «notes» на настоящей базе данных."""

import json
from datetime import datetime
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.v1 import Note
from tests.factories import make_note, note_payload, note_request


async def test_create_note(client: AsyncClient, session: AsyncSession) -> None:
    payload = await note_request(session)
    response = await client.post("/api/v1/notes", json=payload)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["title"] == payload["title"]
    assert body["body"] == payload["body"]
    assert body["pinned"] == payload["pinned"]
    fetched = await client.get(f"/api/v1/notes/{body['id']}")
    assert fetched.status_code == 200
    assert fetched.json() == body


@pytest.mark.parametrize(
    ("value", "kind"), [("a\u0000b", "null_character"), ("a\ud800b", "string_unicode")]
)
async def test_create_note_refuses_text_the_database_cannot_store(
    client: AsyncClient, session: AsyncSession, value: str, kind: str
) -> None:
    # PostgreSQL не хранит NUL и одиночные суррогаты: 422 с полем, а не ошибка базы.
    payload = await note_request(session)
    payload["title"] = value
    # json.dumps пишет суррогат escape-последовательностью: httpx его не закодирует.
    body = json.dumps(payload)
    response = await client.post(
        "/api/v1/notes", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert (detail["field"], detail["type"]) == ("body.title", kind)


async def test_create_note_requires_fields(client: AsyncClient) -> None:
    response = await client.post("/api/v1/notes", json={})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    missing = {detail["field"] for detail in error["details"] if detail["type"] == "missing"}
    assert missing == {
        "body.title",
    }
    assert all(detail["message"] == "Обязательное поле не передано" for detail in error["details"])


async def test_create_note_rejects_unknown_field(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await note_request(session)
    payload["unexpected"] = 1
    response = await client.post("/api/v1/notes", json=payload)
    assert response.status_code == 422
    details = response.json()["error"]["details"]
    assert details == [
        {"field": "body.unexpected", "type": "extra_forbidden", "message": "Неизвестное поле"}
    ]


async def test_create_note_rejects_invalid_title_too_long(
    client: AsyncClient, session: AsyncSession
) -> None:
    payload = await note_request(session)
    payload["title"] = "x" * 201
    response = await client.post("/api/v1/notes", json=payload)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body.title"
    assert detail["type"] == "string_too_long"
    assert detail["message"] == "Длина строки должна быть не больше 200"


async def test_get_note(client: AsyncClient, session: AsyncSession) -> None:
    instance = await make_note(session)
    response = await client.get(f"/api/v1/notes/{instance.id}")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == instance.id
    expected = note_payload(0)
    assert body["title"] == expected["title"]
    assert body["body"] == expected["body"]
    assert body["pinned"] == expected["pinned"]


async def test_get_note_not_found(client: AsyncClient) -> None:
    response = await client.get("/api/v1/notes/999999999")
    assert response.status_code == 404
    assert response.json() == {
        "error": {"code": "not_found", "message": "Запись «Заметка» не найдена", "details": []}
    }


async def test_get_note_with_malformed_id(client: AsyncClient) -> None:
    response = await client.get("/api/v1/notes/not-an-id")
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "path.note_id"


async def test_note_method_not_allowed_lists_every_method(client: AsyncClient) -> None:
    # Методы записи объявлены разными маршрутами; Allow называет их все, а не первый.
    response = await client.put("/api/v1/notes/999999999")
    assert response.status_code == 405
    assert response.headers["allow"] == "DELETE, GET, PATCH"


async def test_list_notes_pages(client: AsyncClient, session: AsyncSession) -> None:
    created = [await make_note(session, n) for n in range(3)]
    expected = [item.id for item in created]
    seen: list[Any] = []
    for offset in (0, 2):
        response = await client.get("/api/v1/notes", params={"limit": 2, "offset": offset})
        assert response.status_code == 200, response.text
        page = response.json()
        assert page["total"] == 3
        assert page["offset"] == offset
        seen += [item["id"] for item in page["items"]]
    assert sorted(seen) == sorted(expected)
    assert len(seen) == 3


async def test_list_notes_rejects_bad_limit(client: AsyncClient) -> None:
    response = await client.get("/api/v1/notes", params={"limit": 101})
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "query.limit"
    assert detail["message"] == "Значение должно быть не больше 100"


@pytest.mark.parametrize("descending", [False, True])
async def test_list_notes_sorted_by_title(
    client: AsyncClient, session: AsyncSession, descending: bool
) -> None:
    # Значения убывают по мере вставки: сортировка по id дала бы обратный порядок.
    for n in reversed(range(3)):
        await make_note(session, n)
    sort = "-title" if descending else "title"
    # Страница по умолчанию может быть меньше трёх записей: идём по страницам до пустой.
    keys: list[Any] = []
    while True:
        response = await client.get("/api/v1/notes", params={"sort": sort, "offset": len(keys)})
        assert response.status_code == 200, response.text
        items = response.json()["items"]
        if not items:
            break
        keys += [str(item["title"]) for item in items]
    assert len(keys) == 3
    assert keys == sorted(keys, reverse=descending)


async def test_list_notes_filtered_by_pinned(client: AsyncClient, session: AsyncSession) -> None:
    rows = [await make_note(session, n) for n in range(3)]
    wanted = rows[0].pinned
    response = await client.get("/api/v1/notes", params={"pinned": str(wanted).lower()})
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    expected = {str(row.id) for row in rows if row.pinned == wanted}
    assert {str(item["id"]) for item in items} == expected


async def test_update_note(client: AsyncClient, session: AsyncSession) -> None:
    instance = await make_note(session, 0)
    updated_before = instance.updated_at
    changes = note_payload(1)
    response = await client.patch(f"/api/v1/notes/{instance.id}", json=changes)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["title"] == changes["title"]
    assert body["body"] == changes["body"]
    assert body["pinned"] == changes["pinned"]
    assert datetime.fromisoformat(body["updated_at"]) > updated_before


async def test_update_note_changes_only_given_fields(
    client: AsyncClient, session: AsyncSession
) -> None:
    instance = await make_note(session, 0)
    original = note_payload(0)
    changes = {"title": note_payload(1)["title"]}
    response = await client.patch(f"/api/v1/notes/{instance.id}", json=changes)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["title"] == changes["title"]
    assert body["body"] == original["body"]
    assert body["pinned"] == original["pinned"]


async def test_update_note_rejects_null(client: AsyncClient, session: AsyncSession) -> None:
    instance = await make_note(session)
    response = await client.patch(f"/api/v1/notes/{instance.id}", json={"title": None})
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail == {
        "field": "body.title",
        "type": "not_null",
        "message": "Значение не может быть null",
    }


async def test_update_note_not_found(client: AsyncClient) -> None:
    response = await client.patch("/api/v1/notes/999999999", json={})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


async def test_delete_note(client: AsyncClient, session: AsyncSession) -> None:
    key = (await make_note(session)).id
    response = await client.delete(f"/api/v1/notes/{key}")
    assert response.status_code == 204
    assert response.content == b""
    assert (await client.delete(f"/api/v1/notes/{key}")).status_code == 404
    session.expire_all()
    assert await session.get(Note, key) is None
