"""Почта: письма по шаблонам Jinja (текст и HTML), отправка с повторами."""

from app.core.integrations.mail.base import Mailer, MailerDep, RenderedMail, get_mailer

__all__ = ["Mailer", "MailerDep", "RenderedMail", "get_mailer"]
