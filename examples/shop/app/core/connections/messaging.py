"""Подключение к RabbitMQ через брокер FastStream."""

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
            # Предел неподтверждённых сообщений — он же число одновременно обрабатываемых.
            default_channel=Channel(prefetch_count=settings.prefetch),
        )
        self.timeout = settings.timeout

    async def ping(self) -> None:
        """Подключается при необходимости и проверяет соединение.

        Raises:
            ConnectionError: RabbitMQ не ответил.
        """
        await self.broker.connect()
        if not await self.broker.ping(timeout=self.timeout):
            msg = "RabbitMQ не ответил на проверку соединения"
            raise ConnectionError(msg)

    async def close(self) -> None:
        """Закрывает соединение брокера."""
        await self.broker.stop()
