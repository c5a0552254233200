"""Управление пользователями: только суперпользователь, и не над собой."""

from uuid import uuid4

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.v1.enums import Role
from app.models.v1.users import User
from tests.auth.conftest import bearer_of, sign_in
from tests.conftest import Login
from tests.factories import PASSWORD, make_user

USERS = "/api/v1/users"


async def test_superuser_lists_and_filters_users(
    client: AsyncClient, session: AsyncSession
) -> None:
    users = [await make_user(session, Role.user) for _ in range(2)]
    page = await client.get(USERS, params={"limit": 10, "sort": "email"})
    assert page.status_code == 200
    body = page.json()
    assert body["total"] == 3
    emails = [item["email"] for item in body["items"]]
    assert emails == sorted(emails)
    assert "password_hash" not in body["items"][0]
    only = await client.get(USERS, params={"role": "user"})
    assert {item["id"] for item in only.json()["items"]} == {str(user.id) for user in users}


async def test_manager_cannot_manage_users(anonymous: AsyncClient, login: Login) -> None:
    caller = await login("manager")
    response = await anonymous.get(USERS, headers=caller.headers)
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "Недостаточно прав для этой операции"


async def test_user_cannot_manage_users(anonymous: AsyncClient, login: Login) -> None:
    caller = await login("user")
    response = await anonymous.get(USERS, headers=caller.headers)
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "Недостаточно прав для этой операции"


async def test_anonymous_cannot_manage_users(anonymous: AsyncClient) -> None:
    response = await anonymous.get(USERS)
    assert response.status_code == 401


async def test_get_user_and_missing_user(client: AsyncClient, session: AsyncSession) -> None:
    user = await make_user(session)
    found = await client.get(f"{USERS}/{user.id}")
    assert found.status_code == 200
    assert found.json()["email"] == user.email
    missing = await client.get(f"{USERS}/{uuid4()}")
    assert missing.status_code == 404
    assert missing.json()["error"]["message"] == "Пользователь не найден"


async def test_role_change_applies_on_the_next_request(
    client: AsyncClient, anonymous: AsyncClient, session: AsyncSession
) -> None:
    user = await make_user(session)
    headers = bearer_of(await sign_in(anonymous, user.email))
    assert (await anonymous.get(USERS, headers=headers)).status_code == 403
    changed = await client.put(f"{USERS}/{user.id}/role", json={"role": "admin"})
    assert changed.status_code == 200
    assert changed.json()["role"] == "admin"
    assert (await anonymous.get(USERS, headers=headers)).status_code == 200


async def test_unknown_role_is_rejected(client: AsyncClient, session: AsyncSession) -> None:
    user = await make_user(session)
    response = await client.put(f"{USERS}/{user.id}/role", json={"role": "no such role"})
    assert response.status_code == 422


async def test_deactivation_ends_sessions_and_blocks_login(
    client: AsyncClient, anonymous: AsyncClient, session: AsyncSession
) -> None:
    user = await make_user(session)
    headers = bearer_of(await sign_in(anonymous, user.email))
    deactivated = await client.post(f"{USERS}/{user.id}/deactivate")
    assert deactivated.status_code == 200
    assert deactivated.json()["is_active"] is False
    assert (await anonymous.get("/api/v1/profile", headers=headers)).status_code == 401
    login = await anonymous.post(
        "/api/v1/auth/login", json={"email": user.email, "password": PASSWORD}
    )
    assert login.status_code == 403
    activated = await client.post(f"{USERS}/{user.id}/activate")
    assert activated.json()["is_active"] is True
    await sign_in(anonymous, user.email)


@pytest.mark.parametrize("action", ["deactivate", "role"])
async def test_superuser_cannot_demote_or_disable_itself(
    client: AsyncClient, admin: User, action: str
) -> None:
    if action == "role":
        response = await client.put(f"{USERS}/{admin.id}/role", json={"role": "user"})
    else:
        response = await client.post(f"{USERS}/{admin.id}/deactivate")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "own_account"
