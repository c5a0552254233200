"""Состояние входа в PostgreSQL: сессии и блокировки входа.

База — источник истины для сессий и блокировок, а не Redis: Redis часто работает как
кэш без сохранения на диск, и его перезапуск не должен ни завершать сессии всех
пользователей, ни снимать блокировки. В Redis остаются только счётчики лимита частоты.
Проверка access-токена не добавляет запросов: сессия читается тем же запросом, что и
пользователь (:meth:`AuthState.signed_in`), а пользователя всё равно приходится читать при
каждом запросе, чтобы смена роли действовала сразу.

Каждая запись идёт в собственной короткой транзакции, а не в транзакции запроса: отзыв
сессии при повторе refresh-токена и подсчёт неудачного входа должны сохраниться, даже
когда сам запрос завершается ошибкой и его транзакция откатывается.

Время берётся из часов приложения, а не из ``now()`` сервера базы: сроки сессий
и блокировок считаются по тем же часам, что и сроки токенов.
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from uuid import UUID

from sqlalchemy import and_, case, delete, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.clock import Clock
from app.core.connections import Database
from app.models.v1.auth_sessions import AuthSession, LoginFailure
from app.models.v1.users import User


class Rotation(StrEnum):
    """Чем закончилась попытка обновить refresh-токен."""

    rotated = "rotated"
    """Предъявлен последний токен сессии: выдана новая пара."""
    repeated = "repeated"
    """Предъявлен только что заменённый токен в окне повтора: снова выдана та же пара."""
    reused = "reused"
    """Предъявлен старый токен: он украден или повторён, сессия отозвана."""
    unknown = "unknown"
    """Сессии нет: она истекла или отозвана раньше."""


@dataclass(frozen=True)
class PairStamp:
    """Всё, из чего пара токенов подписывается заново такой же: идентификаторы и момент.

    Attributes:
        access_jti: Идентификатор access-токена.
        refresh_jti: Идентификатор refresh-токена.
        issued_at: Момент выдачи пары.
    """

    access_jti: UUID
    refresh_jti: UUID
    issued_at: datetime


@dataclass(frozen=True)
class Refresh:
    """Итог обновления: что произошло и какую пару выдать.

    Attributes:
        outcome: Чем закончилось обновление.
        pair: Пара, которую нужно выдать (``rotated`` — новая, ``repeated`` — выданная
            раньше); ``None`` — пары нет, сессия не продолжается.
    """

    outcome: Rotation
    pair: PairStamp | None = None


class AuthState:
    """Сессии входа и блокировки в таблицах PostgreSQL."""

    def __init__(self, database: Database, *, clock: Clock) -> None:
        """Связывает состояние с базой данных.

        Args:
            database: Подключение к PostgreSQL; записи идут в отдельных транзакциях.
            clock: Часы приложения: сроки сессий и блокировок.
        """
        self.database = database
        self.clock = clock

    async def start_session(
        self, session_id: UUID, user_id: UUID, refresh_jti: UUID, ttl: int
    ) -> None:
        """Открывает сессию входа и удаляет истёкшие сессии пользователя.

        Args:
            session_id: Идентификатор новой сессии.
            user_id: Пользователь.
            refresh_jti: Идентификатор первого refresh-токена.
            ttl: Срок жизни сессии, с.
        """
        now = self.clock.now()
        async with self.database.unit_of_work() as session:
            await session.execute(
                delete(AuthSession).where(
                    AuthSession.user_id == user_id, AuthSession.expires_at < now
                )
            )
            session.add(
                AuthSession(
                    id=session_id,
                    user_id=user_id,
                    refresh_jti=refresh_jti,
                    expires_at=now + timedelta(seconds=ttl),
                )
            )

    async def rotate(
        self,
        session_id: UUID,
        user_id: UUID,
        presented: UUID,
        replacement: PairStamp,
        *,
        ttl: int,
        grace: float,
    ) -> Refresh:
        """Заменяет refresh-токен сессии, если предъявлен последний выданный.

        Токен, который заменён последним, в течение ``grace`` секунд после замены (не
        включая конец окна) получает
        ту же пару, что выдана при замене: так второй из двух почти одновременных запросов
        (две вкладки браузера, повтор после обрыва связи) не завершает сессию. Более старый
        токен или тот же токен позже окна — кража: сессия отзывается.

        Args:
            session_id: Сессия из токена.
            user_id: Пользователь из токена: сессия должна быть его.
            presented: Идентификатор предъявленного refresh-токена.
            replacement: Новая пара (момент её выдачи — «сейчас» для сроков).
            ttl: Новый срок жизни сессии, с.
            grace: Окно повтора заменённого токена, с; 0 — повтор всегда отзывает сессию.

        Returns:
            ``rotated`` с новой парой; ``repeated`` с парой, выданной при замене;
            ``reused`` — сессия отозвана; ``unknown`` — сессии этого пользователя нет
            (истекла или отозвана).
        """
        now = replacement.issued_at
        async with self.database.unit_of_work() as session:
            # Блокировка строки: два одновременных обновления одним токеном идут по очереди,
            # и второе видит уже заменённый токен — и пару, выданную вместо него.
            found = await session.scalar(
                select(AuthSession)
                .where(
                    AuthSession.id == session_id,
                    AuthSession.user_id == user_id,
                    AuthSession.revoked_at.is_(None),
                    AuthSession.expires_at > now,
                )
                .with_for_update()
            )
            if found is None:
                return Refresh(Rotation.unknown)
            if found.refresh_jti == presented:
                found.previous_jti = presented
                found.refresh_jti = replacement.refresh_jti
                found.access_jti = replacement.access_jti
                found.rotated_at = now
                found.expires_at = now + timedelta(seconds=ttl)
                return Refresh(Rotation.rotated, replacement)
            issued = _repeatable(found, presented, now, grace)
            if issued is not None:
                return Refresh(Rotation.repeated, issued)
            found.revoked_at = now
            return Refresh(Rotation.reused)

    async def signed_in(
        self, session: AsyncSession, user_id: UUID, session_id: UUID
    ) -> tuple[User | None, bool]:
        """Читает пользователя из токена и сообщает, открыта ли его сессия, — одним запросом.

        Args:
            session: Сессия базы данных текущего запроса: пользователь загружается в неё.
            user_id: Пользователь из токена.
            session_id: Сессия входа из токена.

        Returns:
            Пользователь (``None`` — его нет) и открыта ли сессия входа этого пользователя.
        """
        open_session = and_(
            AuthSession.id == session_id,
            AuthSession.user_id == User.id,
            AuthSession.revoked_at.is_(None),
            AuthSession.expires_at > self.clock.now(),
        )
        row = (
            await session.execute(
                select(User, AuthSession.id)
                .outerjoin(AuthSession, open_session)
                .where(User.id == user_id)
            )
        ).first()
        if row is None:
            return None, False
        return row[0], row[1] is not None

    async def revoke(self, session_id: UUID) -> None:
        """Завершает сессию: её токены больше не принимаются.

        Args:
            session_id: Сессия из токена.
        """
        async with self.database.unit_of_work() as session:
            await session.execute(
                update(AuthSession)
                .where(AuthSession.id == session_id, AuthSession.revoked_at.is_(None))
                .values(revoked_at=self.clock.now())
            )

    async def locked_for(self, account: str) -> int:
        """Возвращает, сколько секунд ещё заблокирован вход по адресу (0 — не заблокирован).

        Args:
            account: Ключ адреса почты.
        """
        async with self.database.sessionmaker() as session:
            until = await session.scalar(
                select(LoginFailure.locked_until).where(LoginFailure.key == account)
            )
        if until is None:
            return 0
        return max(math.ceil((until - self.clock.now()) / timedelta(seconds=1)), 0)

    async def record_failure(self, account: str, attempts: int, lock_seconds: int) -> int:
        """Считает неудачный вход; после ``attempts`` подряд блокирует вход.

        Args:
            account: Ключ адреса почты.
            attempts: Порог неудачных входов.
            lock_seconds: Срок блокировки и окно подсчёта, с.

        Returns:
            Срок наступившей блокировки, с; 0 — блокировки нет.
        """
        now = self.clock.now()
        window = now + timedelta(seconds=lock_seconds)
        expired = LoginFailure.window_ends_at <= now
        statement = (
            insert(LoginFailure)
            .values(key=account, failures=1, window_ends_at=window)
            .on_conflict_do_update(
                index_elements=[LoginFailure.key],
                set_={
                    # Окно подсчёта начинается с первой неудачи и не продлевается следующими.
                    "failures": case((expired, 1), else_=LoginFailure.failures + 1),
                    "window_ends_at": case((expired, window), else_=LoginFailure.window_ends_at),
                },
            )
        )
        async with self.database.unit_of_work() as session:
            failures = await session.scalar(statement.returning(LoginFailure.failures))
            if failures is None or failures < attempts:
                return 0
            await session.execute(
                update(LoginFailure)
                .where(LoginFailure.key == account)
                .values(failures=0, window_ends_at=now, locked_until=window)
            )
        return lock_seconds

    async def clear_failures(self, account: str) -> None:
        """Сбрасывает счётчик неудачных входов после успешного.

        Args:
            account: Ключ адреса почты.
        """
        async with self.database.unit_of_work() as session:
            await session.execute(delete(LoginFailure).where(LoginFailure.key == account))


def _repeatable(
    found: AuthSession, presented: UUID, now: datetime, grace: float
) -> PairStamp | None:
    """Пара, выданная при последней замене, если предъявлен заменённый токен в окне повтора."""
    if (
        found.previous_jti != presented
        or found.access_jti is None
        or found.rotated_at is None
        or now - found.rotated_at >= timedelta(seconds=grace)
    ):
        return None
    return PairStamp(found.access_jti, found.refresh_jti, found.rotated_at)
