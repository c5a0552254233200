"""Базовые средства подключений: общий интерфейс и ожидание готовности при запуске.

Недоступная зависимость опрашивается ограниченное число раз (``STARTUP__ATTEMPTS`` с паузой
``STARTUP__DELAY``), после чего запуск прерывается с понятным сообщением о том, что именно
не ответило.
"""

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


async def wait_until_ready(
    name: str, probe: Callable[[], Awaitable[None]], startup: StartupSettings
) -> None:
    """Опрашивает зависимость, пока она не ответит или не кончатся попытки.

    Args:
        name: Название зависимости для журнала и сообщения об ошибке.
        probe: Пробный запрос; исключение означает, что зависимость недоступна.
        startup: Число попыток и пауза между ними.

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
                await probe()
    except Exception as error:
        reason = f"{type(error).__name__}: {error}"
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
