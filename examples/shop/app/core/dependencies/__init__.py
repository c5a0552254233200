"""Зависимости FastAPI в виде аннотаций ``Annotated``."""

from app.core.dependencies.base import app_resource
from app.core.dependencies.cache import (
    CacheConnectionDep,
    CacheDep,
    get_cache,
    get_cache_connection,
)
from app.core.dependencies.client import ClientAddressDep, get_client_address
from app.core.dependencies.database import SessionDep, get_session
from app.core.dependencies.http_client import HttpClientDep, get_http_client
from app.core.dependencies.messaging import BrokerDep, get_broker
from app.core.dependencies.storage import StorageDep, get_storage

__all__ = [
    "BrokerDep",
    "CacheConnectionDep",
    "CacheDep",
    "ClientAddressDep",
    "HttpClientDep",
    "SessionDep",
    "StorageDep",
    "app_resource",
    "get_broker",
    "get_cache",
    "get_cache_connection",
    "get_client_address",
    "get_http_client",
    "get_session",
    "get_storage",
]
