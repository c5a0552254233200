"""Менеджер данных одноразовых токенов из писем: выдача и однократное использование."""

import hashlib
import secrets
from datetime import timedelta
from uuid import UUID

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.clock import Clock
from app.models.v1.enums import TokenPurpose
from app.models.v1.user_tokens import UserToken
from app.services.v1.base import BaseDataManager

TOKEN_BYTES = 32
"""Случайных байт в токене из письма (256 бит)."""


def token_hash(token: str) -> str:
    """Возвращает хеш SHA-256 токена — под ним токен хранится в базе.

    Args:
        token: Токен из письма.
    """
    return hashlib.sha256(token.encode()).hexdigest()


class UserTokenDataManager(BaseDataManager[UserToken]):
    """Запросы к таблице ``user_tokens``."""

    def __init__(self, session: AsyncSession, *, clock: Clock) -> None:
        """Связывает менеджер с сессией запроса.

        Args:
            session: Сессия текущего запроса.
            clock: Часы приложения: срок действия токенов.
        """
        super().__init__(session, UserToken)
        self.clock = clock

    async def issue(self, user_id: UUID, purpose: TokenPurpose, ttl: int) -> str:
        """Выдаёт новый токен; прежние токены того же назначения перестают действовать.

        Args:
            user_id: Пользователь.
            purpose: Назначение токена.
            ttl: Срок действия, с.

        Returns:
            Токен для ссылки в письме (в базе остаётся только его хеш).
        """
        await self.session.execute(
            delete(UserToken).where(UserToken.user_id == user_id, UserToken.purpose == purpose)
        )
        token = secrets.token_urlsafe(TOKEN_BYTES)
        expires_at = self.clock.now() + timedelta(seconds=ttl)
        await self.add(
            UserToken(id=token_hash(token), user_id=user_id, purpose=purpose, expires_at=expires_at)
        )
        return token

    async def consume(self, token: str, purpose: TokenPurpose) -> UUID | None:
        """Использует токен: удаляет его и возвращает пользователя, если токен действует.

        Args:
            token: Токен из письма.
            purpose: Ожидаемое назначение.

        Returns:
            Пользователь токена или ``None``, если токен неизвестен, устарел или другого
            назначения.
        """
        result = await self.session.execute(
            delete(UserToken)
            .where(
                UserToken.id == token_hash(token),
                UserToken.purpose == purpose,
                UserToken.expires_at > self.clock.now(),
            )
            .returning(UserToken.user_id)
        )
        return result.scalar_one_or_none()
