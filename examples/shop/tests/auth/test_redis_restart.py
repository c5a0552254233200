"""Перезапуск Redis не теряет состояние входа: сессии и блокировки живут в базе.

Redis часто работает как кэш без сохранения на диск. Тест запускает собственный
``redis-server`` на unix-сокете во временном каталоге (общий Redis из настроек он не трогает),
приложение работает с ним, затем сервер убивается и запускается заново — пустым. Вошедший
пользователь остаётся в своей сессии, а заблокированный адрес — заблокированным.
Без ``redis-server`` в ``PATH`` тест пропускается (в CI он есть).
"""

import asyncio
import shutil
import tempfile
import time
from asyncio.subprocess import DEVNULL, Process
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient
from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.settings import Settings
from app.main import create_app
from tests.auth.conftest import bearer_of, sign_in
from tests.conftest import FrozenClock
from tests.factories import PASSWORD, make_user
from tests.servers import running

REDIS_SERVER = shutil.which("redis-server")
WAIT = 10.0
"""Сколько секунд самое большее ждать, пока запущенный Redis ответит."""


class OwnRedis:
    """Свой ``redis-server`` теста: без сохранения на диск, его можно убить и запустить снова."""

    def __init__(self, binary: str, directory: Path) -> None:
        self.binary = binary
        self.directory = directory
        self.socket = directory / "redis.sock"
        self.process: Process | None = None

    @property
    def url(self) -> str:
        """Адрес сервера для ``CACHE__URL``."""
        return f"unix://{self.socket}"

    async def keys(self) -> int:
        """Число ключей на сервере; ``-1`` — сервер не отвечает."""
        client = Redis(unix_socket_path=str(self.socket), socket_timeout=1)
        try:
            return int(await client.dbsize())
        except (RedisError, OSError):
            return -1
        finally:
            await client.aclose()

    async def start(self) -> None:
        """Запускает сервер и ждёт (не дольше ``WAIT``), пока он ответит."""
        self.process = await asyncio.create_subprocess_exec(
            self.binary,
            "--port",
            "0",
            "--unixsocket",
            str(self.socket),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(self.directory),
            stdout=DEVNULL,
            stderr=DEVNULL,
        )
        deadline = time.monotonic() + WAIT
        while await self.keys() < 0:
            assert self.process.returncode is None, "redis-server завершился при запуске"
            assert time.monotonic() < deadline, "redis-server не ответил"
            await asyncio.sleep(0.02)

    async def kill(self) -> None:
        """Убивает сервер (SIGKILL): всё, что было только в его памяти, пропадает."""
        if self.process is not None and self.process.returncode is None:
            self.process.kill()
            await self.process.wait()
        self.process = None


@pytest.fixture
async def own_redis() -> AsyncIterator[OwnRedis]:
    """Свой ``redis-server`` на время теста."""
    if REDIS_SERVER is None:
        pytest.skip("redis-server не найден в PATH: перезапуск Redis не проверить")
    directory = Path(tempfile.mkdtemp(prefix="redis-"))
    server = OwnRedis(REDIS_SERVER, directory)
    await server.start()
    try:
        yield server
    finally:
        await server.kill()
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
async def restartable(
    settings: Settings, own_redis: OwnRedis, clock: FrozenClock
) -> AsyncIterator[FastAPI]:
    """Приложение, которое хранит в своём Redis всё, что хранит в Redis."""
    cache = settings.cache.model_copy(update={"url": own_redis.url})
    async with running(
        create_app(settings.model_copy(update={"cache": cache}), clock=clock)
    ) as app:
        yield app


async def test_a_session_and_a_lockout_survive_a_redis_restart(
    restartable: FastAPI, own_redis: OwnRedis, session: AsyncSession
) -> None:
    await make_user(session, email="anna@example.com")
    await make_user(session, email="boris@example.com")
    transport = ASGITransport(app=restartable)
    async with AsyncClient(transport=transport, base_url="http://test") as http:
        pair = await sign_in(http, "anna@example.com")
        attempts = restartable.state.settings.auth.lockout_attempts
        wrong = {"email": "boris@example.com", "password": "wrong-password-1"}
        statuses = [
            (await http.post("/api/v1/auth/login", json=wrong)).status_code for _ in range(attempts)
        ]
        assert statuses[-1] == 429
        # Redis теряет всё: убит и запущен заново без сохранённых данных.
        await own_redis.kill()
        await own_redis.start()
        assert await own_redis.keys() == 0
        profile = await http.get("/api/v1/profile", headers=bearer_of(pair))
        assert profile.status_code == 200, profile.text
        refreshed = await http.post(
            "/api/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]}
        )
        assert refreshed.status_code == 200, refreshed.text
        right = {"email": "boris@example.com", "password": PASSWORD}
        locked = await http.post("/api/v1/auth/login", json=right)
        assert locked.status_code == 429, locked.text
        assert locked.json()["error"]["code"] == "account_locked"
