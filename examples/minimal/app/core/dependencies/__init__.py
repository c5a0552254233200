"""Зависимости FastAPI в виде аннотаций ``Annotated``."""

from app.core.dependencies.base import app_resource
from app.core.dependencies.database import SessionDep, get_session

__all__ = [
    "SessionDep",
    "app_resource",
    "get_session",
]
