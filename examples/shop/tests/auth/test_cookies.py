"""Cookie входа: флаги, CSRF-защита изменяющих запросов, обновление и выход через cookie."""

from collections.abc import AsyncIterator
from http.cookies import SimpleCookie
from uuid import uuid4

import pytest
from fastapi import FastAPI, Response
from httpx import ASGITransport, AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.security import (
    ACCESS_COOKIE,
    CSRF_COOKIE,
    CSRF_HEADER,
    REFRESH_COOKIE,
    REFRESH_PATH,
    Authenticator,
    TokenCodec,
    TokenType,
    set_session_cookies,
)
from app.core.settings import Settings
from tests.auth.conftest import sign_in
from tests.conftest import FrozenClock
from tests.factories import make_user


def set_cookies(headers: list[str]) -> dict[str, SimpleCookie]:
    """Разбирает заголовки Set-Cookie: имя cookie → её атрибуты."""
    parsed: dict[str, SimpleCookie] = {}
    for header in headers:
        cookie: SimpleCookie = SimpleCookie()
        cookie.load(header)
        for name in cookie:
            parsed[name] = cookie
    return parsed


@pytest.fixture
async def browser(app: FastAPI) -> AsyncIterator[AsyncClient]:
    """Отдельный клиент со своим хранилищем cookie, как у браузера."""
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as http:
        yield http


async def cookie_login(browser: AsyncClient, session: AsyncSession) -> str:
    """Входит с токенами в cookie и возвращает CSRF-токен."""
    user = await make_user(session)
    body = await sign_in(browser, user.email, transport="cookie")
    assert body["token_type"] == "cookie"
    assert body["access_token"] is None
    assert body["refresh_token"] is None
    csrf: str = body["csrf_token"]
    assert browser.cookies[CSRF_COOKIE] == csrf
    return csrf


async def test_cookie_login_sets_the_flags(
    anonymous: AsyncClient, session: AsyncSession, settings: Settings
) -> None:
    user = await make_user(session)
    response = await anonymous.post(
        "/api/v1/auth/login",
        json={"email": user.email, "password": "correct-horse-battery-9", "transport": "cookie"},
    )
    assert response.status_code == 200
    cookies = set_cookies(response.headers.get_list("set-cookie"))
    access = cookies[ACCESS_COOKIE][ACCESS_COOKIE]
    refresh = cookies[REFRESH_COOKIE][REFRESH_COOKIE]
    csrf = cookies[CSRF_COOKIE][CSRF_COOKIE]
    assert access["httponly"] is True
    assert access["path"] == "/"
    assert access["samesite"].lower() == "lax"
    assert access["max-age"] == str(settings.auth.access_token_ttl)
    assert refresh["httponly"] is True
    assert refresh["path"] == REFRESH_PATH
    assert refresh["max-age"] == str(settings.auth.refresh_token_ttl)
    assert not csrf["httponly"]
    # В dev (тесты) cookie идут и по HTTP: флага Secure нет.
    assert not access["secure"]


@pytest.mark.parametrize("environment", ["staging", "prod"])
def test_cookies_are_secure_outside_dev(
    settings: Settings, environment: str, clock: FrozenClock
) -> None:
    outside = settings.model_copy(update={"environment": environment})
    response = Response()
    tokens = TokenCodec(outside, clock=clock)
    session_id = uuid4()
    set_session_cookies(
        response,
        outside,
        access=tokens.issue(TokenType.access, uuid4(), session_id, 0),
        refresh=tokens.issue(TokenType.refresh, uuid4(), session_id, 0),
        csrf_token=tokens.csrf_token(session_id),
    )
    cookies = set_cookies(response.headers.getlist("set-cookie"))
    for name in (ACCESS_COOKIE, REFRESH_COOKIE, CSRF_COOKIE):
        assert cookies[name][name]["secure"] is True


async def test_cookie_request_works_without_csrf_when_it_changes_nothing(
    browser: AsyncClient, session: AsyncSession
) -> None:
    await cookie_login(browser, session)
    response = await browser.get("/api/v1/profile")
    assert response.status_code == 200


async def test_cookie_post_without_csrf_token_is_rejected(
    browser: AsyncClient, session: AsyncSession
) -> None:
    csrf = await cookie_login(browser, session)
    missing = await browser.patch("/api/v1/profile", json={"full_name": "Анна"})
    assert missing.status_code == 403
    assert missing.json()["error"]["code"] == "csrf_failed"
    wrong = await browser.patch(
        "/api/v1/profile", json={"full_name": "Анна"}, headers={CSRF_HEADER: csrf[::-1]}
    )
    assert wrong.status_code == 403
    right = await browser.patch(
        "/api/v1/profile", json={"full_name": "Анна"}, headers={CSRF_HEADER: csrf}
    )
    assert right.status_code == 200, right.text
    assert right.json()["full_name"] == "Анна"


async def test_cookie_delete_without_csrf_token_is_rejected(
    browser: AsyncClient, session: AsyncSession
) -> None:
    await cookie_login(browser, session)
    response = await browser.request(
        "DELETE", "/api/v1/profile", json={"password": "correct-horse-battery-9"}
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "csrf_failed"
    assert (await browser.get("/api/v1/profile")).status_code == 200


async def test_csrf_token_of_another_session_is_rejected(
    app: FastAPI, browser: AsyncClient, session: AsyncSession
) -> None:
    await cookie_login(browser, session)
    auth: Authenticator = app.state.auth
    foreign = auth.tokens.csrf_token(uuid4())
    response = await browser.post("/api/v1/auth/logout", headers={CSRF_HEADER: foreign})
    assert response.status_code == 403


async def test_bearer_requests_need_no_csrf_token(
    anonymous: AsyncClient, session: AsyncSession
) -> None:
    user = await make_user(session)
    body = await sign_in(anonymous, user.email)
    response = await anonymous.patch(
        "/api/v1/profile",
        json={"full_name": "Анна"},
        headers={"Authorization": f"Bearer {body['access_token']}"},
    )
    assert response.status_code == 200


async def test_refresh_and_logout_through_cookies(
    browser: AsyncClient, session: AsyncSession
) -> None:
    csrf = await cookie_login(browser, session)
    old_access = browser.cookies[ACCESS_COOKIE]
    without = await browser.post("/api/v1/auth/refresh")
    assert without.status_code == 403
    refreshed = await browser.post("/api/v1/auth/refresh", headers={CSRF_HEADER: csrf})
    assert refreshed.status_code == 200, refreshed.text
    assert refreshed.json()["token_type"] == "cookie"
    assert browser.cookies[ACCESS_COOKIE] != old_access
    # У сессии тот же CSRF-токен: он выведен из её идентификатора.
    assert refreshed.json()["csrf_token"] == csrf
    out = await browser.post("/api/v1/auth/logout", headers={CSRF_HEADER: csrf})
    assert out.status_code == 204
    cleared = set_cookies(out.headers.get_list("set-cookie"))
    assert cleared[ACCESS_COOKIE][ACCESS_COOKIE]["max-age"] == "0"
    assert cleared[REFRESH_COOKIE][REFRESH_COOKIE]["path"] == REFRESH_PATH
    assert (await browser.get("/api/v1/profile")).status_code == 401
