"""Transactional outbox: событие пишется в транзакции изменения и уходит в брокер по порядку.

Эти тесты не требуют RabbitMQ: отправку проверяет издатель-запись вместо брокера, а зависший
брокер изображает посредник, который принимает соединение и молчит. Доставку через настоящий
RabbitMQ и его отключение проверяет ``test_messaging.py``.
"""

import asyncio
import os
import subprocess
import sys
import uuid
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.connections import Database, Messaging
from app.core.integrations.messaging import (
    EventPublisher,
    OutboxRelay,
    OutgoingMessage,
    RelayLimits,
    RelayPass,
)
from app.core.settings import Settings
from app.core.settings.paths import PROJECT_ROOT
from app.models.v1 import OutboxMessage
from tests.event_writes import FIRST_EVENT, change, outbox_rows
from tests.factories import product_request
from tests.proxy import TcpProxy, server_through

SENT_AT = datetime(2030, 1, 1, tzinfo=UTC)
"""Время отправки по часам отправки в тестах."""

WAIT = 10.0
"""Сколько секунд ждать, прежде чем считать, что ожидаемого не будет."""


class RecordingPublisher:
    """Издатель вместо брокера: запоминает отправленное и отказывает на заданных событиях."""

    def __init__(self) -> None:
        """Создаёт издателя, который пока принимает всё."""
        self.sent: list[UUID] = []
        self.attempts = 0
        self.refuse: set[UUID] = set()

    async def send(self, message: OutgoingMessage, *, wait: float) -> None:
        """Принимает сообщение или отказывает, как отказал бы недоступный брокер."""
        del wait
        self.attempts += 1
        if message.event_id in self.refuse:
            msg = "брокер не подтвердил приём"
            raise ConnectionError(msg)
        self.sent.append(message.event_id)


def relay_with(app: FastAPI, publisher: RecordingPublisher, **limits: Any) -> OutboxRelay:  # noqa: ANN401
    """Отправка outbox через ``publisher`` с остановленными часами."""
    return OutboxRelay(app.state.database, publisher, RelayLimits(**limits), clock=lambda: SENT_AT)


async def put(app: FastAPI, *aggregates: str) -> list[UUID]:
    """Пишет в outbox по событию для каждой записи из ``aggregates``, по порядку."""
    database: Database = app.state.database
    ids = [uuid.uuid4() for _ in aggregates]
    async with database.unit_of_work() as work:
        for event_id, aggregate in zip(ids, aggregates, strict=True):
            work.add(
                OutboxMessage(
                    event_id=event_id,
                    aggregate=aggregate,
                    event_type="test.event",
                    event_version=1,
                    payload="{}",
                    occurred_at=SENT_AT,
                )
            )
            # По строке за раз: номера id идут в порядке записи.
            await work.flush()
    return ids


async def test_a_change_and_its_event_are_written_in_one_transaction(
    app: FastAPI, session: AsyncSession
) -> None:
    with pytest.raises(RuntimeError, match="откат после изменения"):
        await change(app, session, 1, fail=True)
    # Откат убрал и изменение, и его событие.
    assert await outbox_rows(app) == []
    changed = await change(app, session, 2)
    (row,) = await outbox_rows(app)
    event = FIRST_EVENT.model_validate_json(row.payload)
    assert event.data.id == changed
    assert row.event_id == event.event_id
    assert row.event_type == FIRST_EVENT.event_type == "catalog.product.created"
    assert row.aggregate == f"catalog.product:{changed}"
    assert row.sent_at is None


async def test_the_relay_keeps_the_order_of_a_record_after_a_failure(app: FastAPI) -> None:
    a1, b1, a2 = await put(app, "a:1", "b:1", "a:1")
    publisher = RecordingPublisher()
    publisher.refuse.add(a1)
    relay = relay_with(app, publisher, batch_size=10)
    # Первое событие записи «a» не ушло: второе ждёт его, событие записи «b» уходит.
    assert await relay.relay_once() == RelayPass(sent=1, left=2)
    assert publisher.sent == [b1]
    publisher.refuse.clear()
    assert await relay.relay_once() == RelayPass(sent=2, left=0)
    assert publisher.sent == [b1, a1, a2]
    assert await relay.relay_once() == RelayPass(sent=0, left=0)
    assert [row.sent_at for row in await outbox_rows(app)] == [SENT_AT] * 3


async def test_several_relays_share_the_outbox_without_breaking_the_order(app: FastAPI) -> None:
    a1, b1, a2 = await put(app, "a:1", "b:1", "a:1")
    publisher = RecordingPublisher()
    relay = relay_with(app, publisher)
    database: Database = app.state.database
    async with database.sessionmaker() as other, other.begin():
        # Другой обработчик взял первое событие записи «a» и ещё не закончил.
        await other.execute(
            select(OutboxMessage).where(OutboxMessage.event_id == a1).with_for_update()
        )
        assert await relay.relay_once() == RelayPass(sent=1, left=1)
        assert publisher.sent == [b1]
    assert await relay.relay_once() == RelayPass(sent=2, left=0)
    assert publisher.sent == [b1, a1, a2]


async def test_a_pass_ends_after_the_allowed_failures(app: FastAPI) -> None:
    ids = await put(app, "a:1", "b:1", "c:1")
    publisher = RecordingPublisher()
    publisher.refuse.update(ids)
    relay = relay_with(app, publisher, max_failures=2)
    assert await relay.relay_once() == RelayPass(sent=0, left=3)
    assert publisher.attempts == 2
    assert len(await outbox_rows(app, pending=True)) == 3


async def test_the_relay_runs_until_stopped(app: FastAPI) -> None:
    ids = await put(app, "a:1", "b:1", "a:1")
    publisher = RecordingPublisher()
    relay = relay_with(app, publisher, batch_size=2, interval=0.05)
    stop = asyncio.Event()
    running = asyncio.create_task(relay.run(stop))
    try:
        # Строки отмечает другая задача, а не событие: опрос базы с пределом по времени.
        async with asyncio.timeout(WAIT):
            while True:
                if not await outbox_rows(app, pending=True):
                    break
                await asyncio.sleep(0.05)
    finally:
        stop.set()
        await running
    assert publisher.sent == ids


def test_the_worker_without_a_database_stops_with_one_line() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "app.worker"],
        cwd=PROJECT_ROOT,
        env={
            **os.environ,
            "DATABASE__URL": "postgresql+asyncpg://postgres@127.0.0.1:1/unreachable",
            "STARTUP__ATTEMPTS": "1",
            "STARTUP__DELAY": "0",
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 1
    assert run.stderr.startswith("Обработчик событий не запущен: "), run.stderr
    assert "PostgreSQL" in run.stderr
    assert "Traceback" not in run.stderr + run.stdout


async def test_a_hung_broker_does_not_delay_writes(
    app: FastAPI,
    client: AsyncClient,
    session: AsyncSession,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = settings.messaging.url
    hung = TcpProxy()
    await hung.open()
    messaging = Messaging(
        settings.messaging.model_copy(update={"url": server_through(url, hung.port)})
    )
    relay = OutboxRelay(
        app.state.database, EventPublisher(messaging), RelayLimits(publish_timeout=WAIT * 6)
    )
    try:
        await change(app, session, 1)
        stuck = asyncio.create_task(relay.relay_once())
        # Отправка подключилась к брокеру и ждёт ответа, которого не будет.
        await hung.wait_accepted(1)

        async def untouchable(*args: object, **kwargs: object) -> None:
            msg = "обработчик запроса обратился к брокеру"
            raise AssertionError(msg)

        broker = app.state.messaging.broker
        monkeypatch.setattr(broker, "connect", untouchable)
        monkeypatch.setattr(broker, "publish", untouchable)
        response = await client.post("/api/v1/products", json=await product_request(session))
        assert response.status_code == 201, response.text
        # Ответ получен, пока отправка всё ещё ждёт брокер: запрос брокера не касается.
        assert not stuck.done()
        assert hung.accepted == 1
    finally:
        # Брокер «отвалился»: отправка получает ошибку соединения и оставляет строку.
        await hung.close()
    result = await stuck
    await messaging.close()
    assert result == RelayPass(sent=0, left=1)
    assert len(await outbox_rows(app, pending=True)) == 2
