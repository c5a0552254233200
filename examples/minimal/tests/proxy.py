"""Прокси TCP для тестов отказов: тест сам рвёт, закрывает и «вешает» связь с сервером.

Общие серверы (PostgreSQL) тесты не останавливают: между приложением и сервером
встаёт этот прокси на 127.0.0.1, и отказ устраивается на нём.
"""

import asyncio
import contextlib
from collections.abc import Awaitable, Callable

from sqlalchemy import make_url

Streams = tuple[asyncio.StreamReader, asyncio.StreamWriter]
"""Поток чтения и поток записи одного соединения."""

Upstream = Callable[[], Awaitable[Streams]]
"""Открывает соединение с настоящим сервером."""

CHUNK = 65536
"""Сколько байт пересылать за раз."""


def database_upstream(url: str) -> Upstream:
    """Возвращает открытие соединения с сервером PostgreSQL из адреса базы.

    Адрес может вести на TCP-порт или на каталог сокета Unix (``?host=/путь``, как у pgserver).

    Args:
        url: Адрес базы в формате SQLAlchemy.
    """
    parsed = make_url(url)
    socket_dir = parsed.query.get("host")
    port = parsed.port or 5432
    if isinstance(socket_dir, str) and socket_dir.startswith("/"):
        path = f"{socket_dir}/.s.PGSQL.{port}"
        return lambda: asyncio.open_unix_connection(path)
    host = parsed.host or "127.0.0.1"
    return lambda: asyncio.open_connection(host, port)


def through(url: str, port: int) -> str:
    """Возвращает адрес базы, ведущий через прокси на 127.0.0.1:``port``.

    Args:
        url: Адрес базы в формате SQLAlchemy.
        port: Порт прокси.
    """
    parsed = make_url(url)
    query = {key: value for key, value in parsed.query.items() if key != "host"}
    proxied = parsed.set(host="127.0.0.1", port=port, query=query)
    return proxied.render_as_string(hide_password=False)


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Пересылает байты, пока одна из сторон не закроет соединение."""
    with contextlib.suppress(OSError):
        while data := await reader.read(CHUNK):
            writer.write(data)
            await writer.drain()
    writer.close()


class TcpProxy:
    """Прокси на 127.0.0.1 со случайным портом, который тест открывает, закрывает и «вешает».

    Attributes:
        port: Порт прокси; после закрытия и открытия он тот же.
        silent: Принимать соединения и молчать (сервер завис), а не пересылать байты.
        accepted: Сколько соединений принято за всё время.
    """

    def __init__(self, upstream: Upstream | None = None) -> None:
        """Создаёт прокси; без ``upstream`` он только принимает соединения и молчит.

        Args:
            upstream: Открытие соединения с настоящим сервером.
        """
        self.upstream = upstream
        self.silent = upstream is None
        self.port = 0
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self.accepted = 0
        self._changed = asyncio.Condition()

    async def open(self) -> None:
        """Начинает принимать соединения (на прежнем порту, если он уже был)."""
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    def drop_connections(self) -> None:
        """Обрывает все открытые соединения, продолжая принимать новые (как перезапуск)."""
        for writer in self._writers:
            writer.transport.abort()
        self._writers.clear()

    async def close(self) -> None:
        """Перестаёт принимать соединения и обрывает открытые: сервер недоступен."""
        if self._server is not None:
            self._server.close()
            self.drop_connections()
            await self._server.wait_closed()
            self._server = None
        # Оборванные соединения завершают свои обработчики сами: дождаться их.
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def wait_accepted(self, count: int, within: float = 10.0) -> None:
        """Ждёт, пока прокси примет ``count`` соединений (не дольше ``within`` секунд).

        Args:
            count: Сколько соединений должно быть принято за всё время.
            within: Предел ожидания в секундах.
        """
        async with asyncio.timeout(within), self._changed:
            await self._changed.wait_for(lambda: self.accepted >= count)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Обслуживает одно соединение клиента."""
        self._writers.add(writer)
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        async with self._changed:
            self.accepted += 1
            self._changed.notify_all()
        try:
            if self.silent or self.upstream is None:
                # Зависший сервер: соединение принято, ответа нет никогда.
                with contextlib.suppress(OSError):
                    while await reader.read(CHUNK):
                        pass
                return
            try:
                server_reader, server_writer = await self.upstream()
            except OSError:
                writer.transport.abort()
                return
            self._writers.add(server_writer)
            await asyncio.gather(_pipe(reader, server_writer), _pipe(server_reader, writer))
        finally:
            if task is not None:
                self._tasks.discard(task)
