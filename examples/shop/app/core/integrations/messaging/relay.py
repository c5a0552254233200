"""Отправка событий из outbox в RabbitMQ с подтверждением брокера.

Проход берёт пачку неотправленных строк (``SELECT ... FOR UPDATE SKIP LOCKED``: несколько
обработчиков делят строки, не мешая друг другу), отправляет их по порядку ``id`` и отмечает
отправленные. Строка считается отправленной только после подтверждения брокера (publisher
confirms): при сбое она остаётся и уходит в следующий проход (``at-least-once``). Повторная
отправка несёт тот же ``message_id`` (``event_id`` строки), и потребители её отбрасывают.

Порядок событий одной записи сохраняется: если событие записи не ушло (или более раннее
событие той же записи держит другой обработчик), её следующие события ждут следующего прохода.
Изменения одной записи упорядочены блокировкой строки в базе, поэтому номера ``id`` её событий
идут в порядке фиксации.
"""

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from sqlalchemy import select

from app.core.connections import Database
from app.core.integrations.messaging.producers import OutgoingMessage
from app.core.logging import get_logger
from app.core.settings import MessagingSettings
from app.models.v1 import OutboxMessage

logger = get_logger(__name__)

Clock = Callable[[], datetime]
"""Часы, по которым отмечается время отправки."""


class Sender(Protocol):
    """Отправляет сообщение в брокер: :class:`~app.core.integrations.messaging.EventPublisher`."""

    async def send(self, message: OutgoingMessage, *, wait: float) -> None:
        """Отправляет сообщение и ждёт подтверждения; сбой поднимает исключение.

        Args:
            message: Сообщение о событии.
            wait: Сколько ждать подтверждения, с.
        """


def utc_now() -> datetime:
    """Текущее время UTC."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class RelayLimits:
    """Пределы отправки.

    Attributes:
        batch_size: Сколько строк берёт один проход.
        interval: Пауза между проходами, когда отправлять нечего, с.
        publish_timeout: Сколько ждать подтверждения брокера на одно событие, с.
        max_failures: После стольких неудачных отправок проход заканчивается: брокер,
            скорее всего, недоступен, и ждать тайм-аута на каждой строке незачем.
    """

    batch_size: int = 100
    interval: float = 1.0
    publish_timeout: float = 5.0
    max_failures: int = 3

    @classmethod
    def from_settings(cls, settings: MessagingSettings) -> "RelayLimits":
        """Берёт пределы из настроек ``MESSAGING__RELAY_*``.

        Args:
            settings: Настройки RabbitMQ.
        """
        return cls(
            batch_size=settings.relay_batch_size,
            interval=settings.relay_interval,
            publish_timeout=settings.publish_timeout,
        )


@dataclass(frozen=True)
class RelayPass:
    """Итог одного прохода.

    Attributes:
        sent: Сколько событий брокер подтвердил.
        left: Сколько взятых строк осталось неотправленными (сбой или ожидание порядка).
    """

    sent: int
    left: int


def outgoing(row: OutboxMessage) -> OutgoingMessage:
    """Сообщение брокера из строки outbox: тело и идентификатор те же при каждой попытке."""
    return OutgoingMessage(
        event_id=row.event_id,
        event_type=row.event_type,
        event_version=row.event_version,
        occurred_at=row.occurred_at,
        body=row.payload.encode(),
    )


class OutboxRelay:
    """Отправляет события из outbox в брокер."""

    def __init__(
        self,
        database: Database,
        publisher: Sender,
        limits: RelayLimits | None = None,
        clock: Clock = utc_now,
    ) -> None:
        """Связывает отправку с базой и брокером.

        Args:
            database: Подключение к базе с таблицей ``outbox_messages``.
            publisher: Издатель событий поверх брокера (в тестах — его замена).
            limits: Пределы отправки; по умолчанию — :class:`RelayLimits`.
            clock: Часы для отметки ``sent_at``.
        """
        self.database = database
        self.publisher = publisher
        self.limits = limits or RelayLimits()
        self.clock = clock

    async def relay_once(self) -> RelayPass:
        """Отправляет одну пачку неотправленных событий и отмечает подтверждённые.

        Returns:
            Сколько событий отправлено и сколько взятых строк осталось.
        """
        async with self.database.sessionmaker() as session, session.begin():
            batch = list(
                await session.scalars(
                    select(OutboxMessage)
                    .where(OutboxMessage.sent_at.is_(None))
                    .order_by(OutboxMessage.id)
                    .limit(self.limits.batch_size)
                    .with_for_update(skip_locked=True)
                )
            )
            if not batch:
                return RelayPass(sent=0, left=0)
            mine = {row.id: row for row in batch}
            # Все неотправленные события тех же записей до последней взятой строки, включая
            # чужие (их держит другой обработчик): событие уходит, только когда все более
            # ранние события его записи уже отправлены.
            pending = await session.execute(
                select(OutboxMessage.aggregate, OutboxMessage.id)
                .where(
                    OutboxMessage.sent_at.is_(None),
                    OutboxMessage.aggregate.in_({row.aggregate for row in batch}),
                    OutboxMessage.id <= batch[-1].id,
                )
                .order_by(OutboxMessage.id)
            )
            blocked: set[str] = set()
            sent = failures = 0
            for aggregate, row_id in pending:
                row = mine.get(row_id)
                if aggregate in blocked or row is None:
                    blocked.add(aggregate)
                    continue
                if failures >= self.limits.max_failures:
                    break
                try:
                    await self.publisher.send(outgoing(row), wait=self.limits.publish_timeout)
                except Exception as error:
                    failures += 1
                    blocked.add(aggregate)
                    logger.warning(
                        "Событие не отправлено, будет повторено",
                        event_type=row.event_type,
                        event_id=str(row.event_id),
                        error=f"{type(error).__name__}: {error}",
                    )
                    continue
                row.sent_at = self.clock()
                sent += 1
        if sent:
            logger.info("События отправлены из outbox", sent=sent, left=len(batch) - sent)
        return RelayPass(sent=sent, left=len(batch) - sent)

    async def run(self, stop: asyncio.Event) -> None:
        """Отправляет события проход за проходом, пока не установлен ``stop``.

        Полная пачка означает, что строк, возможно, больше: следующий проход идёт сразу.
        Сбой базы пишется в журнал, и проход повторяется после паузы.

        Args:
            stop: Событие остановки.
        """
        while not stop.is_set():
            try:
                result = await self.relay_once()
            except Exception as error:
                logger.error("Проход outbox не удался", error=f"{type(error).__name__}: {error}")
                result = RelayPass(sent=0, left=0)
            if result.sent and result.sent + result.left >= self.limits.batch_size:
                continue
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.limits.interval):
                    await stop.wait()
