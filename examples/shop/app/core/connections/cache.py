"""Подключение к Redis: асинхронный пул соединений redis-py.

После перезапуска Redis соединения пула оборваны. Команда на оборванном соединении
повторяется на новом (``CACHE__RETRIES`` раз с растущей паузой), а соединение, простоявшее
дольше ``CACHE__HEALTH_CHECK_INTERVAL`` секунд, перед работой проверяется PING: перезапуск
Redis не превращается в череду ответов 503.
"""

from redis.asyncio import ConnectionPool, Redis
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialWithJitterBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from app.core.settings import CacheSettings


class Cache:
    """Клиент Redis с общим пулом соединений.

    Attributes:
        client: Асинхронный клиент redis-py; ответы декодируются в строки.
        prefix: Префикс ключей приложения.
    """

    def __init__(self, settings: CacheSettings) -> None:
        """Создаёт пул; соединения открываются при первом запросе.

        Args:
            settings: Адрес Redis и размер пула.
        """
        self.pool: ConnectionPool = ConnectionPool.from_url(
            settings.url,
            max_connections=settings.max_connections,
            socket_timeout=settings.socket_timeout,
            socket_connect_timeout=settings.socket_timeout,
            health_check_interval=settings.health_check_interval,
            retry=Retry(
                ExponentialWithJitterBackoff(base=0.05, cap=1.0),
                settings.retries,
                supported_errors=(RedisConnectionError, RedisTimeoutError),
            ),
            decode_responses=True,
        )
        self.client: Redis = Redis(connection_pool=self.pool)
        self.prefix = settings.prefix

    async def ping(self) -> None:
        """Выполняет PING; исключение означает, что Redis недоступен."""
        await self.client.ping()

    async def close(self) -> None:
        """Закрывает клиент и все соединения пула."""
        await self.client.aclose()
        await self.pool.aclose()
