"""События через RabbitMQ (FastStream): transactional outbox и его отправка, потребители, AsyncAPI.

Регистрация на брокере и запуск — в ``setup``, потребители — в ``consumers``. Пакет их
не реэкспортирует: они импортируют сервисы, и импорт сервисов стал бы циклическим. Процесс,
который отправляет события из outbox и запускает потребителей, — ``app.worker``.
"""

from app.core.integrations.messaging.outbox import add_event
from app.core.integrations.messaging.producers import EventPublisher, OutgoingMessage
from app.core.integrations.messaging.relay import OutboxRelay, RelayLimits, RelayPass, Sender

__all__ = [
    "EventPublisher",
    "OutboxRelay",
    "OutgoingMessage",
    "RelayLimits",
    "RelayPass",
    "Sender",
    "add_event",
]
