"""Состояние входа в базе данных: сессии и счётчики неудачных входов.

Источник истины — таблицы, а не Redis: перезапуск Redis не завершает сессии и не снимает
блокировки.
"""

from datetime import datetime
from uuid import UUID

from sqlalchemy import DateTime, ForeignKey, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column

from app.models.v1.base import Base


class AuthSession(Base):
    """Сессия входа: семейство refresh-токенов одного входа.

    ``refresh_jti`` — идентификатор последнего выданного refresh-токена. Предъявление
    более старого токена этой сессии означает его кражу: сессия отзывается целиком. Одно
    исключение — повтор только что заменённого токена (``previous_jti``) в течение короткого
    окна после замены (``rotated_at``): так два запроса обновления из двух вкладок приходят
    почти одновременно, и второй получает ту же пару, что и первый. Пара восстанавливается
    по идентификаторам токенов (``access_jti``, ``refresh_jti``) и моменту выдачи — сами
    токены не хранятся.
    """

    __tablename__ = "auth_sessions"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    user_id: Mapped[UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    refresh_jti: Mapped[UUID]
    previous_jti: Mapped[UUID | None]
    access_jti: Mapped[UUID | None]
    rotated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class LoginFailure(Base):
    """Неудачные попытки входа по одному адресу почты (ключ — хеш адреса).

    Счётчик живёт до ``window_ends_at``; достигнув порога, он блокирует вход по адресу до
    ``locked_until``. Адреса без учётной записи считаются так же, поэтому блокировка не
    выдаёт, зарегистрирован ли адрес.
    """

    __tablename__ = "login_failures"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    window_ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
