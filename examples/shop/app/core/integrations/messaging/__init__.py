"""События через RabbitMQ (FastStream): публикация после фиксации, потребители, AsyncAPI.

Регистрация на брокере и запуск — в ``setup``, потребители — в ``consumers``. Пакет их
не реэкспортирует: они импортируют сервисы, и импорт сервисов стал бы циклическим.
"""

from app.core.integrations.messaging.api import EventPublisherDep, get_event_publisher
from app.core.integrations.messaging.hooks import publish_after_commit
from app.core.integrations.messaging.producers import EventPublisher

__all__ = [
    "EventPublisher",
    "EventPublisherDep",
    "get_event_publisher",
    "publish_after_commit",
]
