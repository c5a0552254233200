"""Процесс-обработчик событий: отправка событий из outbox и потребители.

Запуск: ``python -m app.worker``. Обработчик работает отдельно от HTTP-приложения: приложение
пишет события в таблицу ``outbox_messages`` в транзакции изменения, а обработчик отправляет их
в RabbitMQ с подтверждением брокера и запускает потребителей событий (если
``MESSAGING__CONSUMERS`` не выключено). Копий обработчика может быть несколько: строки
outbox они делят через ``SELECT ... FOR UPDATE SKIP LOCKED``. Останавливается по SIGTERM или
SIGINT, дождавшись текущего прохода и обработки полученных сообщений.
"""

import asyncio
import signal
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager

from app.core.connections import Database, Messaging, StartupError
from app.core.integrations.messaging.consumers import register_consumers
from app.core.integrations.messaging.producers import EventPublisher
from app.core.integrations.messaging.relay import Clock, OutboxRelay, RelayLimits, utc_now
from app.core.integrations.messaging.setup import run_messaging
from app.core.lifespan.clients import open_messaging
from app.core.lifespan.database import open_database
from app.core.logging import configure_logging, get_logger
from app.core.settings import Settings, SettingsError, get_settings

logger = get_logger(__name__)


class Worker:
    """Обработчик событий: свои подключения к базе и RabbitMQ, отправка outbox, потребители.

    Attributes:
        settings: Настройки приложения.
        messaging: Брокер обработчика; потребители регистрируются на нём при создании.
        relay: Отправка outbox; появляется при запуске (:meth:`running`).
    """

    def __init__(self, settings: Settings, *, clock: Clock = utc_now) -> None:
        """Создаёт брокер и регистрирует на нём потребителей; подключения открывает :meth:`running`.

        Args:
            settings: Настройки приложения.
            clock: Часы для отметки отправки событий (тесты подставляют свои).
        """
        self.settings = settings
        self.clock = clock
        self.messaging = Messaging(settings.messaging)
        self.database: Database | None = None
        self.relay: OutboxRelay | None = None
        self.consumer_queues = register_consumers(self.messaging, self._database)

    def _database(self) -> Database:
        """Подключение к базе для потребителей (открыто до их запуска)."""
        if self.database is None:
            msg = "Обработчик не запущен: подключение к базе не открыто"
            raise RuntimeError(msg)
        return self.database

    @asynccontextmanager
    async def running(self, *, relay: bool = True) -> AsyncIterator[OutboxRelay]:
        """Открывает подключения, объявляет топологию, запускает потребителей и отправку outbox.

        Args:
            relay: Отправлять ли outbox в фоне; тесты выключают её и вызывают проходы сами.

        Yields:
            Отправка outbox обработчика.
        """
        settings = self.settings
        async with AsyncExitStack() as stack:
            self.database = await stack.enter_async_context(open_database(settings))
            await stack.enter_async_context(open_messaging(self.messaging, settings))
            await stack.enter_async_context(run_messaging(self.messaging, self.consumer_queues))
            outbox = OutboxRelay(
                self.database,
                EventPublisher(self.messaging),
                RelayLimits.from_settings(settings.messaging),
                self.clock,
            )
            self.relay = outbox
            if relay:
                stop = asyncio.Event()
                task = asyncio.create_task(outbox.run(stop), name="outbox-relay")

                async def stop_relay() -> None:
                    stop.set()
                    await task

                stack.push_async_callback(stop_relay)
            logger.info("Обработчик событий запущен")
            yield outbox
        logger.info("Обработчик событий остановлен")


async def serve(settings: Settings, stop: asyncio.Event) -> None:
    """Работает, пока не установлен ``stop``; затем останавливается, закончив текущую работу.

    Args:
        settings: Настройки приложения.
        stop: Событие остановки.
    """
    async with Worker(settings).running():
        await stop.wait()


async def serve_until_signal(settings: Settings) -> None:
    """Работает до SIGTERM или SIGINT.

    Args:
        settings: Настройки приложения.
    """
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    await serve(settings, stop)


def main() -> None:
    """Точка входа ``python -m app.worker``: настройки из окружения, журнал, работа до сигнала.

    Неверные настройки и недоступная при запуске зависимость завершают процесс одной строкой
    с причиной, без трассировки стека.
    """
    try:
        settings = get_settings()
    except SettingsError as error:
        raise SystemExit(str(error)) from None
    configure_logging(level=settings.log.level, json_format=settings.json_logs)
    try:
        asyncio.run(serve_until_signal(settings))
    except StartupError as error:
        raise SystemExit(f"Обработчик событий не запущен: {error}") from None


if __name__ == "__main__":
    main()
