"""Подключение к Redis: асинхронный пул соединений redis-py."""

from redis.asyncio import ConnectionPool, Redis

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
