"""Повтор refresh-токена: окно повтора для одновременных обновлений и отзыв сессии после него.

Две вкладки браузера обновляют токен одновременно одним и тем же refresh-токеном: одна
заменяет его, другая в окне ``AUTH__REFRESH_REUSE_GRACE`` получает ту же пару, и сессия
продолжается. Повтор позже окна или токена старше последней замены — кража: сессия
отзывается. Окно проверяется переводом часов приложения, а не ожиданием.
"""

import asyncio
import time
from typing import Any

import jwt
import pytest
from fastapi import FastAPI
from httpx import AsyncClient, Response
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.connections import Database
from app.core.security import Authenticator
from tests.auth.conftest import bearer_of, sign_in
from tests.conftest import FrozenClock
from tests.factories import make_user

REFRESH = "/api/v1/auth/refresh"
PROFILE = "/api/v1/profile"
WAIT = 10.0
"""Сколько секунд самое большее ждать, пока оба обновления упрутся в блокировку строки."""


async def refresh(anonymous: AsyncClient, token: str) -> Response:
    """Обменивает refresh-токен на пару токенов."""
    return await anonymous.post(REFRESH, json={"refresh_token": token})


async def assert_session_revoked(anonymous: AsyncClient, pair: dict[str, Any]) -> None:
    """Сессия пары отозвана: не проходят ни её refresh-токен, ни access-токен."""
    later = await refresh(anonymous, pair["refresh_token"])
    assert later.status_code == 401
    assert later.json()["error"]["code"] == "session_revoked"
    profile = await anonymous.get(PROFILE, headers=bearer_of(pair))
    assert profile.status_code == 401
    assert profile.json()["error"]["code"] == "session_revoked"


async def waiting_on_locks(database: Database) -> int:
    """Число запросов тестовой базы, которые ждут чужую блокировку."""
    async with database.engine.connect() as connection:
        count = await connection.scalar(
            text(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
        )
    return int(count or 0)


async def test_two_concurrent_refreshes_with_one_token_get_the_same_pair(
    app: FastAPI, anonymous: AsyncClient, session: AsyncSession
) -> None:
    await make_user(session, email="anna@example.com")
    first = await sign_in(anonymous, "anna@example.com")
    session_id = jwt.decode(first["access_token"], options={"verify_signature": False})["sid"]
    database: Database = app.state.database
    # Строка сессии заперта, пока оба обновления не дойдут до неё: они идут одновременно.
    async with database.engine.connect() as holder:
        await holder.execute(
            text("SELECT id FROM auth_sessions WHERE id = :sid FOR UPDATE"), {"sid": session_id}
        )
        tabs = [asyncio.create_task(refresh(anonymous, first["refresh_token"])) for _ in range(2)]
        deadline = time.monotonic() + WAIT
        while await waiting_on_locks(database) < len(tabs):
            assert time.monotonic() < deadline, "обновления не дошли до строки сессии"
            await asyncio.sleep(0.01)
        await holder.rollback()
    one, two = await asyncio.gather(*tabs)
    assert one.status_code == 200, one.text
    assert two.status_code == 200, two.text
    # Та же пара, а не две разные: вторая вкладка не выбивает первую.
    assert one.json() == two.json()
    pair = one.json()
    assert pair["refresh_token"] != first["refresh_token"]
    assert (await anonymous.get(PROFILE, headers=bearer_of(pair))).status_code == 200
    assert (await refresh(anonymous, pair["refresh_token"])).status_code == 200


async def test_a_repeat_within_the_grace_window_gets_the_same_pair_and_after_it_revokes(
    app: FastAPI, anonymous: AsyncClient, session: AsyncSession, clock: FrozenClock
) -> None:
    grace = app.state.settings.auth.refresh_reuse_grace
    await make_user(session, email="anna@example.com")
    first = await sign_in(anonymous, "anna@example.com")
    rotated = await refresh(anonymous, first["refresh_token"])
    assert rotated.status_code == 200, rotated.text
    pair = rotated.json()
    # Последняя секунда окна: та же пара, срок access-токена — сколько ему осталось.
    clock.advance(grace - 1)
    repeated = await refresh(anonymous, first["refresh_token"])
    assert repeated.status_code == 200, repeated.text
    assert repeated.json() == {**pair, "expires_in": pair["expires_in"] - int(grace - 1)}
    # Окно кончилось: повтор — кража.
    clock.advance(1)
    stolen = await refresh(anonymous, first["refresh_token"])
    assert stolen.status_code == 401
    assert stolen.json()["error"]["code"] == "token_reused"
    await assert_session_revoked(anonymous, pair)


async def test_a_token_older_than_the_last_rotation_revokes_even_within_the_window(
    anonymous: AsyncClient, session: AsyncSession
) -> None:
    await make_user(session, email="anna@example.com")
    first = await sign_in(anonymous, "anna@example.com")
    second = await refresh(anonymous, first["refresh_token"])
    third = await refresh(anonymous, second.json()["refresh_token"])
    assert third.status_code == 200, third.text
    stolen = await refresh(anonymous, first["refresh_token"])
    assert stolen.status_code == 401
    assert stolen.json()["error"]["code"] == "token_reused"
    await assert_session_revoked(anonymous, third.json())


async def test_without_a_grace_window_any_repeat_revokes(
    app: FastAPI, anonymous: AsyncClient, session: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    auth: Authenticator = app.state.auth
    strict = auth.settings.auth.model_copy(update={"refresh_reuse_grace": 0})
    monkeypatch.setattr(auth, "settings", auth.settings.model_copy(update={"auth": strict}))
    await make_user(session, email="anna@example.com")
    first = await sign_in(anonymous, "anna@example.com")
    rotated = await refresh(anonymous, first["refresh_token"])
    assert rotated.status_code == 200, rotated.text
    repeated = await refresh(anonymous, first["refresh_token"])
    assert repeated.status_code == 401
    assert repeated.json()["error"]["code"] == "token_reused"
    await assert_session_revoked(anonymous, rotated.json())
