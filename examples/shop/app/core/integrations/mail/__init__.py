"""Почта: письма по шаблонам Jinja (текст и HTML), отправка с повторами; письма входа."""

from app.core.integrations.mail.auth import AuthMails, AuthMailsDep, get_auth_mails
from app.core.integrations.mail.base import Mailer, MailerDep, RenderedMail, get_mailer

__all__ = [
    "AuthMails",
    "AuthMailsDep",
    "Mailer",
    "MailerDep",
    "RenderedMail",
    "get_auth_mails",
    "get_mailer",
]
