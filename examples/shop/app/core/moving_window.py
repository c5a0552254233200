"""Скользящее окно: не больше N событий по одному ключу за любые T секунд подряд.

Для каждого ключа хранятся моменты последних N засчитанных событий по часам приложения
(:mod:`app.core.clock`). Новое событие засчитывается, если самое старое из них уже вышло из
окна; иначе ограничитель отвечает, через сколько секунд оно выйдет, — это ``Retry-After``.
Отказ не засчитывается: клиент, который подождал указанное время, проходит. Лимит задаётся
строкой библиотеки ``limits``: ``100/minute``, ``5/second``.

Моменты лежат в Redis, в списке ``<префикс>:<пространство>:<ключ>`` (новые в начале), и общие
для всех процессов. Проверку и запись делает один скрипт Lua — атомарно; ключ удаляется через
окно после последнего события. Моменты приходят из часов приложения, а не из часов Redis.
"""

import math

from limits import RateLimitItem

from app.core.clock import Clock, unix_ms
from app.core.connections import Cache

HIT = """
local oldest = redis.call('LINDEX', KEYS[1], tonumber(ARGV[2]) - 1)
if oldest and tonumber(oldest) > tonumber(ARGV[1]) - tonumber(ARGV[3]) * 1000 then
  return oldest
end
redis.call('LPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
redis.call('EXPIRE', KEYS[1], ARGV[3])
return false
"""
"""Засчитывает событие (ARGV: сейчас в мс, лимит, окно в с) или возвращает самое старое из N."""


def retry_after(oldest: int, now: int, window: int) -> int:
    """Возвращает, через сколько целых секунд (не меньше одной) событие выйдет из окна.

    Args:
        oldest: Момент самого старого из последних N событий, мс.
        now: Текущий момент, мс.
        window: Длина окна, с.
    """
    return max(1, math.ceil((oldest + window * 1000 - now) / 1000))


class RedisMovingWindow:
    """Скользящее окно со счётчиками в Redis."""

    def __init__(self, cache: Cache, limit: RateLimitItem, namespace: str, *, clock: Clock) -> None:
        """Связывает окно с Redis.

        Args:
            cache: Подключение к Redis с префиксом ключей приложения.
            limit: Лимит: сколько событий за какое окно.
            namespace: Пространство ключей этого лимита.
            clock: Часы приложения.
        """
        self.limit = limit
        self.clock = clock
        self.prefix = f"{cache.prefix}:{namespace}"
        self._hit = cache.client.register_script(HIT)

    async def hit(self, *key: str) -> int:
        """Засчитывает событие по ключу, если лимит не исчерпан.

        Args:
            *key: Части ключа, например действие и IP-адрес.

        Returns:
            0 — событие засчитано; иначе — через сколько секунд его можно повторить.

        Raises:
            redis.exceptions.RedisError: Redis недоступен.
        """
        now = unix_ms(self.clock.now())
        window = self.limit.get_expiry()
        name = ":".join((self.prefix, *key))
        oldest = await self._hit(keys=[name], args=[now, self.limit.amount, window])
        if oldest is None:
            return 0
        return retry_after(int(oldest), now, window)
