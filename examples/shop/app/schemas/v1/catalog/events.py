"""События домена «catalog»: публикуются в RabbitMQ после фиксации изменений."""

from typing import ClassVar
from uuid import UUID

from pydantic import Field

from app.schemas.v1.base import IntegrationEvent
from app.schemas.v1.catalog.response import (
    ProductRead,
)


class ProductCreated(IntegrationEvent):
    """Создана запись «Товар»."""

    event_type: ClassVar[str] = "catalog.product.created"
    data: ProductRead = Field(description="Запись после изменения.")


class ProductUpdated(IntegrationEvent):
    """Изменена запись «Товар»."""

    event_type: ClassVar[str] = "catalog.product.updated"
    data: ProductRead = Field(description="Запись после изменения.")


class ProductDeleted(IntegrationEvent):
    """Удалена запись «Товар»."""

    event_type: ClassVar[str] = "catalog.product.deleted"
    id: UUID = Field(description="Идентификатор удалённой записи.")
