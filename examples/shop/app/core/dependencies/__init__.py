"""Зависимости FastAPI в виде аннотаций ``Annotated``."""

from app.core.dependencies.cache import CacheDep, get_cache
from app.core.dependencies.database import SessionDep, get_session

__all__ = [
    "CacheDep",
    "SessionDep",
    "get_cache",
    "get_session",
]
