"""Жизненный цикл приложения: подключение к зависимостям при запуске и отключение при остановке."""

from app.core.lifespan.base import lifespan

__all__ = ["lifespan"]
