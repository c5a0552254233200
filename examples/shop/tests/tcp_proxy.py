"""TCP-посредник, которым тест управляет сам: сбой брокера без остановки общего RabbitMQ.

Посредник слушает порт на 127.0.0.1 и пересылает байты к настоящему серверу. Тест закрывает
его (соединения обрываются, новые не принимаются), открывает снова на том же порту или
«вешает»: соединение принимается, но ответа нет никогда.
"""

import asyncio
from urllib.parse import urlsplit, urlunsplit


class TcpProxy:
    """Посредник между клиентом и сервером на 127.0.0.1.

    Attributes:
        host: Адрес настоящего сервера.
        port: Порт настоящего сервера.
        hung: Принимать соединения и не отвечать (сервер завис).
        listen_port: Порт посредника; выбирается при первом открытии и дальше не меняется.
        accepted: Сколько соединений принято за всё время.
    """

    def __init__(self, host: str, port: int, *, hung: bool = False) -> None:
        """Описывает посредника; слушать он начинает в :meth:`open`.

        Args:
            host: Адрес настоящего сервера.
            port: Порт настоящего сервера.
            hung: Принимать соединения и не отвечать.
        """
        self.host = host
        self.port = port
        self.hung = hung
        self.listen_port = 0
        self.accepted = 0
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._changed = asyncio.Condition()

    @classmethod
    def before(cls, url: str, *, hung: bool = False) -> "TcpProxy":
        """Посредник перед сервером из адреса ``url`` (``amqp://…``).

        Args:
            url: Адрес настоящего сервера.
            hung: Принимать соединения и не отвечать.
        """
        parts = urlsplit(url)
        return cls(parts.hostname or "127.0.0.1", parts.port or 5672, hung=hung)

    def url(self, url: str) -> str:
        """Адрес ``url``, ведущий через посредника (учётные данные и путь те же).

        Args:
            url: Адрес настоящего сервера.
        """
        parts = urlsplit(url)
        credentials = parts.netloc.rpartition("@")[0]
        netloc = (
            f"{credentials}@127.0.0.1:{self.listen_port}"
            if credentials
            else f"127.0.0.1:{self.listen_port}"
        )
        return urlunsplit(parts._replace(netloc=netloc))

    async def open(self) -> None:
        """Начинает принимать соединения (после :meth:`close` — на том же порту)."""
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", self.listen_port)
        self.listen_port = self._server.sockets[0].getsockname()[1]

    async def close(self) -> None:
        """Обрывает все соединения и перестаёт принимать новые."""
        if self._server is not None:
            self._server.close()
        for writer in list(self._writers):
            writer.transport.abort()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()
            self._server = None

    async def wait_accepted(self, count: int, within: float = 10.0) -> None:
        """Ждёт, пока посредник примет ``count`` соединений (не дольше ``within`` секунд)."""
        async with asyncio.timeout(within), self._changed:
            await self._changed.wait_for(lambda: self.accepted >= count)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Принимает соединение: пересылает байты к серверу или молчит, если посредник завис."""
        self._writers.add(writer)
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        async with self._changed:
            self.accepted += 1
            self._changed.notify_all()
        try:
            if self.hung:
                # Данные читаются и отбрасываются, ответа нет: так выглядит зависший брокер.
                while await reader.read(65536):
                    pass
                return
            upstream_reader, upstream = await asyncio.open_connection(self.host, self.port)
            self._writers.add(upstream)
            await asyncio.gather(self._pipe(reader, upstream), self._pipe(upstream_reader, writer))
        except OSError:
            pass
        finally:
            writer.transport.abort()
            self._writers.discard(writer)
            if task is not None:
                self._tasks.discard(task)

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Пересылает байты в одну сторону, пока одна из сторон не закроется."""
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except OSError:
            pass
        finally:
            writer.transport.abort()
            self._writers.discard(writer)
