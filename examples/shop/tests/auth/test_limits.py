"""Лимиты входа и регистрации, блокировка после неудачных входов: ответ и восстановление.

Окна и блокировки длиной в минуты: за время теста настоящее время их не пересечёт. Часы
приложения стоят, и восстановление проверяется переводом часов, а не ожиданием.
"""

from collections.abc import AsyncIterator, Callable

import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.security import Authenticator, LoginThrottle
from tests.auth.conftest import bearer_of, sign_in
from tests.conftest import FrozenClock
from tests.factories import PASSWORD, make_user

LOGIN = "/api/v1/auth/login"

Clients = Callable[[str], AsyncClient]


@pytest.fixture
async def from_address(app: FastAPI) -> AsyncIterator[Clients]:
    """Клиенты, чьи запросы приходят с заданного IP-адреса."""
    opened: list[AsyncClient] = []

    def make(address: str) -> AsyncClient:
        transport = ASGITransport(app=app, client=(address, 40000))
        client = AsyncClient(transport=transport, base_url="http://test")
        opened.append(client)
        return client

    yield make
    for client in opened:
        await client.aclose()


@pytest.fixture
def two_per_minute(app: FastAPI, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch) -> None:
    """Лимит входов — две попытки в минуту на IP и на адрес."""
    auth: Authenticator = app.state.auth
    settings = auth.settings.model_copy(
        update={"auth": auth.settings.auth.model_copy(update={"login_rate_limit": "2/minute"})}
    )
    throttle = LoginThrottle(settings, app.state.cache, clock=clock)
    monkeypatch.setattr(auth, "throttle", throttle)


async def attempt(client: AsyncClient, email: str, password: str = "wrong-password-1") -> int:
    """Пытается войти и возвращает статус ответа."""
    response = await client.post(LOGIN, json={"email": email, "password": password})
    return response.status_code


@pytest.mark.usefixtures("two_per_minute")
async def test_logins_from_one_address_are_limited_and_recover(
    from_address: Clients, clock: FrozenClock
) -> None:
    client = from_address("10.0.0.1")
    assert await attempt(client, "a@example.com") == 401
    assert await attempt(client, "b@example.com") == 401
    response = await client.post(LOGIN, json={"email": "c@example.com", "password": "x" * 12})
    assert response.status_code == 429
    error = response.json()["error"]
    assert error["code"] == "too_many_requests"
    assert error["message"] == "Слишком много запросов — повторите через 1 мин"
    assert response.headers["Retry-After"] == "60"
    # Другой адрес не ограничен.
    assert await attempt(from_address("10.0.0.2"), "d@example.com") == 401
    # Отказ не продлевает окно: через 45 с ждать остаётся 15 с, а через 60 с вход проходит.
    clock.advance(45)
    waiting = await client.post(LOGIN, json={"email": "c@example.com", "password": "x" * 12})
    assert waiting.status_code == 429
    assert waiting.headers["Retry-After"] == "15"
    assert waiting.json()["error"]["message"] == "Слишком много запросов — повторите через 15 с"
    clock.advance(15)
    assert await attempt(client, "c@example.com") == 401


@pytest.mark.usefixtures("two_per_minute")
async def test_logins_to_one_account_are_limited_from_any_address(
    from_address: Clients, clock: FrozenClock
) -> None:
    assert await attempt(from_address("10.0.1.1"), "target@example.com") == 401
    clock.advance(30)
    assert await attempt(from_address("10.0.1.2"), "target@example.com") == 401
    limited = await from_address("10.0.1.3").post(
        LOGIN, json={"email": "Target@Example.com", "password": "wrong-password-1"}
    )
    assert limited.status_code == 429
    # Окно скользящее: первая попытка выходит из него через 30 с, вторая — через 60 с.
    assert limited.headers["Retry-After"] == "30"
    clock.advance(30)
    assert await attempt(from_address("10.0.1.4"), "target@example.com") == 401
    assert await attempt(from_address("10.0.1.5"), "target@example.com") == 429


@pytest.mark.usefixtures("two_per_minute")
async def test_password_confirmations_are_limited(
    anonymous: AsyncClient, session: AsyncSession
) -> None:
    await make_user(session, email="anna@example.com")
    headers = bearer_of(await sign_in(anonymous, "anna@example.com"))
    guess = {"current_password": "wrong-guess-1", "new_password": "new-horse-battery-7"}
    statuses = [
        (await anonymous.post("/api/v1/profile/password", json=guess, headers=headers)).status_code
        for _ in range(3)
    ]
    assert statuses == [403, 403, 429]


@pytest.mark.usefixtures("two_per_minute")
async def test_registrations_are_limited(from_address: Clients) -> None:
    client = from_address("10.0.2.1")
    for number in range(2):
        response = await client.post(
            "/api/v1/auth/register",
            json={"email": f"new{number}@example.com", "password": PASSWORD},
        )
        assert response.status_code == 202
    response = await client.post(
        "/api/v1/auth/register", json={"email": "new2@example.com", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "too_many_requests"


@pytest.fixture
def lock_after_three(app: FastAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    """Блокировка на 10 минут после трёх неудачных входов за 10 минут."""
    auth: Authenticator = app.state.auth
    changed = auth.settings.auth.model_copy(update={"lockout_attempts": 3, "lockout_seconds": 600})
    monkeypatch.setattr(auth, "settings", auth.settings.model_copy(update={"auth": changed}))


@pytest.mark.usefixtures("lock_after_three")
async def test_lockout_after_failed_logins_and_recovery(
    anonymous: AsyncClient, session: AsyncSession, clock: FrozenClock
) -> None:
    await make_user(session, email="anna@example.com")
    assert await attempt(anonymous, "anna@example.com") == 401
    assert await attempt(anonymous, "anna@example.com") == 401
    third = await anonymous.post(
        LOGIN, json={"email": "anna@example.com", "password": "nope-nope-1"}
    )
    assert third.status_code == 429
    assert third.json()["error"] == {
        "code": "account_locked",
        "message": "Слишком много неудачных попыток входа — вход временно заблокирован, "
        "повторите через 10 мин",
        "details": [],
    }
    assert third.headers["Retry-After"] == "600"
    # Во время блокировки не проходит и верный пароль — до последней секунды.
    clock.advance(599)
    locked = await anonymous.post(LOGIN, json={"email": "anna@example.com", "password": PASSWORD})
    assert locked.status_code == 429
    assert locked.json()["error"]["code"] == "account_locked"
    assert locked.json()["error"]["message"].endswith("повторите через 1 с")
    assert locked.headers["Retry-After"] == "1"
    clock.advance(1)
    assert await attempt(anonymous, "anna@example.com", PASSWORD) == 200


@pytest.mark.usefixtures("lock_after_three")
async def test_failures_count_within_the_lockout_window(
    anonymous: AsyncClient, session: AsyncSession, clock: FrozenClock
) -> None:
    # Окно подсчёта начинается с первой неудачи и не продлевается следующими.
    await make_user(session, email="anna@example.com")
    assert await attempt(anonymous, "anna@example.com") == 401
    clock.advance(300)
    assert await attempt(anonymous, "anna@example.com") == 401
    clock.advance(300)
    statuses = [await attempt(anonymous, "anna@example.com") for _ in range(3)]
    assert statuses == [401, 401, 429]


@pytest.mark.usefixtures("lock_after_three")
async def test_password_confirmations_count_towards_the_lockout(
    anonymous: AsyncClient, session: AsyncSession
) -> None:
    # Украденный токен не даёт подбирать пароль в обход блокировки входа.
    await make_user(session, email="anna@example.com")
    headers = bearer_of(await sign_in(anonymous, "anna@example.com"))
    guess = {"current_password": "wrong-guess-1", "new_password": "new-horse-battery-7"}
    statuses = [
        (await anonymous.post("/api/v1/profile/password", json=guess, headers=headers)).status_code
        for _ in range(3)
    ]
    assert statuses == [403, 403, 429]
    assert await attempt(anonymous, "anna@example.com", PASSWORD) == 429


@pytest.mark.usefixtures("lock_after_three")
async def test_unknown_address_is_locked_the_same_way(anonymous: AsyncClient) -> None:
    statuses = [await attempt(anonymous, "nobody@example.com") for _ in range(4)]
    assert statuses == [401, 401, 429, 429]


@pytest.mark.usefixtures("lock_after_three")
async def test_successful_login_resets_the_failures(
    anonymous: AsyncClient, session: AsyncSession
) -> None:
    await make_user(session, email="anna@example.com")
    for _ in range(2):
        assert await attempt(anonymous, "anna@example.com") == 401
    assert await attempt(anonymous, "anna@example.com", PASSWORD) == 200
    for _ in range(2):
        assert await attempt(anonymous, "anna@example.com") == 401
    assert await attempt(anonymous, "anna@example.com", PASSWORD) == 200
