"""Подключение к PostgreSQL: асинхронный движок SQLAlchemy и фабрика сессий."""

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from sqlalchemy import text
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from app.core.logging import get_logger
from app.core.settings import DatabaseSettings

logger = get_logger(__name__)

AFTER_COMMIT = "after_commit"
"""Ключ ``session.info`` со списком действий, отложенных до фиксации транзакции."""

AFTER_ROLLBACK = "after_rollback"
"""Ключ ``session.info`` со списком действий на случай отката транзакции."""

Deferred = Callable[[], Awaitable[None]]
"""Действие, отложенное до конца транзакции: сброс кэша, публикация события, удаление файла."""


def after_commit(session: AsyncSession, action: Deferred) -> None:
    """Откладывает действие до успешной фиксации транзакции сессии.

    При откате действие отбрасывается: кэш не сбрасывается зря, событие о несостоявшемся
    изменении не публикуется.

    Args:
        session: Сессия, в транзакции которой сделано изменение.
        action: Действие; выполняется уже после фиксации, его сбой пишется в журнал.
    """
    session.info.setdefault(AFTER_COMMIT, []).append(action)


def after_rollback(session: AsyncSession, action: Deferred) -> None:
    """Откладывает действие до отката транзакции сессии (например, удаление нового файла).

    Args:
        session: Сессия, в транзакции которой сделано изменение.
        action: Действие; выполняется после отката, его сбой пишется в журнал.
    """
    session.info.setdefault(AFTER_ROLLBACK, []).append(action)


async def run_deferred(actions: list[Deferred], stage: str) -> None:
    """Выполняет отложенные действия по очереди; сбой одного не мешает остальным.

    Args:
        actions: Действия в порядке регистрации.
        stage: Когда они выполняются (для журнала): после фиксации или после отката.
    """
    for action in actions:
        try:
            await action()
        except Exception as error:
            logger.error(
                "Отложенное действие не выполнено",
                stage=stage,
                action=getattr(action, "__qualname__", repr(action)),
                error=f"{type(error).__name__}: {error}",
            )


class Database:
    """Движок и фабрика сессий, общие для всего приложения.

    Attributes:
        engine: Асинхронный движок с пулом соединений.
        sessionmaker: Фабрика сессий; после фиксации объекты сессии не помечаются
            устаревшими (``expire_on_commit=False``).
    """

    def __init__(self, settings: DatabaseSettings) -> None:
        """Создаёт движок по настройкам; соединения открываются при первом запросе.

        Args:
            settings: Настройки подключения и пула.
        """
        self.engine: AsyncEngine = create_async_engine(
            settings.url,
            pool_size=settings.pool_size,
            max_overflow=settings.max_overflow,
            pool_timeout=settings.pool_timeout,
            pool_recycle=settings.pool_recycle,
            # Соединение проверяется перед выдачей из пула: оборванные после перезапуска базы
            # заменяются новыми, и первый же запрос после её возвращения проходит.
            pool_pre_ping=True,
            # Зависший сервер не держит запрос дольше тайм-аутов: подключения и одной команды.
            connect_args={
                "timeout": settings.connect_timeout,
                "command_timeout": settings.command_timeout,
            },
            echo=settings.echo,
            # Значения параметров (персональные данные) не попадают в тексты ошибок и журнал.
            hide_parameters=not settings.echo,
        )
        self.sessionmaker: async_sessionmaker[AsyncSession] = async_sessionmaker(
            self.engine, expire_on_commit=False, autoflush=False
        )

    @asynccontextmanager
    async def unit_of_work(self) -> AsyncIterator[AsyncSession]:
        """Открывает сессию-единицу работы: фиксация при успехе, откат при ошибке.

        После фиксации выполняются действия, отложенные через :func:`after_commit`, после
        отката — через :func:`after_rollback`; сбой одного из них пишется в журнал и не мешает
        остальным.

        Yields:
            Сессия, общая для всех слоёв в пределах единицы работы.
        """
        async with self.sessionmaker() as session:
            try:
                yield session
                await session.commit()
            except BaseException:
                session.info.pop(AFTER_COMMIT, None)
                undo: list[Deferred] = session.info.pop(AFTER_ROLLBACK, [])
                await session.rollback()
                await run_deferred(undo, "после отката")
                raise
            actions: list[Deferred] = session.info.pop(AFTER_COMMIT, [])
        await run_deferred(actions, "после фиксации")

    async def ping(self) -> None:
        """Выполняет пробный запрос; исключение означает, что база недоступна."""
        async with self.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))

    async def close(self) -> None:
        """Закрывает все соединения пула."""
        await self.engine.dispose()
