"""Регистрация, подтверждение адреса и сброс пароля: от запроса до письма и входа.
Письма принимает настоящий SMTP-сервер (aiosmtpd).
"""

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.v1.users import User
from tests.auth.conftest import Mailbox, bearer_of, sign_in
from tests.conftest import FrozenClock
from tests.factories import PASSWORD, make_user

REGISTER = "/api/v1/auth/register"
LOGIN = "/api/v1/auth/login"


async def test_registration_then_login_end_to_end(
    anonymous: AsyncClient, session: AsyncSession, mailbox: Mailbox
) -> None:
    payload = {"email": "Olga@Example.com", "password": PASSWORD, "full_name": "Ольга"}
    response = await anonymous.post(REGISTER, json=payload)
    assert response.status_code == 202, response.text
    assert "подтверждения" in response.json()["message"]
    early = await anonymous.post(LOGIN, json={"email": "olga@example.com", "password": PASSWORD})
    assert early.status_code == 401
    assert early.json()["error"]["code"] == "invalid_credentials"
    mail = await mailbox.one("olga@example.com", "verify_email")
    assert "Ольга" in mail.text
    confirmed = await anonymous.post("/api/v1/auth/verify-email", json={"token": mail.token})
    assert confirmed.status_code == 204, confirmed.text
    again = await anonymous.post("/api/v1/auth/verify-email", json={"token": mail.token})
    assert again.status_code == 400
    assert again.json()["error"]["code"] == "invalid_link"
    body = await sign_in(anonymous, "olga@example.com")
    profile = (await anonymous.get("/api/v1/profile", headers=bearer_of(body))).json()
    assert profile["email"] == "olga@example.com"
    assert profile["full_name"] == "Ольга"
    assert profile["role"] == "user"
    assert profile["is_verified"] is True


async def test_registering_a_taken_address_looks_the_same(
    anonymous: AsyncClient, session: AsyncSession, mailbox: Mailbox
) -> None:
    await make_user(session, email="olga@example.com")
    fresh = await anonymous.post(REGISTER, json={"email": "new@example.com", "password": PASSWORD})
    taken = await anonymous.post(
        REGISTER, json={"email": "OLGA@example.com", "password": "another-pass-123"}
    )
    assert taken.status_code == fresh.status_code == 202
    assert taken.json() == fresh.json()
    await mailbox.one("olga@example.com", "account_exists")
    count = await session.scalar(
        select(func.count()).select_from(User).where(User.email == "olga@example.com")
    )
    assert count == 1
    # Пароль существующей учётной записи не изменился.
    await sign_in(anonymous, "olga@example.com")


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short-1", "не короче 10 символов"),
        ("a" * 40 + "я" * 20, "не больше 72 байт"),
        ("aaaaabbbbb", "не меньше 5 разных символов"),
        ("qwertyuiop", "легко угадать"),
        ("1234567890", "легко угадать"),
        ("my-olga-password", "не должен содержать имя из адреса почты"),
    ],
)
async def test_weak_password_is_rejected(
    anonymous: AsyncClient, password: str, reason: str
) -> None:
    response = await anonymous.post(
        REGISTER, json={"email": "olga@example.com", "password": password}
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    [detail] = error["details"]
    assert detail["field"] == "body.password"
    assert detail["type"] == "weak_password"
    assert reason in detail["message"]


async def test_invalid_email_is_rejected(anonymous: AsyncClient) -> None:
    response = await anonymous.post(REGISTER, json={"email": "not-an-email", "password": PASSWORD})
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "body.email"


async def test_resend_replaces_the_verification_link(
    anonymous: AsyncClient, mailbox: Mailbox
) -> None:
    await anonymous.post(REGISTER, json={"email": "olga@example.com", "password": PASSWORD})
    first = await mailbox.one("olga@example.com", "verify_email")
    resent = await anonymous.post(
        "/api/v1/auth/verify-email/resend", json={"email": "olga@example.com"}
    )
    assert resent.status_code == 202
    mails = [m for m in await mailbox.sent("olga@example.com") if m.kind == "verify_email"]
    assert len(mails) == 2
    old = await anonymous.post("/api/v1/auth/verify-email", json={"token": first.token})
    assert old.status_code == 400
    new = await anonymous.post("/api/v1/auth/verify-email", json={"token": mails[1].token})
    assert new.status_code == 204


async def test_resend_to_an_unknown_address_looks_the_same(
    anonymous: AsyncClient, mailbox: Mailbox
) -> None:
    response = await anonymous.post(
        "/api/v1/auth/verify-email/resend", json={"email": "nobody@example.com"}
    )
    assert response.status_code == 202
    assert await mailbox.sent() == []


async def test_password_reset_end_to_end(
    anonymous: AsyncClient, session: AsyncSession, mailbox: Mailbox
) -> None:
    await make_user(session, email="olga@example.com")
    before = await sign_in(anonymous, "olga@example.com")
    requested = await anonymous.post(
        "/api/v1/auth/password-reset", json={"email": "olga@example.com"}
    )
    unknown = await anonymous.post(
        "/api/v1/auth/password-reset", json={"email": "nobody@example.com"}
    )
    assert requested.status_code == unknown.status_code == 202
    assert requested.json() == unknown.json()
    mail = await mailbox.one("olga@example.com", "reset_password")
    assert await mailbox.sent("nobody@example.com") == []
    confirm = "/api/v1/auth/password-reset/confirm"
    weak = await anonymous.post(confirm, json={"token": mail.token, "new_password": "short"})
    assert weak.status_code == 422
    assert weak.json()["error"]["details"][0]["field"] == "body.new_password"
    done = await anonymous.post(
        confirm, json={"token": mail.token, "new_password": "fresh-horse-battery-4"}
    )
    assert done.status_code == 204, done.text
    reused = await anonymous.post(
        confirm, json={"token": mail.token, "new_password": "other-horse-battery-5"}
    )
    assert reused.status_code == 400
    assert reused.json()["error"]["code"] == "invalid_link"
    await mailbox.one("olga@example.com", "password_changed")
    old_password = await anonymous.post(
        LOGIN, json={"email": "olga@example.com", "password": PASSWORD}
    )
    assert old_password.status_code == 401
    assert (await anonymous.get("/api/v1/profile", headers=bearer_of(before))).status_code == 401
    await sign_in(anonymous, "olga@example.com", "fresh-horse-battery-4")


async def test_reset_link_expires(
    app: FastAPI,
    anonymous: AsyncClient,
    session: AsyncSession,
    mailbox: Mailbox,
    clock: FrozenClock,
) -> None:
    await make_user(session, email="olga@example.com")
    requested = await anonymous.post(
        "/api/v1/auth/password-reset", json={"email": "olga@example.com"}
    )
    assert requested.status_code == 202
    mail = await mailbox.one("olga@example.com", "reset_password")
    clock.advance(app.state.settings.auth.reset_ttl)
    expired = await anonymous.post(
        "/api/v1/auth/password-reset/confirm",
        json={"token": mail.token, "new_password": "fresh-horse-battery-4"},
    )
    assert expired.status_code == 400
    assert expired.json()["error"]["code"] == "invalid_link"


async def test_unknown_reset_token_is_rejected(anonymous: AsyncClient) -> None:
    response = await anonymous.post(
        "/api/v1/auth/password-reset/confirm",
        json={"token": "made-up", "new_password": "fresh-horse-battery-4"},
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"] == (
        "Ссылка недействительна или устарела — запросите новое письмо"
    )
