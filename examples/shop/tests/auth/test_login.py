"""Вход, обновление токенов с ротацией, выход и время активности."""

from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.security import PasswordHasher
from app.models.v1.enums import Role
from app.models.v1.users import User
from tests.auth.conftest import bearer_of, sign_in
from tests.conftest import FrozenClock
from tests.factories import PASSWORD, make_user

LOGIN = "/api/v1/auth/login"
REFRESH = "/api/v1/auth/refresh"


async def test_login_returns_working_tokens(
    anonymous: AsyncClient, session: AsyncSession, app: FastAPI
) -> None:
    user = await make_user(session, email="anna@example.com")
    body = await sign_in(anonymous, "Anna@Example.com")
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == app.state.settings.auth.access_token_ttl
    assert body["csrf_token"] is None
    profile = await anonymous.get("/api/v1/profile", headers=bearer_of(body))
    assert profile.status_code == 200
    assert profile.json()["id"] == str(user.id)
    assert profile.json()["role"] == "user"


async def test_wrong_password_and_unknown_email_look_the_same(
    anonymous: AsyncClient, session: AsyncSession
) -> None:
    await make_user(session, email="anna@example.com")
    wrong = await anonymous.post(LOGIN, json={"email": "anna@example.com", "password": "x" * 12})
    unknown = await anonymous.post(
        LOGIN, json={"email": "nobody@example.com", "password": PASSWORD}
    )
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert wrong.json()["error"] == {
        "code": "invalid_credentials",
        "message": "Неверный адрес почты или пароль, либо адрес ещё не подтверждён — "
        "проверьте письмо со ссылкой",
        "details": [],
    }


async def test_password_longer_than_bcrypt_allows_is_a_plain_failure(
    anonymous: AsyncClient, session: AsyncSession
) -> None:
    await make_user(session, email="anna@example.com")
    response = await anonymous.post(
        LOGIN, json={"email": "anna@example.com", "password": PASSWORD + "я" * 60}
    )
    assert response.status_code == 401


async def test_deactivated_user_cannot_log_in(
    anonymous: AsyncClient, session: AsyncSession
) -> None:
    await make_user(session, email="anna@example.com", is_active=False)
    response = await anonymous.post(LOGIN, json={"email": "anna@example.com", "password": PASSWORD})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "account_disabled"


async def test_unverified_user_gets_the_same_answer_as_a_wrong_password(
    anonymous: AsyncClient, session: AsyncSession
) -> None:
    # Иначе: зарегистрировать чужой адрес со своим паролем, войти и по ответу узнать, был ли
    # адрес свободен.
    await make_user(session, email="anna@example.com", is_verified=False)
    right = await anonymous.post(LOGIN, json={"email": "anna@example.com", "password": PASSWORD})
    wrong = await anonymous.post(LOGIN, json={"email": "anna@example.com", "password": "x" * 12})
    assert right.status_code == wrong.status_code == 401
    assert right.json() == wrong.json()
    assert "не подтверждён" in right.json()["error"]["message"]


async def test_login_upgrades_a_hash_of_another_cost(
    anonymous: AsyncClient, session: AsyncSession
) -> None:
    old = await PasswordHasher(rounds=5).hash(PASSWORD)
    user = await make_user(session, email="anna@example.com", password_hash=old)
    await sign_in(anonymous, "anna@example.com")
    await session.refresh(user)
    assert user.password_hash.startswith("$2b$04$")
    await sign_in(anonymous, "anna@example.com")


async def test_refresh_rotates_and_a_reused_token_revokes_the_session(
    anonymous: AsyncClient, session: AsyncSession, app: FastAPI, clock: FrozenClock
) -> None:
    await make_user(session, email="anna@example.com")
    first = await sign_in(anonymous, "anna@example.com")
    second = await anonymous.post(REFRESH, json={"refresh_token": first["refresh_token"]})
    assert second.status_code == 200, second.text
    rotated = second.json()
    assert rotated["refresh_token"] != first["refresh_token"]
    assert (await anonymous.get("/api/v1/profile", headers=bearer_of(rotated))).status_code == 200
    # Повтор позже окна повтора — кража (повтор в окне проверяет tests/auth/test_refresh.py).
    clock.advance(app.state.settings.auth.refresh_reuse_grace + 1)
    reused = await anonymous.post(REFRESH, json={"refresh_token": first["refresh_token"]})
    assert reused.status_code == 401
    assert reused.json()["error"]["code"] == "token_reused"
    # Вся сессия отозвана: и новый refresh-токен, и access-токены этой сессии.
    later = await anonymous.post(REFRESH, json={"refresh_token": rotated["refresh_token"]})
    assert later.status_code == 401
    assert later.json()["error"]["code"] == "session_revoked"
    profile = await anonymous.get("/api/v1/profile", headers=bearer_of(rotated))
    assert profile.status_code == 401
    assert profile.json()["error"]["code"] == "session_revoked"


async def test_refresh_needs_a_token(anonymous: AsyncClient) -> None:
    response = await anonymous.post(REFRESH)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    assert response.headers["WWW-Authenticate"] == "Bearer"


async def test_refresh_of_a_deactivated_user_fails(
    anonymous: AsyncClient, session: AsyncSession
) -> None:
    user = await make_user(session, email="anna@example.com")
    body = await sign_in(anonymous, "anna@example.com")
    await session.execute(update(User).where(User.id == user.id).values(is_active=False))
    await session.commit()
    response = await anonymous.post(REFRESH, json={"refresh_token": body["refresh_token"]})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "session_revoked"


async def test_logout_ends_only_the_current_session(
    anonymous: AsyncClient, session: AsyncSession
) -> None:
    await make_user(session, email="anna@example.com")
    phone = await sign_in(anonymous, "anna@example.com")
    laptop = await sign_in(anonymous, "anna@example.com")
    response = await anonymous.post("/api/v1/auth/logout", headers=bearer_of(phone))
    assert response.status_code == 204
    after = await anonymous.get("/api/v1/profile", headers=bearer_of(phone))
    assert after.status_code == 401
    assert after.json()["error"]["code"] == "session_revoked"
    refresh = await anonymous.post(REFRESH, json={"refresh_token": phone["refresh_token"]})
    assert refresh.status_code == 401
    assert (await anonymous.get("/api/v1/profile", headers=bearer_of(laptop))).status_code == 200


async def test_logout_everywhere_ends_every_session(
    anonymous: AsyncClient, session: AsyncSession
) -> None:
    await make_user(session, email="anna@example.com")
    phone = await sign_in(anonymous, "anna@example.com")
    laptop = await sign_in(anonymous, "anna@example.com")
    response = await anonymous.post("/api/v1/auth/logout-all", headers=bearer_of(laptop))
    assert response.status_code == 204
    for tokens in (phone, laptop):
        profile = await anonymous.get("/api/v1/profile", headers=bearer_of(tokens))
        assert profile.status_code == 401
        refresh = await anonymous.post(REFRESH, json={"refresh_token": tokens["refresh_token"]})
        assert refresh.status_code == 401
    await sign_in(anonymous, "anna@example.com")


async def test_activity_is_written_at_most_once_a_minute(
    anonymous: AsyncClient, session: AsyncSession, clock: FrozenClock
) -> None:
    user = await make_user(session, role=Role.user, email="anna@example.com")
    headers = bearer_of(await sign_in(anonymous, "anna@example.com"))
    assert user.last_activity_at is None
    await anonymous.get("/api/v1/profile", headers=headers)
    await session.refresh(user)
    first = user.last_activity_at
    assert first == clock.now()
    updated = user.updated_at
    # Меньше чем через минуту время активности не переписывается.
    clock.advance(59)
    await anonymous.get("/api/v1/profile", headers=headers)
    await session.refresh(user)
    assert user.last_activity_at == first
    assert user.updated_at == updated
    # Прошла минута — время обновляется снова, а updated_at остаётся прежним.
    clock.advance(1)
    await anonymous.get("/api/v1/profile", headers=headers)
    await session.refresh(user)
    assert user.last_activity_at == clock.now()
    assert user.updated_at == updated
