"""Фикстуры тестов входа: почтовый ящик писем входа и вход через API."""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient

from app.core.integrations.mail import AuthMails
from tests.factories import PASSWORD
from tests.servers import SmtpServer

KINDS = {
    "Подтвердите адрес почты": "verify_email",
    "Сброс пароля": "reset_password",
    "Попытка регистрации": "account_exists",
    "Пароль изменён": "password_changed",
}
"""Начало темы письма → его назначение."""


@dataclass(frozen=True)
class SentMail:
    """Письмо входа, которое ушло адресату.

    Attributes:
        to: Адрес получателя.
        kind: Назначение: verify_email, reset_password, account_exists, password_changed.
        text: Текст письма.
    """

    to: str
    kind: str
    text: str

    @property
    def token(self) -> str:
        """Токен из ссылки в письме."""
        found = re.search(r"token=([A-Za-z0-9_-]+)", self.text)
        assert found is not None, self.text
        return found[1]


class Mailbox:
    """Письма входа, отправленные во время теста."""

    def __init__(self, mails: AuthMails, read: Callable[[], list[SentMail]]) -> None:
        self.mails = mails
        self.read = read

    async def sent(self, to: str | None = None) -> list[SentMail]:
        """Дожидается фоновой отправки и возвращает письма (по желанию — одному адресату)."""
        await self.mails.drain()
        return [mail for mail in self.read() if to is None or mail.to == to]

    async def one(self, to: str, kind: str) -> SentMail:
        """Единственное письмо данного назначения данному адресату."""
        found = [mail for mail in await self.sent(to) if mail.kind == kind]
        assert len(found) == 1, await self.sent()
        return found[0]


def _parsed(content: bytes) -> SentMail:
    message = message_from_bytes(content, policy=policy.default)
    assert isinstance(message, EmailMessage)
    subject = str(message["Subject"])
    kind = next(kind for start, kind in KINDS.items() if subject.startswith(start))
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    return SentMail(to=str(message["To"]), kind=kind, text=body.get_content())


@pytest.fixture
def mailbox(app: FastAPI, smtp_server: SmtpServer) -> Iterator[Mailbox]:
    """Письма, принятые настоящим SMTP-сервером (aiosmtpd) за время теста."""
    smtp_server.received.clear()
    yield Mailbox(
        app.state.auth_mails,
        lambda: [_parsed(received.content) for received in smtp_server.received],
    )
    smtp_server.received.clear()


async def sign_in(
    client: AsyncClient,
    email: str,
    password: str = PASSWORD,
    **extra: Any,  # noqa: ANN401
) -> dict[str, Any]:
    """Входит через API и возвращает тело ответа; вход обязан пройти."""
    response = await client.post(
        "/api/v1/auth/login", json={"email": email, "password": password, **extra}
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def bearer_of(session: dict[str, Any]) -> dict[str, str]:
    """Заголовок ``Authorization`` с access-токеном из ответа входа."""
    return {"Authorization": f"Bearer {session['access_token']}"}
