"""Аутентификация поверх открытых подключений: состояние сессий, лимиты входа и письма."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.core.clock import Clock
from app.core.integrations.mail import AuthMails, Mailer
from app.core.security import Authenticator, AuthState, LoginThrottle
from app.core.settings import Settings


@asynccontextmanager
async def open_auth(app: FastAPI, settings: Settings) -> AsyncIterator[Authenticator]:
    """Собирает аутентификацию приложения; при остановке дожидается неотправленных писем.

    Args:
        app: Приложение с часами и уже открытыми подключениями к базе и Redis и SMTP.
        settings: Настройки приложения.

    Yields:
        Объект аутентификации (он же — ``app.state.auth``).
    """
    clock: Clock = app.state.clock
    # Сессии и блокировки — в базе: перезапуск Redis их не теряет.
    state = AuthState(app.state.database, clock=clock)
    throttle = LoginThrottle(settings, app.state.cache, clock=clock)
    app.state.auth = Authenticator(settings, state, throttle, clock=clock)
    mails = AuthMails(Mailer(app.state.mail, settings.title), settings.auth)
    app.state.auth_mails = mails
    try:
        yield app.state.auth
    finally:
        await mails.drain()
