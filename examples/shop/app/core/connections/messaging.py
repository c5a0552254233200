"""Подключение к RabbitMQ через брокер FastStream.

Подключение ограничено своим тайм-аутом (``MESSAGING__TIMEOUT``) и не прерывается извне:
прерванное на полпути, оно осталось бы незакрытым и переподключалось бы бесконечно, не давая
процессу завершиться. Проверка, которой надоело ждать (тайм-аут запуска или готовности),
уходит сразу, а подключение доходит до конца в фоне; :meth:`Messaging.close` его дожидается.
"""

import asyncio
import contextlib

from faststream.rabbit import Channel, RabbitBroker

from app.core.settings import MessagingSettings


class Messaging:
    """Брокер сообщений с одним соединением на приложение.

    Attributes:
        broker: Брокер FastStream; через него публикуются и принимаются сообщения.
        settings: Настройки подключения, префикс обменника и очередей.
    """

    def __init__(self, settings: MessagingSettings) -> None:
        """Создаёт брокер; соединение открывается при первой проверке.

        Args:
            settings: Адрес RabbitMQ и тайм-аут проверки.
        """
        self.settings = settings
        self.broker = RabbitBroker(
            settings.url,
            app_id="shop",
            timeout=settings.timeout,
            # Предел неподтверждённых сообщений — он же число одновременно обрабатываемых.
            default_channel=Channel(prefetch_count=settings.prefetch),
        )
        self.timeout = settings.timeout
        self._connecting: asyncio.Task[None] | None = None

    async def ping(self) -> None:
        """Подключается при необходимости и проверяет соединение.

        Raises:
            ConnectionError: RabbitMQ не ответил.
            TimeoutError: Подключение не установлено за ``MESSAGING__TIMEOUT``.
        """
        connecting = self._connecting
        if connecting is None or connecting.done():
            if connecting is not None and not connecting.cancelled():
                # Исход прошлой попытки прочитан: asyncio не пишет о нём ошибку.
                connecting.exception()
            connecting = self._connecting = asyncio.create_task(self._connect())
        await asyncio.shield(connecting)
        if not await self.broker.ping(timeout=self.timeout):
            msg = "RabbitMQ не ответил на проверку соединения"
            raise ConnectionError(msg)

    async def _connect(self) -> None:
        """Открывает соединение брокера, если его ещё нет."""
        await self.broker.connect()

    async def close(self) -> None:
        """Дожидается начатого подключения (не дольше его тайм-аута) и закрывает брокер."""
        if self._connecting is not None:
            with contextlib.suppress(Exception):
                await self._connecting
        await self.broker.stop()
