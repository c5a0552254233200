"""Матрица доступа домена «payments»: операции × роли, анонимный запрос, чужие записи.

Ожидаемые ответы выведены из ``permissions`` спецификации: «admin» может всё,
роль из списка — операцию над всеми записями, ``owner`` — только над своими (чужая запись
для него не существует: 404), остальные роли получают 403, анонимный запрос — 401.
"""

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.conftest import Actor, Login
from tests.factories import make_address, make_payment, payment_payload, payment_request


async def payment_url(session: AsyncSession, login: Login, caller: Actor, row: str) -> str:
    """Адрес записи «Платёж», над которой выполняется операция: своей (``own``) или чужой."""
    owner = caller if row == "own" else await login("user")
    instance = await make_payment(session, 0, owner_id=owner.user_id)
    return f"/api/v1/payments/{instance.id}"


@pytest.mark.parametrize(
    ("actor", "row", "status", "code", "scope"),
    [
        pytest.param("anonymous", "none", 401, "not_authenticated", None, id="anonymous-none-401"),
        pytest.param("admin", "none", 200, None, "all", id="admin-none-200"),
        pytest.param("manager", "none", 200, None, "own", id="manager-none-200"),
        pytest.param("user", "none", 200, None, "own", id="user-none-200"),
    ],
)
async def test_list_payment_access(
    anonymous: AsyncClient,
    session: AsyncSession,
    login: Login,
    actor: str,
    row: str,
    status: int,
    code: str | None,
    scope: str | None,
) -> None:
    caller = await login(actor)
    other = await login("user")
    mine = await make_payment(session, 0, owner_id=caller.user.id) if caller.user else None
    theirs = await make_payment(session, 1, owner_id=other.user_id)
    response = await anonymous.get("/api/v1/payments", headers=caller.headers)
    assert response.status_code == status, response.text
    if code is not None:
        assert response.json()["error"]["code"] == code
    if scope is not None:
        seen = {str(item["id"]) for item in response.json()["items"]}
        expected = {str(theirs.id)} if scope == "all" else set()
        if mine is not None:
            expected.add(str(mine.id))
        assert seen == expected


@pytest.mark.parametrize(
    ("actor", "row", "status", "code"),
    [
        pytest.param("anonymous", "other", 401, "not_authenticated", id="anonymous-other-401"),
        pytest.param("admin", "own", 200, None, id="admin-own-200"),
        pytest.param("admin", "other", 200, None, id="admin-other-200"),
        pytest.param("manager", "own", 200, None, id="manager-own-200"),
        pytest.param("manager", "other", 404, "not_found", id="manager-other-404"),
        pytest.param("user", "own", 200, None, id="user-own-200"),
        pytest.param("user", "other", 404, "not_found", id="user-other-404"),
    ],
)
async def test_get_payment_access(
    anonymous: AsyncClient,
    session: AsyncSession,
    login: Login,
    actor: str,
    row: str,
    status: int,
    code: str | None,
) -> None:
    caller = await login(actor)
    url = await payment_url(session, login, caller, row)
    response = await anonymous.get(url, headers=caller.headers)
    assert response.status_code == status, response.text
    if code is not None:
        assert response.json()["error"]["code"] == code


@pytest.mark.parametrize(
    ("actor", "row", "status", "code"),
    [
        pytest.param("anonymous", "none", 401, "not_authenticated", id="anonymous-none-401"),
        pytest.param("admin", "none", 201, None, id="admin-none-201"),
        pytest.param("manager", "none", 403, "forbidden", id="manager-none-403"),
        pytest.param("user", "none", 201, None, id="user-none-201"),
    ],
)
async def test_create_payment_access(
    anonymous: AsyncClient,
    session: AsyncSession,
    login: Login,
    actor: str,
    row: str,
    status: int,
    code: str | None,
) -> None:
    caller = await login(actor)
    payload = await payment_request(session, 1, owner_id=caller.user.id if caller.user else None)
    response = await anonymous.post("/api/v1/payments", json=payload, headers=caller.headers)
    assert response.status_code == status, response.text
    if code is not None:
        assert response.json()["error"]["code"] == code


@pytest.mark.parametrize(
    ("actor", "row", "status", "code"),
    [
        pytest.param("anonymous", "other", 401, "not_authenticated", id="anonymous-other-401"),
        pytest.param("admin", "own", 200, None, id="admin-own-200"),
        pytest.param("admin", "other", 200, None, id="admin-other-200"),
        pytest.param("manager", "own", 403, "forbidden", id="manager-own-403"),
        pytest.param("manager", "other", 403, "forbidden", id="manager-other-403"),
        pytest.param("user", "own", 403, "forbidden", id="user-own-403"),
        pytest.param("user", "other", 403, "forbidden", id="user-other-403"),
    ],
)
async def test_update_payment_access(
    anonymous: AsyncClient,
    session: AsyncSession,
    login: Login,
    actor: str,
    row: str,
    status: int,
    code: str | None,
) -> None:
    caller = await login(actor)
    url = await payment_url(session, login, caller, row)
    response = await anonymous.patch(url, json=payment_payload(1), headers=caller.headers)
    assert response.status_code == status, response.text
    if code is not None:
        assert response.json()["error"]["code"] == code


async def test_cached_payment_is_not_served_to_another_owner(
    anonymous: AsyncClient, session: AsyncSession, login: Login
) -> None:
    # Первое чтение кладёт запись в кэш; чужой пользователь не получает её и из кэша.
    owner = await login("user")
    stranger = await login("user")
    instance = await make_payment(session, 0, owner_id=owner.user_id)
    url = f"/api/v1/payments/{instance.id}"
    assert (await anonymous.get(url, headers=owner.headers)).status_code == 200
    response = await anonymous.get(url, headers=stranger.headers)
    assert response.status_code == 404


async def test_list_payments_ignores_an_owner_filter_for_own_rows_only(
    anonymous: AsyncClient, session: AsyncSession, login: Login
) -> None:
    caller = await login("user")
    other = await login("user")
    mine = await make_payment(session, 0, owner_id=caller.user_id)
    await make_payment(session, 1, owner_id=other.user_id)
    params = {"owner_id": str(other.user_id)}
    response = await anonymous.get("/api/v1/payments", params=params, headers=caller.headers)
    assert response.status_code == 200
    assert [str(item["id"]) for item in response.json()["items"]] == [str(mine.id)]


async def test_update_payment_keeps_address_within_the_owner(
    client: AsyncClient, session: AsyncSession, login: Login
) -> None:
    # Даже суперпользователь не свяжет запись одного владельца с записью другого.
    owner = await login("user")
    stranger = await login("user")
    instance = await make_payment(session, 0, owner_id=owner.user_id)
    foreign = await make_address(session, 2, owner_id=stranger.user_id)
    value = foreign.id
    response = await client.patch(f"/api/v1/payments/{instance.id}", json={"address_id": value})
    assert response.status_code == 409, response.text
    assert response.json()["error"]["code"] == "related_not_found"


async def test_payment_cannot_link_another_users_address(
    anonymous: AsyncClient, session: AsyncSession, login: Login
) -> None:
    caller = await login("user")
    stranger = await login("user")
    payload = await payment_request(session, 1, owner_id=caller.user_id)
    foreign = await make_address(session, 2, owner_id=stranger.user_id)
    payload["address_id"] = foreign.id
    response = await anonymous.post("/api/v1/payments", json=payload, headers=caller.headers)
    assert response.status_code == 409, response.text
    assert response.json()["error"]["code"] == "related_not_found"
    payload["address_id"] = (await make_address(session, 3, owner_id=caller.user_id)).id
    created = await anonymous.post("/api/v1/payments", json=payload, headers=caller.headers)
    assert created.status_code == 201, created.text
