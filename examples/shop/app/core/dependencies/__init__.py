"""Зависимости FastAPI в виде аннотаций ``Annotated``."""

from app.core.dependencies.cache import CacheDep, get_cache
from app.core.dependencies.database import SessionDep, get_session
from app.core.dependencies.messaging import BrokerDep, get_broker
from app.core.dependencies.storage import StorageDep, get_storage

__all__ = [
    "BrokerDep",
    "CacheDep",
    "SessionDep",
    "StorageDep",
    "get_broker",
    "get_cache",
    "get_session",
    "get_storage",
]
