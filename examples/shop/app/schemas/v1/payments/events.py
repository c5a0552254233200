"""События домена «payments»: публикуются в RabbitMQ после фиксации изменений."""

from typing import ClassVar

from pydantic import Field

from app.schemas.v1.base import IntegrationEvent
from app.schemas.v1.payments.response import (
    PaymentRead,
)


class PaymentCreated(IntegrationEvent):
    """Создана запись «Платёж»."""

    event_type: ClassVar[str] = "payments.payment.created"
    data: PaymentRead = Field(description="Запись после изменения.")


class PaymentUpdated(IntegrationEvent):
    """Изменена запись «Платёж»."""

    event_type: ClassVar[str] = "payments.payment.updated"
    data: PaymentRead = Field(description="Запись после изменения.")
