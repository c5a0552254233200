"""Отслеживание активности: время последнего запроса пользователя.

Время пишется уже после ответа и не чаще раза в минуту на пользователя: запрос знает,
когда пользователь был активен в прошлый раз (оно прочитано вместе с ним при проверке
токена), и обновление нужно, только если это было больше минуты назад. Условие повторено в
самом ``UPDATE``, поэтому параллельные запросы и несколько процессов не пишут лишнего.
"""

from datetime import timedelta

from sqlalchemy import or_, update
from sqlalchemy.exc import SQLAlchemyError
from starlette.types import ASGIApp, Receive, Scope, Send

from app.core.clock import Clock
from app.core.connections import Database
from app.core.logging import get_logger
from app.models.v1.users import User

ACTIVITY_INTERVAL = timedelta(minutes=1)
"""Как часто обновляется время активности одного пользователя."""

USER_ACTIVITY = "user_activity"
"""Ключ ``scope["state"]``: (пользователь, его прежнее время активности)."""

logger = get_logger(__name__)


class ActivityMiddleware:
    """Обновляет ``users.last_activity_at`` после ответа вошедшему пользователю."""

    def __init__(self, app: ASGIApp, *, clock: Clock) -> None:
        """Оборачивает ASGI-приложение.

        Args:
            app: Следующее приложение в цепочке.
            clock: Часы приложения: время активности и интервал между записями.
        """
        self.app = app
        self.clock = clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Передаёт запрос дальше, затем при необходимости записывает активность."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # Общий словарь состояния: в него проверка токена кладёт пользователя.
        state: dict[str, object] = scope.setdefault("state", {})
        await self.app(scope, receive, send)
        seen = state.get(USER_ACTIVITY)
        if not isinstance(seen, tuple):
            return
        user_id, last = seen
        now = self.clock.now()
        if last is not None and now - last < ACTIVITY_INTERVAL:
            return
        database: Database = scope["app"].state.database
        try:
            async with database.unit_of_work() as session:
                await session.execute(
                    update(User)
                    .where(
                        User.id == user_id,
                        or_(
                            User.last_activity_at.is_(None),
                            User.last_activity_at <= now - ACTIVITY_INTERVAL,
                        ),
                    )
                    # Время активности — не изменение учётной записи: updated_at остаётся прежним.
                    .values(last_activity_at=now, updated_at=User.updated_at)
                    .execution_options(synchronize_session=False)
                )
        except SQLAlchemyError as error:
            logger.warning("Время активности не записано", user_id=str(user_id), error=str(error))
