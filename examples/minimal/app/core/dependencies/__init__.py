"""Зависимости FastAPI в виде аннотаций ``Annotated``."""

from app.core.dependencies.database import SessionDep, get_session

__all__ = [
    "SessionDep",
    "get_session",
]
