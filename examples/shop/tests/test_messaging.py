"""Тесты событий на настоящем RabbitMQ: публикация после фиксации, потребители и повторы.

Обменник и очереди прогона получают свой префикс (см. conftest). Без RabbitMQ эти тесты
пропускаются с объяснением: брокер в памяти не умеет ни очередей ожидания, ни отложенных
сообщений, а заголовок отчёта pytest называет, какой брокер работал.
"""

import asyncio
import json
import uuid
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
from app.core.integrations.messaging import EventPublisher
from app.core.integrations.messaging.consumers import MalformedMessageError, require_message_id
from app.core.settings import Settings
from app.main import create_app
from app.models.v1 import ProcessedMessage
from app.schemas.v1.catalog import (
    ProductCreate,
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
from app.services.v1.catalog import CatalogEventHandler, ProductService
from app.services.v1.payments import PaymentsEventHandler
from tests.factories import (
    make_payment,
    make_product,
    payment_payload,
    payment_request,
    product_payload,
    product_request,
)
from tests.servers import drop_topology, rabbitmq_server, running

pytestmark = pytest.mark.skipif(
    not rabbitmq_server().real,
    reason="нужен настоящий RabbitMQ: брокер в памяти не поддерживает очереди повторов",
)

WAIT = 10.0
"""Сколько секунд ждать сообщения, прежде чем считать, что его нет."""


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
    app: FastAPI, client: AsyncClient, session: AsyncSession, channel: AbstractChannel
) -> None:
    async with tap(app, channel, ProductCreated.event_type) as events:
        response = await client.post("/api/v1/products", json=await product_request(session))
        assert response.status_code == 201, response.text
        message = await events.next()
    event = ProductCreated.model_validate_json(message.body)
    assert event.data == ProductRead.model_validate(response.json())
    assert message.message_id == str(event.event_id)
    assert message.delivery_mode == 2
    assert message.type == "catalog.product.created"
    assert message.headers["event-version"] == 1


async def test_product_updated_event_is_published(
    app: FastAPI, client: AsyncClient, session: AsyncSession, channel: AbstractChannel
) -> None:
    instance = await make_product(session)
    changes = {"sku": product_payload(1)["sku"]}
    async with tap(app, channel, ProductUpdated.event_type) as events:
        response = await client.patch(f"/api/v1/products/{instance.id}", json=changes)
        assert response.status_code == 200, response.text
        message = await events.next()
    event = ProductUpdated.model_validate_json(message.body)
    assert event.data == ProductRead.model_validate(response.json())


async def test_product_deleted_event_is_published(
    app: FastAPI, client: AsyncClient, session: AsyncSession, channel: AbstractChannel
) -> None:
    instance = await make_product(session)
    async with tap(app, channel, ProductDeleted.event_type) as events:
        response = await client.delete(f"/api/v1/products/{instance.id}")
        assert response.status_code == 204
        message = await events.next()
    assert ProductDeleted.model_validate_json(message.body).id == instance.id


async def test_payment_created_event_is_published(
    app: FastAPI, client: AsyncClient, session: AsyncSession, channel: AbstractChannel
) -> None:
    async with tap(app, channel, PaymentCreated.event_type) as events:
        response = await client.post("/api/v1/payments", json=await payment_request(session))
        assert response.status_code == 201, response.text
        message = await events.next()
    event = PaymentCreated.model_validate_json(message.body)
    assert event.data == PaymentRead.model_validate(response.json())
    assert message.message_id == str(event.event_id)
    assert message.delivery_mode == 2
    assert message.type == "payments.payment.created"
    assert message.headers["event-version"] == 1


async def test_payment_updated_event_is_published(
    app: FastAPI, client: AsyncClient, session: AsyncSession, channel: AbstractChannel
) -> None:
    instance = await make_payment(session)
    changes = {"amount": payment_payload(1)["amount"]}
    async with tap(app, channel, PaymentUpdated.event_type) as events:
        response = await client.patch(f"/api/v1/payments/{instance.id}", json=changes)
        assert response.status_code == 200, response.text
        message = await events.next()
    event = PaymentUpdated.model_validate_json(message.body)
    assert event.data == PaymentRead.model_validate(response.json())


async def test_nothing_is_published_when_the_transaction_rolls_back(
    app: FastAPI, session: AsyncSession, channel: AbstractChannel
) -> None:
    database: Database = app.state.database
    publisher = EventPublisher(app.state.messaging)
    async with tap(app, channel, ProductCreated.event_type) as events:

        async def change(n: int, *, fail: bool) -> UUID:
            async with database.unit_of_work() as work:
                service = ProductService(work, app.state.cache, publisher, app.state.storage)
                payload = await product_request(session, n)
                created = ProductCreate.model_validate(payload)
                changed = (await service.create(created)).id
                if fail:
                    msg = "откат после изменения"
                    raise RuntimeError(msg)
            return changed

        with pytest.raises(RuntimeError, match="откат после изменения"):
            await change(1, fail=True)
        committed = await change(2, fail=False)
        # Сообщения приходят по порядку публикации: первое — от зафиксированного изменения,
        # значит откаченное не опубликовало ничего.
        message = await events.next()
    published = ProductCreated.model_validate_json(message.body)
    assert published.data.id == committed


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


async def test_consumer_queues_exist_even_when_consumers_run_elsewhere(
    settings: Settings, channel: AbstractChannel, session: AsyncSession
) -> None:
    namespace = f"test-{uuid.uuid4().hex}"
    messaging = settings.messaging.model_copy(update={"namespace": namespace, "consumers": False})
    application = create_app(settings.model_copy(update={"messaging": messaging}))
    try:
        async with running(application):
            event = PaymentCreated(data=PaymentRead.model_validate(await make_payment(session)))
            await EventPublisher(application.state.messaging).publish(event)
        queue = await channel.declare_queue(f"{namespace}.catalog.payment_created", passive=True)
        assert queue.declaration_result.message_count == 1
    finally:
        await drop_topology(application)
