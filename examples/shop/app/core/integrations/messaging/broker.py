"""Топология RabbitMQ: обменник событий и очереди потребителей с повторами."""

from dataclasses import dataclass

from faststream.rabbit import ExchangeType, QueueType, RabbitExchange, RabbitQueue


def events_exchange(namespace: str) -> RabbitExchange:
    """Возвращает обменник событий приложения: тематический, переживает перезапуск брокера.

    Args:
        namespace: Префикс имён из ``MESSAGING__NAMESPACE``.
    """
    return RabbitExchange(f"{namespace}.events", type=ExchangeType.TOPIC, durable=True)


@dataclass(frozen=True)
class ConsumerQueues:
    """Очереди одного потребителя (кворумные: переживают перезапуск и сбой узла).

    Сообщение, которое обработчик не смог обработать, уходит в ``retry``, ждёт там
    ``MESSAGING__RETRY_DELAY`` секунд и возвращается в ``main``; после всех повторов оно
    перемещается в ``dead`` и ждёт разбора. Пересылка между очередями подтверждается
    брокером (``at-least-once``): сообщение не теряется и при недоступности очереди.

    Attributes:
        main: Очередь потребителя, привязанная к обменнику событий по ключу события.
        retry: Очередь ожидания перед повтором.
        dead: Отложенные сообщения.
    """

    main: RabbitQueue
    retry: RabbitQueue
    dead: RabbitQueue


def consumer_queues(
    namespace: str, consumer: str, routing_key: str, retry_delay: float
) -> ConsumerQueues:
    """Описывает очереди потребителя; объявляются они при запуске.

    Пауза повтора хранится в аргументах очереди: чтобы изменить её, очередь ``.retry``
    придётся удалить (RabbitMQ не меняет аргументы существующей очереди).

    Args:
        namespace: Префикс имён из ``MESSAGING__NAMESPACE``.
        consumer: Имя потребителя: ``домен.потребитель``.
        routing_key: Ключ события, которое получает потребитель.
        retry_delay: Пауза перед повтором, с.
    """
    name = f"{namespace}.{consumer}"
    main = RabbitQueue(
        name,
        queue_type=QueueType.QUORUM,
        durable=True,
        routing_key=routing_key,
        arguments={
            "x-dead-letter-exchange": "",
            "x-dead-letter-routing-key": f"{name}.retry",
            # Пересылка с подтверждением брокера: без неё сообщение может потеряться.
            "x-dead-letter-strategy": "at-least-once",
            "x-overflow": "reject-publish",
        },
    )
    retry = RabbitQueue(
        f"{name}.retry",
        queue_type=QueueType.QUORUM,
        durable=True,
        arguments={
            "x-message-ttl": round(retry_delay * 1000),
            "x-dead-letter-exchange": "",
            "x-dead-letter-routing-key": name,
            # Пересылка с подтверждением брокера: без неё сообщение может потеряться.
            "x-dead-letter-strategy": "at-least-once",
            "x-overflow": "reject-publish",
        },
    )
    dead = RabbitQueue(f"{name}.dead", queue_type=QueueType.QUORUM, durable=True)
    return ConsumerQueues(main=main, retry=retry, dead=dead)
