"""Потребители событий: повторы с паузой, отложенные сообщения и однократная обработка.

Обработчик получает типизированное событие и сессию базы данных. Сообщение подтверждается
только после того, как обработчик закончил работу и транзакция зафиксирована. Ошибка
возвращает сообщение на повтор через очередь ``.retry``; после ``MESSAGING__MAX_RETRIES``
повторов оно перемещается в очередь ``.dead``. Сообщение, которое не разобрать (тело не
соответствует схеме события или нет ``message_id``), перемещается туда сразу: повтор ничего
не изменит. Повторная доставка того же сообщения (по ``message_id``) не обрабатывается второй
раз: отметка в таблице ``processed_messages`` пишется в одной транзакции с изменениями
обработчика.
"""

from collections.abc import Awaitable, Callable
from typing import Any

from faststream import AckPolicy, BaseMiddleware
from faststream.message import StreamMessage
from faststream.rabbit import RabbitBroker, RabbitMessage, RabbitRouter
from faststream.rabbit.subscriber import RabbitSubscriber
from faststream.types import AsyncFuncAny
from pydantic import ValidationError
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.connections import Database, Messaging
from app.core.integrations.messaging.broker import ConsumerQueues, consumer_queues, events_exchange
from app.core.logging import get_logger
from app.models.v1 import ProcessedMessage
from app.schemas.v1.catalog import ProductDeleted
from app.schemas.v1.payments import PaymentCreated
from app.services.v1.catalog import CatalogEventHandler
from app.services.v1.payments import PaymentsEventHandler

logger = get_logger(__name__)

DeathRecord = dict[str, Any]


class MalformedMessageError(ValueError):
    """Сообщение нельзя обработать ни с какой попытки: нет ``message_id``."""


class HandlerFailedError(RuntimeError):
    """Обработчик события поднял ошибку проверки данных; сообщение будет повторено.

    Ошибку проверки из тела обработчика нужно отличать от ошибки разбора самого сообщения:
    вторая повтором не исправится, первая (например, данные ещё не появились) — может.
    """


def retries_made(headers: dict[str, Any]) -> int:
    """Возвращает число повторов сообщения после ошибок.

    RabbitMQ ведёт счёт в заголовке ``x-death``: запись с причиной ``rejected`` появляется,
    когда потребитель отклоняет сообщение.

    Args:
        headers: Заголовки сообщения.
    """
    deaths: list[DeathRecord] = headers.get("x-death") or []
    return next((int(d.get("count", 0)) for d in deaths if d.get("reason") == "rejected"), 0)


class RetryThenDeadLetter(BaseMiddleware):
    """При ошибке возвращает сообщение на повтор, после последней попытки — в очередь .dead."""

    def __init__(self, msg: Any, /, *, context: Any, max_retries: int) -> None:  # noqa: ANN401
        """Создаёт обработку ошибок для одного сообщения.

        Args:
            msg: Сообщение брокера.
            context: Контекст FastStream.
            max_retries: Сколько повторов допускается.
        """
        super().__init__(msg, context=context)
        self.max_retries = max_retries

    async def consume_scope(self, call_next: AsyncFuncAny, msg: StreamMessage[Any]) -> Any:  # noqa: ANN401
        """Вызывает обработчик; при ошибке решает: повтор или очередь ``.dead``."""
        try:
            return await call_next(msg)
        except Exception as error:
            retries = retries_made(msg.headers)
            malformed = isinstance(error, ValidationError | MalformedMessageError)
            if retries < self.max_retries and not malformed:
                logger.warning(
                    "Сообщение будет обработано повторно",
                    message_id=msg.message_id,
                    retries=retries,
                    error=f"{type(error).__name__}: {error}",
                )
                raise
            subscriber: RabbitSubscriber = self.context.get("handler_")
            broker: RabbitBroker = self.context.get("broker")
            dead = f"{subscriber.queue.name}.dead"
            await broker.publish(
                msg.body,
                queue=dead,
                message_id=msg.message_id,
                correlation_id=msg.correlation_id,
                content_type=msg.content_type,
                headers={**msg.headers, "x-error": f"{type(error).__name__}: {error}"[:1000]},
                persist=True,
            )
            logger.error(
                "Сообщение перемещено в очередь необработанных сообщений",
                message_id=msg.message_id,
                queue=dead,
                retries=retries,
                error=f"{type(error).__name__}: {error}",
            )
            return None


class RetryPolicy:
    """Строит :class:`RetryThenDeadLetter` с числом повторов из настроек."""

    def __init__(self, max_retries: int) -> None:
        """Запоминает число повторов.

        Args:
            max_retries: Сколько повторов допускается.
        """
        self.max_retries = max_retries

    def __call__(self, msg: Any, /, *, context: Any) -> RetryThenDeadLetter:  # noqa: ANN401
        """Возвращает обработку ошибок для очередного сообщения."""
        return RetryThenDeadLetter(msg, context=context, max_retries=self.max_retries)


async def handle_once(
    database: Database,
    consumer: str,
    message_id: str,
    handler: Callable[[AsyncSession], Awaitable[None]],
) -> bool:
    """Выполняет обработчик в транзакции, если сообщение ещё не обрабатывалось.

    Args:
        database: Подключение к базе данных.
        consumer: Имя потребителя.
        message_id: Идентификатор сообщения (события).
        handler: Обработчик; получает сессию той же транзакции, что и отметка.

    Returns:
        ``True``, если обработчик выполнен; ``False`` — сообщение уже обработано раньше.
    """
    async with database.unit_of_work() as session:
        claimed = await session.scalar(
            insert(ProcessedMessage)
            .values(consumer=consumer, message_id=message_id)
            .on_conflict_do_nothing()
            .returning(ProcessedMessage.message_id)
        )
        if claimed is None:
            logger.info(
                "Сообщение уже обработано, повторная доставка пропущена",
                consumer=consumer,
                message_id=message_id,
            )
            return False
        try:
            await handler(session)
        except ValidationError as error:
            raise HandlerFailedError(str(error)) from error
    return True


def require_message_id(message: RabbitMessage) -> str:
    """Возвращает идентификатор сообщения, заданный отправителем.

    Без него повторную доставку не распознать (FastStream подставил бы случайный).

    Raises:
        MalformedMessageError: Отправитель не задал ``message_id``.
    """
    given = message.raw_message.message_id
    if not given:
        msg = "у сообщения нет message_id: повторную доставку нельзя распознать"
        raise MalformedMessageError(msg)
    return given


def register_consumers(
    messaging: Messaging, database: Callable[[], Database]
) -> list[ConsumerQueues]:
    """Регистрирует потребителей событий на брокере; запускаются они вместе с брокером.

    Args:
        messaging: Подключение к RabbitMQ, ещё не запущенное.
        database: Возвращает подключение к базе, открытое при запуске приложения.

    Returns:
        Очереди потребителей: очереди повторов и отложенных сообщений объявляются при запуске.
    """
    settings = messaging.settings
    router = RabbitRouter(middlewares=[RetryPolicy(settings.max_retries)])
    exchange = events_exchange(settings.namespace)
    queues: list[ConsumerQueues] = []

    catalog_payment_created = consumer_queues(
        settings.namespace,
        "catalog.payment_created",
        PaymentCreated.event_type,
        settings.retry_delay,
    )
    queues.append(catalog_payment_created)

    @router.subscriber(
        catalog_payment_created.main,
        exchange,
        ack_policy=AckPolicy.REJECT_ON_ERROR,
        title="catalog.payment_created",
        description="Учитывает оплаченный товар",
    )
    async def on_catalog_payment_created(event: PaymentCreated, message: RabbitMessage) -> None:
        """Учитывает оплаченный товар."""
        await handle_once(
            database(),
            "catalog.payment_created",
            require_message_id(message),
            lambda session: CatalogEventHandler(session).on_payment_created(event),
        )

    payments_product_withdrawn = consumer_queues(
        settings.namespace,
        "payments.product_withdrawn",
        ProductDeleted.event_type,
        settings.retry_delay,
    )
    queues.append(payments_product_withdrawn)

    @router.subscriber(
        payments_product_withdrawn.main,
        exchange,
        ack_policy=AckPolicy.REJECT_ON_ERROR,
        title="payments.product_withdrawn",
        description="Отмечает платежи за снятый товар",
    )
    async def on_payments_product_withdrawn(event: ProductDeleted, message: RabbitMessage) -> None:
        """Отмечает платежи за снятый товар."""
        await handle_once(
            database(),
            "payments.product_withdrawn",
            require_message_id(message),
            lambda session: PaymentsEventHandler(session).on_product_withdrawn(event),
        )

    messaging.broker.include_router(router)
    return queues
