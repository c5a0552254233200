"""Тесты событий на настоящем RabbitMQ: публикация после фиксации, потребители и повторы.

Обменник и очереди прогона получают свой префикс (см. conftest). Без RabbitMQ эти тесты
пропускаются с объяснением: брокер в памяти не умеет ни очередей ожидания, ни отложенных
сообщений, а заголовок отчёта pytest называет, какой брокер работал.
"""

import asyncio
import json
import os
import signal
import sys
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from types import SimpleNamespace
from typing import Any, cast
from uuid import UUID

import aio_pika
import pytest
from aio_pika.abc import AbstractChannel, AbstractIncomingMessage, AbstractQueue
from fastapi import FastAPI
from faststream.rabbit import RabbitMessage
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.connections import Database, Messaging
from app.core.integrations.messaging import (
    EventPublisher,
    OutboxRelay,
    RelayLimits,
    RelayPass,
    add_event,
)
from app.core.integrations.messaging.consumers import MalformedMessageError, require_message_id
from app.core.settings import Settings
from app.core.settings.paths import PROJECT_ROOT
from app.models.v1 import ProcessedMessage
from app.schemas.v1.catalog import (
    ProductCreated,
    ProductDeleted,
    ProductRead,
    ProductUpdated,
)
from app.schemas.v1.payments import (
    PaymentCreated,
    PaymentRead,
    PaymentUpdated,
)
from app.services.v1.catalog import CatalogEventHandler
from app.services.v1.payments import PaymentsEventHandler
from app.worker import Worker, serve
from tests.event_writes import FIRST_EVENT, change, outbox_rows
from tests.factories import (
    make_payment,
    make_product,
    payment_payload,
    payment_request,
    product_payload,
    product_request,
)
from tests.proxy import TcpProxy, server_through, server_upstream
from tests.servers import rabbitmq_server

pytestmark = pytest.mark.skipif(
    not rabbitmq_server().real,
    reason="нужен настоящий RabbitMQ: брокер в памяти не поддерживает очереди повторов",
)

WAIT = 10.0
"""Сколько секунд ждать сообщения, прежде чем считать, что его нет."""

OUTAGE_WRITES = 50
"""Сколько изменений делается, пока брокер недоступен."""


class Tap:
    """Очередь, из которой тест читает сообщения."""

    def __init__(self, queue: AbstractQueue) -> None:
        """Оборачивает объявленную очередь.

        Args:
            queue: Очередь на соединении теста.
        """
        self.queue = queue

    async def next(self, within: float = WAIT) -> AbstractIncomingMessage:
        """Ждёт следующее сообщение; ``TimeoutError``, если за ``within`` секунд его нет.

        Запрос к брокеру не прерывается на середине: отменённый вызов закрыл бы канал.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while True:
            message = await self.queue.get(no_ack=True, fail=False)
            if message is not None:
                return message
            if loop.time() >= deadline:
                msg = f"за {within} с сообщение не пришло"
                raise TimeoutError(msg)
            await asyncio.sleep(0.05)


@pytest.fixture
async def channel(app: FastAPI) -> AsyncIterator[AbstractChannel]:
    """Отдельное соединение теста с RabbitMQ: его сбои не задевают брокер приложения."""
    messaging: Messaging = app.state.messaging
    connection = await aio_pika.connect(messaging.settings.url)
    async with connection:
        yield await connection.channel()


@pytest.fixture(scope="session", autouse=True)
async def relay(settings: Settings, app: FastAPI) -> AsyncIterator[OutboxRelay]:
    """Обработчик событий прогона (потребители работают); outbox тесты отправляют сами."""
    async with Worker(settings).running(relay=False) as outbox:
        yield outbox


async def drain(relay: OutboxRelay, within: float = WAIT) -> None:
    """Отправляет outbox проход за проходом, пока он не опустеет (не дольше ``within`` секунд).

    Пока брокер недоступен, проходы не отправляют ничего; между ними — короткая пауза.
    """
    async with asyncio.timeout(within):
        while True:
            result = await relay.relay_once()
            if result == RelayPass(sent=0, left=0):
                return
            if not result.sent:
                await asyncio.sleep(0.05)


@asynccontextmanager
async def tap(app: FastAPI, channel: AbstractChannel, routing_key: str) -> AsyncIterator[Tap]:
    """Подписывает временную очередь на события с ключом ``routing_key``."""
    messaging: Messaging = app.state.messaging
    queue = await channel.declare_queue(exclusive=True, auto_delete=True)
    await queue.bind(f"{messaging.settings.namespace}.events", routing_key=routing_key)
    try:
        yield Tap(queue)
    finally:
        await queue.delete(if_unused=False, if_empty=False)


def body(message: AbstractIncomingMessage) -> dict[str, Any]:
    """Тело сообщения как JSON-объект."""
    data: dict[str, Any] = json.loads(message.body)
    return data


async def test_product_created_event_is_published(
    app: FastAPI,
    client: AsyncClient,
    session: AsyncSession,
    channel: AbstractChannel,
    relay: OutboxRelay,
) -> None:
    async with tap(app, channel, ProductCreated.event_type) as events:
        response = await client.post("/api/v1/products", json=await product_request(session))
        assert response.status_code == 201, response.text
        # Ответ уходит, когда событие записано в outbox; в брокер его отправляет обработчик.
        (row,) = await outbox_rows(app, pending=True)
        await drain(relay)
        message = await events.next()
    event = ProductCreated.model_validate_json(message.body)
    assert event.data == ProductRead.model_validate(response.json())
    assert message.message_id == str(event.event_id) == str(row.event_id)
    assert message.content_type == "application/json"
    assert message.delivery_mode == 2
    assert message.type == "catalog.product.created"
    assert message.headers["event-version"] == 1


async def test_product_updated_event_is_published(
    app: FastAPI,
    client: AsyncClient,
    session: AsyncSession,
    channel: AbstractChannel,
    relay: OutboxRelay,
) -> None:
    instance = await make_product(session)
    changes = {"sku": product_payload(1)["sku"]}
    async with tap(app, channel, ProductUpdated.event_type) as events:
        response = await client.patch(f"/api/v1/products/{instance.id}", json=changes)
        assert response.status_code == 200, response.text
        await drain(relay)
        message = await events.next()
    event = ProductUpdated.model_validate_json(message.body)
    assert event.data == ProductRead.model_validate(response.json())


async def test_product_deleted_event_is_published(
    app: FastAPI,
    client: AsyncClient,
    session: AsyncSession,
    channel: AbstractChannel,
    relay: OutboxRelay,
) -> None:
    instance = await make_product(session)
    async with tap(app, channel, ProductDeleted.event_type) as events:
        response = await client.delete(f"/api/v1/products/{instance.id}")
        assert response.status_code == 204
        await drain(relay)
        message = await events.next()
    assert ProductDeleted.model_validate_json(message.body).id == instance.id


async def test_payment_created_event_is_published(
    app: FastAPI,
    client: AsyncClient,
    session: AsyncSession,
    channel: AbstractChannel,
    relay: OutboxRelay,
) -> None:
    async with tap(app, channel, PaymentCreated.event_type) as events:
        response = await client.post("/api/v1/payments", json=await payment_request(session))
        assert response.status_code == 201, response.text
        # Ответ уходит, когда событие записано в outbox; в брокер его отправляет обработчик.
        (row,) = await outbox_rows(app, pending=True)
        await drain(relay)
        message = await events.next()
    event = PaymentCreated.model_validate_json(message.body)
    assert event.data == PaymentRead.model_validate(response.json())
    assert message.message_id == str(event.event_id) == str(row.event_id)
    assert message.content_type == "application/json"
    assert message.delivery_mode == 2
    assert message.type == "payments.payment.created"
    assert message.headers["event-version"] == 1


async def test_payment_updated_event_is_published(
    app: FastAPI,
    client: AsyncClient,
    session: AsyncSession,
    channel: AbstractChannel,
    relay: OutboxRelay,
) -> None:
    instance = await make_payment(session)
    changes = {"amount": payment_payload(1)["amount"]}
    async with tap(app, channel, PaymentUpdated.event_type) as events:
        response = await client.patch(f"/api/v1/payments/{instance.id}", json=changes)
        assert response.status_code == 200, response.text
        await drain(relay)
        message = await events.next()
    event = PaymentUpdated.model_validate_json(message.body)
    assert event.data == PaymentRead.model_validate(response.json())


async def test_nothing_is_published_when_the_transaction_rolls_back(
    app: FastAPI, session: AsyncSession, channel: AbstractChannel, relay: OutboxRelay
) -> None:
    async with tap(app, channel, FIRST_EVENT.event_type) as events:
        with pytest.raises(RuntimeError, match="откат после изменения"):
            await change(app, session, 1, fail=True)
        committed = await change(app, session, 2)
        await drain(relay)
        # Сообщения приходят по порядку отправки: первое — от зафиксированного изменения,
        # значит откаченное не оставило события.
        message = await events.next()
    published = FIRST_EVENT.model_validate_json(message.body)
    assert published.data.id == committed


async def write_event(app: FastAPI, event: PaymentCreated, record_id: object) -> None:
    """Пишет событие в outbox отдельной транзакцией, как сервис при изменении записи."""
    database: Database = app.state.database
    async with database.unit_of_work() as work:
        add_event(work, event, record_id)


async def test_no_event_is_lost_while_the_broker_is_down(
    app: FastAPI,
    session: AsyncSession,
    settings: Settings,
    channel: AbstractChannel,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Брокер недоступен, пока идут изменения; после его возвращения доходят все события."""
    record = PaymentRead.model_validate(await make_payment(session))
    record_id = record.id

    def next_event() -> PaymentCreated:
        return PaymentCreated(data=record)

    url = settings.messaging.url
    proxy = TcpProxy(server_upstream(url, 5672))
    await proxy.open()
    messaging = Messaging(
        settings.messaging.model_copy(update={"url": server_through(url, proxy.port)})
    )
    # По одной неудаче на проход: пока брокера нет, проход не ждёт тайм-аута на каждой строке.
    relay = OutboxRelay(
        app.state.database,
        EventPublisher(messaging),
        RelayLimits(publish_timeout=2.0, max_failures=1),
    )
    async with (
        spying(monkeypatch, CatalogEventHandler, "on_payment_created", succeed) as calls,
        tap(app, channel, PaymentCreated.event_type) as events,
    ):
        try:
            await write_event(app, next_event(), record_id)
            # Отправка подключилась к брокеру через посредника.
            assert await relay.relay_once() == RelayPass(sent=1, left=0)
            await proxy.close()
            for _ in range(OUTAGE_WRITES):
                await write_event(app, next_event(), record_id)
            assert (await relay.relay_once()).sent == 0
            await proxy.open()
            await drain(relay, within=WAIT * 6)
        finally:
            await proxy.close()
            await messaging.close()
        written = [str(row.event_id) for row in await outbox_rows(app)]
        assert len(set(written)) == OUTAGE_WRITES + 1
        received: list[str] = []
        while not set(written) <= set(received):
            received.append(str((await events.next()).message_id))
        await calls.reach_ids({UUID(event_id) for event_id in written})
        # Сообщение-маркер идёт за всеми: повторная доставка, если бы она была, пришла бы раньше.
        marker = next_event()
        await EventPublisher(app.state.messaging).publish(marker)
        await calls.reach_ids({marker.event_id})
    handled = Counter(str(call.event_id) for call in calls.events)
    # Ни одно событие не обработано дважды.
    assert {event_id: handled[event_id] for event_id in written} == dict.fromkeys(written, 1)
    # Потеряно 0 событий, и события одной записи пришли в том порядке, в каком записаны.
    assert list(dict.fromkeys(received)) == written


async def test_the_worker_sends_the_outbox_in_the_background(
    app: FastAPI, session: AsyncSession, settings: Settings, channel: AbstractChannel
) -> None:
    async with tap(app, channel, FIRST_EVENT.event_type) as events, Worker(settings).running():
        changed = await change(app, session, 1)
        message = await events.next()
    published = FIRST_EVENT.model_validate_json(message.body)
    assert published.data.id == changed
    assert await outbox_rows(app, pending=True) == []


async def test_serve_runs_the_worker_until_stopped(
    app: FastAPI, session: AsyncSession, settings: Settings, channel: AbstractChannel
) -> None:
    stop = asyncio.Event()
    async with tap(app, channel, FIRST_EVENT.event_type) as events:
        serving = asyncio.create_task(serve(settings, stop))
        try:
            await change(app, session, 1)
            await events.next()
        finally:
            stop.set()
            await serving


async def test_the_worker_process_stops_cleanly_on_sigterm(settings: Settings) -> None:
    # Настройки прогона: та же база, те же обменник и очереди с теми же аргументами.
    messaging = {
        f"MESSAGING__{name.upper()}": str(value)
        for name, value in settings.messaging.model_dump().items()
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "app.worker",
        cwd=PROJECT_ROOT,
        env={
            **os.environ,
            "LOG__JSON_FORMAT": "true",
            "DATABASE__URL": settings.database.url,
            **messaging,
        },
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert process.stdout is not None
    try:
        async with asyncio.timeout(WAIT * 6):
            while True:
                line = await process.stdout.readline()
                if not line:
                    _, errors = await process.communicate()
                    raise AssertionError(errors.decode())
                # Строки журнала приложения — JSON; строки FastStream пропускаются.
                if (
                    line.startswith(b"{")
                    and json.loads(line)["event"] == "Обработчик событий запущен"
                ):
                    break
            process.send_signal(signal.SIGTERM)
            output, errors = await process.communicate()
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.returncode == 0, errors.decode()
    assert "Обработчик событий остановлен" in output.decode()
    assert b"Traceback" not in errors


async def test_asyncapi_document_lists_events_and_consumers(client: AsyncClient) -> None:
    response = await client.get("/asyncapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["asyncapi"].startswith("3.")
    text = json.dumps(document, ensure_ascii=False)
    assert "catalog.product.created" in text
    assert "catalog.product.updated" in text
    assert "catalog.product.deleted" in text
    assert "payments.payment.created" in text
    assert "payments.payment.updated" in text
    assert "catalog.payment_created" in text
    assert "payments.product_withdrawn" in text
    page = await client.get("/asyncapi")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")


class Calls:
    """Вызовы подменённого обработчика; потребитель работает в том же цикле событий."""

    def __init__(self) -> None:
        """Создаёт пустой список вызовов."""
        self.events: list[Any] = []
        self.changed = asyncio.Condition()

    async def record(self, event: Any) -> int:  # noqa: ANN401
        """Запоминает вызов и возвращает его номер."""
        async with self.changed:
            self.events.append(event)
            self.changed.notify_all()
        return len(self.events)

    async def reach(self, count: int) -> None:
        """Ждёт, пока вызовов станет ``count``."""
        async with asyncio.timeout(WAIT), self.changed:
            await self.changed.wait_for(lambda: len(self.events) >= count)

    async def reach_ids(self, wanted: set[UUID]) -> None:
        """Ждёт, пока обработчик получит все события с идентификаторами ``wanted``."""
        async with asyncio.timeout(WAIT), self.changed:
            await self.changed.wait_for(lambda: wanted <= {event.event_id for event in self.events})


@asynccontextmanager
async def spying(
    monkeypatch: pytest.MonkeyPatch,
    handler: type[Any],
    method: str,
    behaviour: Callable[[int], Awaitable[None]],
) -> AsyncIterator[Calls]:
    """Подменяет обработчик события: запоминает вызовы и делает то, что велит ``behaviour``."""
    calls = Calls()

    async def spy(self: Any, event: Any) -> None:  # noqa: ANN401
        await behaviour(await calls.record(event))

    with monkeypatch.context() as patch:
        patch.setattr(handler, method, spy)
        yield calls


async def succeed(attempt: int) -> None:
    """Обработчик, который всегда справляется."""
    del attempt


async def fail_always(attempt: int) -> None:
    """Обработчик, который всегда падает."""
    msg = f"сбой обработчика, попытка {attempt}"
    raise RuntimeError(msg)


async def fail_once(attempt: int) -> None:
    """Обработчик, который падает только в первый раз."""
    if attempt == 1:
        msg = "временный сбой обработчика"
        raise RuntimeError(msg)


async def dead_letters(app: FastAPI, channel: AbstractChannel, consumer: str) -> Tap:
    """Очередь отложенных сообщений потребителя (объявлена приложением при запуске)."""
    messaging: Messaging = app.state.messaging
    name = f"{messaging.settings.namespace}.{consumer}.dead"
    return Tap(await channel.declare_queue(name, passive=True))


async def processed(app: FastAPI, consumer: str, message_id: str) -> int:
    """Сколько раз сообщение отмечено обработанным потребителем."""
    database: Database = app.state.database
    async with database.sessionmaker() as session:
        rows = await session.scalars(
            select(ProcessedMessage).where(
                ProcessedMessage.consumer == consumer, ProcessedMessage.message_id == message_id
            )
        )
        return len(list(rows))


async def processed_after_commit(app: FastAPI, consumer: str, message_id: str) -> int:
    """Как :func:`processed`, но дожидается фиксации транзакции обработчика."""
    for _ in range(int(WAIT / 0.05)):
        count = await processed(app, consumer, message_id)
        if count:
            return count
        await asyncio.sleep(0.05)
    return 0


async def test_catalog_payment_created_handles_an_event_once(
    app: FastAPI, session: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    event = PaymentCreated(data=PaymentRead.model_validate(await make_payment(session)))
    marker = PaymentCreated(data=PaymentRead.model_validate(await make_payment(session, 1)))
    publisher = EventPublisher(app.state.messaging)
    async with spying(monkeypatch, CatalogEventHandler, "on_payment_created", succeed) as calls:
        await publisher.publish(event)
        await calls.reach(1)
        # Повторная доставка того же сообщения (тот же message_id) не обрабатывается;
        # следующее за ней сообщение-маркер показывает, что очередь до неё дошла.
        await publisher.publish(event)
        await publisher.publish(marker)
        await calls.reach(2)
        await asyncio.sleep(0.2)
    mine = [
        call.event_id for call in calls.events if call.event_id in {event.event_id, marker.event_id}
    ]
    assert mine == [event.event_id, marker.event_id]
    assert isinstance(calls.events[0], PaymentCreated)
    assert await processed_after_commit(app, "catalog.payment_created", str(event.event_id)) == 1


async def test_catalog_payment_created_retries_then_dead_letters(
    app: FastAPI,
    session: AsyncSession,
    monkeypatch: pytest.MonkeyPatch,
    channel: AbstractChannel,
) -> None:
    event = PaymentCreated(data=PaymentRead.model_validate(await make_payment(session)))
    dead = await dead_letters(app, channel, "catalog.payment_created")
    retries = app.state.messaging.settings.max_retries
    async with spying(monkeypatch, CatalogEventHandler, "on_payment_created", fail_always) as calls:
        await EventPublisher(app.state.messaging).publish(event)
        message = await dead.next()
    assert len(calls.events) == retries + 1
    assert message.message_id == str(event.event_id)
    assert message.delivery_mode == 2
    assert PaymentCreated.model_validate_json(message.body) == event
    assert "сбой обработчика, попытка" in str(message.headers["x-error"])
    assert await processed(app, "catalog.payment_created", str(event.event_id)) == 0


async def test_payments_product_withdrawn_handles_an_event_once(
    app: FastAPI, session: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    event = ProductDeleted(id=uuid.uuid4())
    marker = ProductDeleted(id=uuid.uuid4())
    publisher = EventPublisher(app.state.messaging)
    async with spying(monkeypatch, PaymentsEventHandler, "on_product_withdrawn", succeed) as calls:
        await publisher.publish(event)
        await calls.reach(1)
        # Повторная доставка того же сообщения (тот же message_id) не обрабатывается;
        # следующее за ней сообщение-маркер показывает, что очередь до неё дошла.
        await publisher.publish(event)
        await publisher.publish(marker)
        await calls.reach(2)
        await asyncio.sleep(0.2)
    mine = [
        call.event_id for call in calls.events if call.event_id in {event.event_id, marker.event_id}
    ]
    assert mine == [event.event_id, marker.event_id]
    assert isinstance(calls.events[0], ProductDeleted)
    assert await processed_after_commit(app, "payments.product_withdrawn", str(event.event_id)) == 1


async def test_payments_product_withdrawn_retries_then_dead_letters(
    app: FastAPI,
    session: AsyncSession,
    monkeypatch: pytest.MonkeyPatch,
    channel: AbstractChannel,
) -> None:
    event = ProductDeleted(id=uuid.uuid4())
    dead = await dead_letters(app, channel, "payments.product_withdrawn")
    retries = app.state.messaging.settings.max_retries
    async with spying(
        monkeypatch, PaymentsEventHandler, "on_product_withdrawn", fail_always
    ) as calls:
        await EventPublisher(app.state.messaging).publish(event)
        message = await dead.next()
    assert len(calls.events) == retries + 1
    assert message.message_id == str(event.event_id)
    assert message.delivery_mode == 2
    assert ProductDeleted.model_validate_json(message.body) == event
    assert "сбой обработчика, попытка" in str(message.headers["x-error"])
    assert await processed(app, "payments.product_withdrawn", str(event.event_id)) == 0


async def test_a_transient_failure_is_retried_and_then_handled(
    app: FastAPI, session: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    event = PaymentCreated(data=PaymentRead.model_validate(await make_payment(session)))
    async with spying(monkeypatch, CatalogEventHandler, "on_payment_created", fail_once) as calls:
        await EventPublisher(app.state.messaging).publish(event)
        await calls.reach(2)
    assert await processed_after_commit(app, "catalog.payment_created", str(event.event_id)) == 1


async def test_a_malformed_message_goes_straight_to_dead_letters(
    app: FastAPI, channel: AbstractChannel, monkeypatch: pytest.MonkeyPatch
) -> None:
    messaging: Messaging = app.state.messaging
    dead = await dead_letters(app, channel, "catalog.payment_created")
    message_id = uuid.uuid4().hex
    async with spying(monkeypatch, CatalogEventHandler, "on_payment_created", succeed) as calls:
        await messaging.broker.publish(
            {"unexpected": True},
            exchange=f"{messaging.settings.namespace}.events",
            routing_key=PaymentCreated.event_type,
            message_id=message_id,
        )
        message = await dead.next()
    assert message.message_id == message_id
    assert "ValidationError" in str(message.headers["x-error"])
    # Сразу, без повторов: обработчик не вызывался, через очередь .retry сообщение не шло.
    assert calls.events == []
    assert "x-death" not in (message.headers or {})


def test_a_message_without_its_own_id_is_refused() -> None:
    # aio-pika и FastStream сами проставляют message_id; без него приходят сообщения
    # других клиентов — и повторная доставка такого сообщения была бы неотличима.
    anonymous = SimpleNamespace(raw_message=SimpleNamespace(message_id=None))
    with pytest.raises(MalformedMessageError, match="нет message_id"):
        require_message_id(cast("RabbitMessage", anonymous))
    named = SimpleNamespace(raw_message=SimpleNamespace(message_id="m-1"))
    assert require_message_id(cast("RabbitMessage", named)) == "m-1"


async def test_consumer_queues_exist_even_when_consumers_are_off(
    settings: Settings, channel: AbstractChannel, session: AsyncSession
) -> None:
    namespace = f"test-{uuid.uuid4().hex}"
    messaging = settings.messaging.model_copy(update={"namespace": namespace, "consumers": False})
    worker = Worker(settings.model_copy(update={"messaging": messaging}))
    try:
        async with worker.running(relay=False):
            event = PaymentCreated(data=PaymentRead.model_validate(await make_payment(session)))
            await EventPublisher(worker.messaging).publish(event)
        queue = await channel.declare_queue(f"{namespace}.catalog.payment_created", passive=True)
        assert queue.declaration_result.message_count == 1
    finally:
        for queues in worker.consumer_queues:
            for queue_name in (queues.main.name, queues.retry.name, queues.dead.name):
                await channel.queue_delete(queue_name)
        await channel.exchange_delete(f"{namespace}.events")
