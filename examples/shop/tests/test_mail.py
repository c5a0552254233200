"""Тесты почты: письма по шаблонам доходят до настоящего SMTP-сервера (aiosmtpd на 127.0.0.1)."""

from collections.abc import Callable, Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtplib import (
    SMTPAuthenticationError,
    SMTPConnectError,
    SMTPDataError,
    SMTPRecipientRefused,
    SMTPRecipientsRefused,
    SMTPResponseException,
    SMTPServerDisconnected,
    SMTPTimeoutError,
)
from fastapi import FastAPI
from jinja2 import ChoiceLoader, DictLoader, Environment, TemplateNotFound

from app.core.connections import Mail
from app.core.integrations.mail import Mailer
from app.core.integrations.mail.base import TEMPLATES, is_transient, template_environment
from tests.servers import ReceivedMail, SmtpServer

CHECK = {
    "check.subject.txt.j2": "Заказ {{ number }}\n  оформлен",
    "check.txt.j2": (
        '{% extends "layout.txt.j2" %}{% block content %}Здравствуйте, {{ name }}!\n'
        "Заказ {{ number }} оформлен.{% endblock %}"
    ),
    "check.html.j2": (
        '{% extends "layout.html.j2" %}{% block content %}<p>Здравствуйте, {{ name }}!</p>'
        "<p>Заказ {{ number }} оформлен.</p>{% endblock %}"
    ),
}
"""Письмо для проверки: наследует общие шаблоны проекта."""


@pytest.fixture
def mailer(app: FastAPI) -> Mailer:
    """Отправитель писем приложения с дополнительным шаблоном ``check``."""
    templates = template_environment()
    templates.loader = ChoiceLoader([DictLoader(CHECK), templates.loader or DictLoader({})])
    mail: Mail = app.state.mail
    return Mailer(mail, "Сервис проверки", templates)


@pytest.fixture
def smtp(smtp_server: SmtpServer) -> Iterator[SmtpServer]:
    """Тестовый SMTP-сервер без писем и заданных ошибок от прошлых тестов."""
    smtp_server.received.clear()
    smtp_server.handler.replies.clear()
    smtp_server.handler.attempts = 0
    yield smtp_server
    smtp_server.handler.replies.clear()


def parsed(received: ReceivedMail) -> EmailMessage:
    """Разбирает принятое письмо."""
    message = message_from_bytes(received.content, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def part(message: EmailMessage, subtype: str) -> str:
    """Текст части письма (``plain`` или ``html``)."""
    body = message.get_body(preferencelist=(subtype,))
    assert body is not None
    content: str = body.get_content()
    return content


async def test_mail_reaches_the_server_with_both_parts(mailer: Mailer, smtp: SmtpServer) -> None:
    await mailer.send("check", "Покупатель <buyer@example.com>", name="Анна <b>", number=42)
    [received] = smtp.received
    assert received.recipients == ["buyer@example.com"]
    message = parsed(received)
    assert message["Subject"] == "Заказ 42 оформлен"
    assert message["Message-ID"].endswith(".example>")
    text = part(message, "plain")
    assert "Здравствуйте, Анна <b>!" in text
    assert "Это письмо отправил сервис «Сервис проверки»" in text
    html = part(message, "html")
    assert "Здравствуйте, Анна &lt;b&gt;!" in html
    assert "<b>" not in html


async def test_temporary_refusals_are_retried(mailer: Mailer, smtp: SmtpServer) -> None:
    smtp.handler.replies += ["451 4.3.0 Попробуйте позже", "421 4.7.0 Сервер занят"]
    await mailer.send("check", "buyer@example.com", name="Анна", number=1)
    assert smtp.handler.attempts == 3
    assert len(smtp.received) == 1


async def test_permanent_refusal_is_not_retried(mailer: Mailer, smtp: SmtpServer) -> None:
    smtp.handler.replies.append("554 5.6.0 Письмо отклонено")
    with pytest.raises(SMTPDataError) as caught:
        await mailer.send("check", "buyer@example.com", name="Анна", number=1)
    assert caught.value.code == 554
    assert smtp.handler.attempts == 1
    assert smtp.received == []


async def test_attempts_are_bounded(mailer: Mailer, smtp: SmtpServer) -> None:
    smtp.handler.replies += ["451 4.3.0 Попробуйте позже"] * 10
    with pytest.raises(SMTPDataError):
        await mailer.send("check", "buyer@example.com", name="Анна", number=1)
    assert smtp.handler.attempts == mailer.settings.attempts


async def test_log_backend_writes_the_mail_to_the_log_instead(
    mailer: Mailer, smtp: SmtpServer, log_records: Callable[[], list[dict[str, Any]]]
) -> None:
    mailer.settings = mailer.settings.model_copy(update={"backend": "log"})
    message = await mailer.send("check", "buyer@example.com", name="Анна", number=7)
    assert message["Subject"] == "Заказ 7 оформлен"
    assert smtp.handler.attempts == 0
    lines = log_records()
    [logged] = [
        line for line in lines if line.get("event") == "Письмо записано в журнал вместо отправки"
    ]
    assert logged["to"] == "buyer@example.com"
    assert "Заказ 7 оформлен." in logged["text"]


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (SMTPConnectError("нет соединения"), True),
        (SMTPServerDisconnected("обрыв"), True),
        (SMTPTimeoutError("тайм-аут"), True),
        (TimeoutError(), True),
        (ConnectionRefusedError(), True),
        (SMTPResponseException(451, "попробуйте позже"), True),
        (SMTPResponseException(554, "отклонено"), False),
        (SMTPRecipientsRefused([SMTPRecipientRefused(451, "позже", "a@example.com")]), True),
        (SMTPRecipientsRefused([SMTPRecipientRefused(550, "нет ящика", "a@example.com")]), False),
        (SMTPAuthenticationError(535, "неверный пароль"), False),
        (ValueError("ошибка в коде"), False),
    ],
)
def test_only_temporary_failures_are_retried(error: BaseException, transient: bool) -> None:
    assert is_transient(error) is transient


def test_missing_template_is_an_error(mailer: Mailer) -> None:
    with pytest.raises(TemplateNotFound):
        mailer.render("nonexistent")


def test_project_templates_render() -> None:
    templates = template_environment()
    assert TEMPLATES.is_dir()
    page = templates.get_template("layout.html.j2").render(service="Сервис <b>")
    assert "«Сервис &lt;b&gt;»" in page
    assert isinstance(templates, Environment)
