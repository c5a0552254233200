"""Состояние входа в Redis: сессии (семейства refresh-токенов) и блокировки входа.

Сессия — хеш ``<префикс>:auth:session:<sid>`` с идентификатором последнего refresh-токена;
живёт столько же, сколько refresh-токен. Обновление — скрипт Lua: он атомарно сверяет
предъявленный токен с последним и либо заменяет его, либо (токен старый — значит,
украденный) удаляет сессию целиком. Неудачные входы считаются по ключу адреса почты в окне,
которое начинается с первой неудачи; достигнув порога, счётчик ставит блокировку на заданный
срок. Начало и конец окна и блокировки — моменты по часам приложения (мс Unix time); TTL ключей
в Redis только убирает их, когда они уже не нужны.

Недоступный Redis — ошибка 503: без состояния сессий вход нельзя ни проверить, ни выдать.
"""

import math
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from enum import StrEnum
from uuid import UUID

from redis.exceptions import RedisError

from app.core.clock import Clock, unix_ms
from app.core.connections import Cache
from app.core.exceptions import AuthUnavailableError

ROTATE = """
local current = redis.call('HGET', KEYS[1], 'jti')
if not current or redis.call('HGET', KEYS[1], 'user') ~= ARGV[4] then
  return 0
end
if current ~= ARGV[1] then
  redis.call('DEL', KEYS[1])
  return -1
end
redis.call('HSET', KEYS[1], 'jti', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1
"""
"""Заменяет refresh-токен сессии пользователя; повтор старого токена удаляет сессию (1, 0, −1)."""

RECORD_FAILURE = """
local failures = 1
local ends = tonumber(redis.call('HGET', KEYS[1], 'ends'))
if ends and ends > tonumber(ARGV[1]) then
  failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
else
  redis.call('HSET', KEYS[1], 'failures', 1, 'ends', ARGV[3])
  redis.call('EXPIRE', KEYS[1], ARGV[4])
end
if failures >= tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], ARGV[3], 'EX', ARGV[4])
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
"""
"""Считает неудачный вход (ARGV: сейчас, порог, конец окна в мс, срок в с); 1 — блокировка."""


class Rotation(StrEnum):
    """Чем закончилась попытка обновить refresh-токен."""

    rotated = "rotated"
    """Предъявлен последний токен сессии: выдан новый."""
    reused = "reused"
    """Предъявлен старый токен: он украден или повторён, сессия отозвана."""
    unknown = "unknown"
    """Сессии нет: она истекла или отозвана раньше."""


_ROTATIONS = {1: Rotation.rotated, 0: Rotation.unknown, -1: Rotation.reused}

REDIS_ERRORS = (RedisError, OSError, TimeoutError)
"""Ошибки, при которых Redis считается недоступным."""


@asynccontextmanager
async def _available() -> AsyncIterator[None]:
    """Превращает недоступность Redis в ошибку 503."""
    try:
        yield
    except REDIS_ERRORS as error:
        raise AuthUnavailableError from error


class AuthState:
    """Сессии входа и блокировки в Redis."""

    def __init__(self, cache: Cache, *, clock: Clock) -> None:
        """Связывает состояние с подключением к Redis.

        Args:
            cache: Подключение к Redis с префиксом ключей приложения.
            clock: Часы приложения: окно неудачных входов и срок блокировки.
        """
        self.clock = clock
        self.client = cache.client
        self.prefix = f"{cache.prefix}:auth"
        self._rotate = self.client.register_script(ROTATE)
        self._record_failure = self.client.register_script(RECORD_FAILURE)

    def _session(self, session_id: UUID) -> str:
        """Ключ сессии."""
        return f"{self.prefix}:session:{session_id}"

    async def start_session(
        self, session_id: UUID, user_id: UUID, refresh_jti: UUID, ttl: int
    ) -> None:
        """Открывает сессию входа.

        Args:
            session_id: Идентификатор новой сессии.
            user_id: Пользователь.
            refresh_jti: Идентификатор первого refresh-токена.
            ttl: Срок жизни сессии, с.

        Raises:
            AuthUnavailableError: Redis недоступен.
        """
        key = self._session(session_id)
        async with _available(), self.client.pipeline(transaction=True) as pipe:
            pipe.hset(key, mapping={"user": str(user_id), "jti": str(refresh_jti)})
            pipe.expire(key, ttl)
            await pipe.execute()

    async def rotate(
        self, session_id: UUID, user_id: UUID, presented: UUID, replacement: UUID, ttl: int
    ) -> Rotation:
        """Заменяет refresh-токен сессии, если предъявлен последний выданный.

        Args:
            session_id: Сессия из токена.
            user_id: Пользователь из токена: сессия должна быть его.
            presented: Идентификатор предъявленного refresh-токена.
            replacement: Идентификатор нового refresh-токена.
            ttl: Новый срок жизни сессии, с.

        Returns:
            ``rotated`` — токен заменён; ``reused`` — токен старый, сессия отозвана;
            ``unknown`` — сессии этого пользователя нет (истекла или отозвана).

        Raises:
            AuthUnavailableError: Redis недоступен.
        """
        keys = [self._session(session_id)]
        args: list[str | int] = [str(presented), str(replacement), ttl, str(user_id)]
        async with _available():
            result = await self._rotate(keys=keys, args=args)
        return _ROTATIONS[int(result)]

    async def is_active(self, session_id: UUID, user_id: UUID) -> bool:
        """Сообщает, открыта ли сессия и принадлежит ли она пользователю из токена.

        Args:
            session_id: Сессия из токена.
            user_id: Пользователь из токена.

        Raises:
            AuthUnavailableError: Redis недоступен.
        """
        async with _available():
            owner = await self.client.hget(self._session(session_id), "user")
        return owner == str(user_id)

    async def revoke(self, session_id: UUID) -> None:
        """Завершает сессию: её токены больше не принимаются.

        Args:
            session_id: Сессия из токена.

        Raises:
            AuthUnavailableError: Redis недоступен.
        """
        async with _available():
            await self.client.delete(self._session(session_id))

    async def locked_for(self, account: str) -> int:
        """Возвращает, сколько секунд ещё заблокирован вход по адресу (0 — не заблокирован).

        Args:
            account: Ключ адреса почты.

        Raises:
            AuthUnavailableError: Redis недоступен.
        """
        async with _available():
            until = await self.client.get(f"{self.prefix}:locked:{account}")
        if until is None:
            return 0
        return max(math.ceil((int(until) - unix_ms(self.clock.now())) / 1000), 0)

    async def record_failure(self, account: str, attempts: int, lock_seconds: int) -> int:
        """Считает неудачный вход; после ``attempts`` подряд блокирует вход.

        Args:
            account: Ключ адреса почты.
            attempts: Порог неудачных входов.
            lock_seconds: Срок блокировки и окно подсчёта, с.

        Returns:
            Срок наступившей блокировки, с; 0 — блокировки нет.

        Raises:
            AuthUnavailableError: Redis недоступен.
        """
        keys = [f"{self.prefix}:failures:{account}", f"{self.prefix}:locked:{account}"]
        now = unix_ms(self.clock.now())
        args = [now, attempts, now + lock_seconds * 1000, lock_seconds]
        async with _available():
            locked = await self._record_failure(keys=keys, args=args)
        return lock_seconds if int(locked) else 0

    async def clear_failures(self, account: str) -> None:
        """Сбрасывает счётчик неудачных входов после успешного.

        Args:
            account: Ключ адреса почты.

        Raises:
            AuthUnavailableError: Redis недоступен.
        """
        async with _available():
            await self.client.delete(f"{self.prefix}:failures:{account}")
