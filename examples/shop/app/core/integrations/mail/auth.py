"""Письма входа: подтверждение адреса, сброс и смена пароля, повторная регистрация.

Письмо ставится в очередь после фиксации транзакции и уходит в фоновой задаче: запрос не
ждёт SMTP-сервер, а время ответа не зависит от того, отправлялось ли письмо (по нему
нельзя узнать, зарегистрирован ли адрес). Незавершённые письма дожидаются остановки
приложения. Письмо, которое не удалось отправить, пишется в журнал как ошибка; пользователь
может запросить его снова.
"""

import asyncio
from functools import partial
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.connections import after_commit
from app.core.exceptions.rate_limit import minutes_text
from app.core.integrations.mail.base import Mailer
from app.core.logging import get_logger
from app.core.settings import AuthSettings
from app.core.settings.settings import TOKEN_PLACEHOLDER

logger = get_logger(__name__)

MAX_PARALLEL_SENDS = 10
"""Сколько писем входа отправляется одновременно; остальные ждут очереди."""


def masked(address: str) -> str:
    """Скрывает адрес в журнале: ``a***@example.com`` (журнал не должен копить список адресов).

    Args:
        address: Адрес почты.
    """
    name, _, domain = address.partition("@")
    return f"{name[:1]}***@{domain}"


class AuthMails:
    """Письма входа, отправляемые в фоне после фиксации транзакции."""

    def __init__(self, mailer: Mailer, settings: AuthSettings) -> None:
        """Связывает письма с отправителем и адресами ссылок.

        Args:
            mailer: Отправитель писем по шаблонам.
            settings: Настройки входа: адреса ссылок и сроки их действия.
        """
        self.mailer = mailer
        self.settings = settings
        self._tasks: set[asyncio.Task[None]] = set()
        self._slots = asyncio.Semaphore(MAX_PARALLEL_SENDS)

    def verify_email(self, session: AsyncSession, to: str, name: str | None, token: str) -> None:
        """Отправит ссылку подтверждения адреса после фиксации транзакции.

        Args:
            session: Сессия, в которой создан токен.
            to: Адрес получателя.
            name: Имя пользователя, если он его указал.
            token: Токен подтверждения (в базе хранится только его хеш).
        """
        link = self.settings.verify_url.replace(TOKEN_PLACEHOLDER, token)
        valid_for = minutes_text(self.settings.verification_ttl)
        self._later(session, "verify_email", to, name=name, link=link, valid_for=valid_for)

    def reset_password(self, session: AsyncSession, to: str, name: str | None, token: str) -> None:
        """Отправит ссылку сброса пароля после фиксации транзакции.

        Args:
            session: Сессия, в которой создан токен.
            to: Адрес получателя.
            name: Имя пользователя, если он его указал.
            token: Токен сброса (в базе хранится только его хеш).
        """
        link = self.settings.reset_url.replace(TOKEN_PLACEHOLDER, token)
        valid_for = minutes_text(self.settings.reset_ttl)
        self._later(session, "reset_password", to, name=name, link=link, valid_for=valid_for)

    def account_exists(self, session: AsyncSession, to: str) -> None:
        """Сообщит владельцу адреса о попытке зарегистрироваться с ним ещё раз.

        Args:
            session: Сессия запроса регистрации.
            to: Адрес, уже занятый учётной записью.
        """
        self._later(session, "account_exists", to)

    def password_changed(self, session: AsyncSession, to: str, name: str | None) -> None:
        """Сообщит о смене пароля после фиксации транзакции.

        Args:
            session: Сессия, в которой изменён пароль.
            to: Адрес пользователя.
            name: Имя пользователя, если он его указал.
        """
        self._later(session, "password_changed", to, name=name)

    def _later(self, session: AsyncSession, template: str, to: str, **context: object) -> None:
        """Ставит письмо в очередь на момент после фиксации транзакции."""
        after_commit(session, partial(self._spawn, template, to, context))

    async def _spawn(self, template: str, to: str, context: dict[str, object]) -> None:
        """Запускает отправку в фоне и запоминает задачу до её завершения."""
        task = asyncio.create_task(self._send(template, to, context))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _send(self, template: str, to: str, context: dict[str, object]) -> None:
        """Отправляет письмо; сбой пишется в журнал и не поднимается."""
        try:
            async with self._slots:
                await self.mailer.send(template, to, **context)
        except Exception as error:
            logger.error(
                "Письмо входа не отправлено",
                template=template,
                to=masked(to),
                error=f"{type(error).__name__}: {error}",
            )

    async def drain(self) -> None:
        """Дожидается писем, которые ещё отправляются (при остановке приложения и в тестах)."""
        while self._tasks:
            pending = list(self._tasks)
            await asyncio.gather(*pending, return_exceptions=True)
            # Письма, поставленные в очередь, пока ждали эти, дожидаются на следующем круге.
            self._tasks.difference_update(pending)


async def get_auth_mails(request: Request) -> AuthMails:
    """Возвращает письма входа приложения.

    Args:
        request: Текущий запрос; письма создаются при запуске приложения.
    """
    mails: AuthMails = request.app.state.auth_mails
    return mails


AuthMailsDep = Annotated[AuthMails, Depends(get_auth_mails)]
"""Письма входа, отправляемые после фиксации транзакции."""
