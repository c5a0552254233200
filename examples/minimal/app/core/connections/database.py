"""Подключение к PostgreSQL: асинхронный движок SQLAlchemy и фабрика сессий."""

from sqlalchemy import text
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from app.core.settings import DatabaseSettings


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

    async def ping(self) -> None:
        """Выполняет пробный запрос; исключение означает, что база недоступна."""
        async with self.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))

    async def close(self) -> None:
        """Закрывает все соединения пула."""
        await self.engine.dispose()
