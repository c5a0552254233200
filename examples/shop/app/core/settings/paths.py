"""Пути файловой системы проекта."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[3]
"""Корень проекта: здесь лежат ``pyproject.toml`` и ``alembic.ini``."""

APP_DIR = PROJECT_ROOT / "app"
"""Пакет приложения."""

ALEMBIC_INI = PROJECT_ROOT / "alembic.ini"
"""Конфигурация Alembic."""
