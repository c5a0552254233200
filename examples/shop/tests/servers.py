"""Серверы для тестов: настоящие, если они доступны, иначе встроенные заменители.

Каждая функция ``*_server`` один раз за прогон проверяет сервер из настроек и возвращает
:class:`Backend`: адрес, описание для заголовка отчёта pytest (чтобы было видно, с чем на самом
деле шли тесты) и остановку заменителя, если его пришлось запустить.
"""

import asyncio
import logging
import os
import socket
import tempfile
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import aio_pika
from aiobotocore.session import get_session
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from botocore.exceptions import BotoCoreError, ClientError
from fastapi import FastAPI
from faststream.rabbit import RabbitBroker, TestRabbitBroker
from moto.server import ThreadedMotoServer
from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy import URL, make_url, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import create_async_engine

from app.core.connections import Messaging, Storage
from app.core.settings import DatabaseSettings, Settings


@dataclass(frozen=True)
class Backend:
    """Сервер, с которым идут тесты.

    Attributes:
        url: Адрес сервера.
        real: Настоящий ли это сервер из настроек (а не встроенный заменитель).
        description: Строка для заголовка отчёта pytest.
        stop: Остановка встроенного заменителя, если он запускался.
    """

    url: str
    real: bool
    description: str
    stop: Callable[[], None] | None = None


async def execute(server: URL, statement: str) -> None:
    """Выполняет служебную команду вне транзакции в базе ``postgres`` сервера."""
    engine = create_async_engine(
        server.set(database="postgres"),
        isolation_level="AUTOCOMMIT",
        connect_args={"timeout": 5},
    )
    try:
        async with engine.connect() as connection:
            await connection.execute(text(statement))
    finally:
        await engine.dispose()


async def _database_reachable(server: URL) -> bool:
    """Проверяет, что сервер PostgreSQL принимает подключения."""
    try:
        await execute(server, "SELECT 1")
    except (OSError, TimeoutError, DBAPIError):
        return False
    return True


@lru_cache(maxsize=1)
def database_server() -> Backend:
    """Находит сервер PostgreSQL для тестов; без него запускает встроенный (pgserver)."""
    configured = os.environ.get("DATABASE__URL") or DatabaseSettings().url
    server = make_url(configured)
    if asyncio.run(_database_reachable(server)):
        return Backend(configured, True, f"настоящий PostgreSQL на {server.host}:{server.port}")
    # pgserver спрашивает у platformdirs каталог времени выполнения; без XDG_RUNTIME_DIR
    # (контейнеры, CI) тот предупреждает, а предупреждения в тестах — ошибки.
    os.environ.setdefault("XDG_RUNTIME_DIR", tempfile.mkdtemp(prefix="runtime-"))
    from pgserver.postgres_server import get_server

    data_dir = Path(tempfile.mkdtemp(prefix="pgserver-"))
    embedded = get_server(data_dir, cleanup_mode="delete")
    socket_dir = make_url(embedded.get_uri()).query["host"]
    return Backend(
        f"postgresql+asyncpg://postgres@/postgres?host={socket_dir}",
        False,
        f"встроенный PostgreSQL (pgserver): {server.host}:{server.port} недоступен",
        embedded.cleanup,
    )


async def _redis_reachable(url: str) -> bool:
    """Проверяет, что Redis отвечает на PING."""
    client = Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
    try:
        await client.ping()
    except (RedisError, OSError):
        return False
    finally:
        await client.aclose()
    return True


@lru_cache(maxsize=1)
def redis_server() -> Backend:
    """Находит Redis для тестов; без него тесты работают с fakeredis (см. conftest)."""
    url = Settings().cache.url
    if asyncio.run(_redis_reachable(url)):
        return Backend(url, True, f"настоящий Redis на {url}")
    return Backend(url, False, f"встроенный Redis (fakeredis): {url} недоступен")


async def _rabbitmq_reachable(url: str) -> bool:
    """Проверяет, что RabbitMQ принимает подключения."""
    broker = RabbitBroker(url)
    try:
        await broker.connect()
        return await broker.ping(timeout=2)
    except (OSError, TimeoutError, ConnectionError):
        return False
    finally:
        await broker.stop()


@lru_cache(maxsize=1)
def rabbitmq_server() -> Backend:
    """Находит RabbitMQ для тестов; без него брокер работает в памяти (см. :func:`running`)."""
    url = Settings().messaging.url
    shown = make_url(url).render_as_string()
    if asyncio.run(_rabbitmq_reachable(url)):
        return Backend(url, True, f"настоящий RabbitMQ на {shown}")
    return Backend(
        url, False, f"брокер в памяти (TestRabbitBroker из FastStream): {shown} недоступен"
    )


async def _storage_reachable(endpoint: str) -> bool:
    """Проверяет, что по адресу отвечает S3 API (ответ с ошибкой — тоже ответ)."""
    creator = get_session().create_client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="probe",
        aws_secret_access_key="probe",
    )
    try:
        async with asyncio.timeout(3), creator as client:
            await client.list_buckets()
    except ClientError:
        return True
    except (BotoCoreError, OSError, TimeoutError):
        return False
    return True


@lru_cache(maxsize=1)
def storage_server() -> Backend:
    """Находит S3-хранилище для тестов; без него запускает moto в режиме сервера.

    moto-сервер — настоящий HTTP-адрес S3 на 127.0.0.1: клиент работает с ним так же, как
    с MinIO.
    """
    endpoint = Settings().storage.endpoint_url
    if asyncio.run(_storage_reachable(endpoint)):
        return Backend(endpoint, True, f"настоящее S3-хранилище на {endpoint}")
    # Иначе werkzeug пишет строку на каждый запрос.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    embedded = f"http://{host}:{port}"
    description = f"встроенный S3 (moto) на {embedded}: {endpoint} недоступен"
    return Backend(embedded, False, description, server.stop)


@dataclass
class ReceivedMail:
    """Письмо, принятое тестовым SMTP-сервером."""

    sender: str
    recipients: list[str]
    content: bytes


@dataclass
class RecordingHandler:
    """Обработчик aiosmtpd: сохраняет каждое принятое письмо.

    Attributes:
        received: Принятые письма.
        replies: Ответы для следующих команд DATA вместо приёма (например, «451 …»).
        attempts: Сколько раз клиент передавал письмо (DATA), включая отклонённые.
    """

    received: list[ReceivedMail] = field(default_factory=list)
    replies: list[str] = field(default_factory=list)
    attempts: int = 0

    async def handle_DATA(  # noqa: N802 - имя задано протоколом aiosmtpd
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        """Принимает письмо и запоминает его — или отвечает заданной ошибкой."""
        self.attempts += 1
        if self.replies:
            return self.replies.pop(0)
        content = envelope.content if isinstance(envelope.content, bytes) else b""
        self.received.append(
            ReceivedMail(envelope.mail_from or "", list(envelope.rcpt_tos), content)
        )
        return "250 Message accepted for delivery"


def free_port() -> int:
    """Возвращает свободный TCP-порт на 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class SmtpServer:
    """Настоящий SMTP-сервер aiosmtpd на 127.0.0.1 в отдельном потоке."""

    port: int
    handler: RecordingHandler
    controller: Controller

    @property
    def received(self) -> list[ReceivedMail]:
        """Принятые письма."""
        return self.handler.received

    def stop(self) -> None:
        """Останавливает сервер."""
        self.controller.stop()


def start_smtp_server() -> SmtpServer:
    """Запускает SMTP-сервер, который принимает и запоминает каждое письмо."""
    handler = RecordingHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    return SmtpServer(port=port, handler=handler, controller=controller)


async def drop_bucket(storage: Storage) -> None:
    """Удаляет тестовый бакет вместе со всеми объектами в нём."""
    client = storage.client
    paginator = client.get_paginator("list_objects_v2")
    async for page in paginator.paginate(Bucket=storage.bucket):
        for item in page.get("Contents", []):
            await client.delete_object(Bucket=storage.bucket, Key=item["Key"])
    await client.delete_bucket(Bucket=storage.bucket)


async def drop_topology(application: FastAPI) -> None:
    """Удаляет обменник событий и очереди потребителей, созданные прогоном тестов."""
    messaging: Messaging = application.state.messaging
    settings = messaging.settings
    connection = await aio_pika.connect(settings.url)
    async with connection:
        channel = await connection.channel()
        for queues in application.state.consumer_queues:
            for queue in (queues.main, queues.retry, queues.dead):
                await channel.queue_delete(queue.name)
        await channel.exchange_delete(f"{settings.namespace}.events")


@asynccontextmanager
async def running(application: FastAPI) -> AsyncIterator[FastAPI]:
    """Запускает жизненный цикл приложения; без RabbitMQ брокер работает в памяти.

    Args:
        application: Приложение, созданное ``create_app``.

    Yields:
        То же приложение с открытыми подключениями.
    """
    async with AsyncExitStack() as stack:
        if not rabbitmq_server().real:
            messaging: Messaging = application.state.messaging
            await stack.enter_async_context(TestRabbitBroker(messaging.broker))
        await stack.enter_async_context(application.router.lifespan_context(application))
        yield application
