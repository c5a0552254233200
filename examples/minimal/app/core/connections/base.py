"""Базовые средства подключений: общий интерфейс и ожидание готовности при запуске.

Недоступная зависимость опрашивается ограниченное число раз (``STARTUP__ATTEMPTS`` с паузой
``STARTUP__DELAY``), каждая попытка длится не дольше ``STARTUP__TIMEOUT``: зависший сервер,
который принял соединение и молчит, не задерживает запуск дольше
``STARTUP__ATTEMPTS × (STARTUP__TIMEOUT + STARTUP__DELAY)``. После этого запуск прерывается
с понятным сообщением о том, что именно не ответило и почему.
"""

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Protocol

from tenacity import AsyncRetrying, stop_after_attempt, wait_fixed

from app.core.logging import get_logger
from app.core.settings import StartupSettings

logger = get_logger(__name__)


class Connection(Protocol):
    """Подключение к внешнему сервису: пробный запрос и закрытие."""

    async def ping(self) -> None:
        """Проверяет связь; исключение означает, что сервис недоступен."""

    async def close(self) -> None:
        """Закрывает соединения."""


class StartupError(RuntimeError):
    """Зависимость не ответила при запуске за отведённое число попыток."""


def failure_reason(error: BaseException) -> str:
    """Описывает, почему проверка зависимости не прошла, одной строкой.

    Args:
        error: Исключение проверки.

    Returns:
        Причина для журнала, например ``нет ответа за 5 с`` или ``ConnectionRefusedError: …``.
    """
    text = str(error).strip().partition("\n")[0]
    if isinstance(error, TimeoutError):
        return text or "нет ответа: истёк тайм-аут клиента"
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


async def probe_within(probe: Callable[[], Awaitable[None]], seconds: float) -> None:
    """Выполняет проверку зависимости не дольше ``seconds`` секунд.

    Args:
        probe: Пробный запрос.
        seconds: Тайм-аут, с.

    Raises:
        TimeoutError: Зависимость не ответила вовремя (с сообщением ``нет ответа за N с``).
    """
    deadline = asyncio.timeout(seconds)
    try:
        async with deadline:
            await probe()
    except TimeoutError:
        if not deadline.expired():
            raise
        msg = f"нет ответа за {seconds:g} с"
        raise TimeoutError(msg) from None


async def wait_until_ready(
    name: str, probe: Callable[[], Awaitable[None]], startup: StartupSettings
) -> None:
    """Опрашивает зависимость, пока она не ответит или не кончатся попытки.

    Args:
        name: Название зависимости для журнала и сообщения об ошибке.
        probe: Пробный запрос; исключение означает, что зависимость недоступна.
        startup: Число попыток, пауза между ними и тайм-аут одной попытки.

    Raises:
        StartupError: Зависимость так и не ответила.
    """
    retrying = AsyncRetrying(
        stop=stop_after_attempt(startup.attempts),
        wait=wait_fixed(startup.delay),
        reraise=True,
    )
    try:
        async for attempt in retrying:
            with attempt:
                number = attempt.retry_state.attempt_number
                logger.info("Проверка зависимости", dependency=name, attempt=number)
                await probe_within(probe, startup.timeout)
    except Exception as error:
        reason = failure_reason(error)
        msg = (
            f"зависимость «{name}» не ответила, попыток подключения: {startup.attempts} ({reason})"
        )
        logger.error("Запуск прерван", dependency=name, reason=reason)
        raise StartupError(msg) from None


@asynccontextmanager
async def opened[ConnectionT: Connection](
    name: str,
    connection: ConnectionT,
    startup: StartupSettings,
    probe: Callable[[], Awaitable[None]] | None = None,
) -> AsyncIterator[ConnectionT]:
    """Дожидается готовности подключения и закрывает его по выходе из контекста.

    Args:
        name: Название сервиса для журнала и сообщения об ошибке.
        connection: Созданное, но ещё не проверенное подключение.
        startup: Число попыток и пауза между ними.
        probe: Проверка при запуске вместо ``connection.ping`` (например, с подготовкой).

    Yields:
        То же подключение, уже ответившее на пробный запрос.

    Raises:
        StartupError: Сервис так и не ответил.
    """
    try:
        await wait_until_ready(name, probe or connection.ping, startup)
        yield connection
    finally:
        await connection.close()
