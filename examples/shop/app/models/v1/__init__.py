"""Реестр моделей версии 1: импорт регистрирует все таблицы в ``Base.metadata``.

Файл принадлежит генератору: он пересоздаётся при добавлении домена.
"""

from app.models.v1.addresses import Address
from app.models.v1.auth_sessions import AuthSession, LoginFailure
from app.models.v1.base import Base
from app.models.v1.categories import Category
from app.models.v1.outbox_messages import OutboxMessage
from app.models.v1.payments import Payment
from app.models.v1.processed_messages import ProcessedMessage
from app.models.v1.products import Product
from app.models.v1.tags import Tag
from app.models.v1.user_tokens import UserToken
from app.models.v1.users import User

__all__ = [
    "Address",
    "AuthSession",
    "Base",
    "Category",
    "LoginFailure",
    "OutboxMessage",
    "Payment",
    "ProcessedMessage",
    "Product",
    "Tag",
    "User",
    "UserToken",
]
