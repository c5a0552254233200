"""Основные настройки приложения.

Все значения читаются из переменных окружения (и файла ``.env``); вложенные группы
настроек разделяются двойным подчёркиванием, например ``DATABASE__URL``.
"""

from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class DatabaseSettings(BaseModel):
    """Подключение к PostgreSQL и пул соединений."""

    url: str = Field(
        "postgresql+asyncpg://postgres@127.0.0.1:5432/shop",
        description="Адрес базы данных с драйвером asyncpg.",
    )
    pool_size: int = Field(10, ge=1, description="Постоянных соединений в пуле.")
    max_overflow: int = Field(10, ge=0, description="Дополнительных соединений сверх пула.")
    pool_timeout: float = Field(30.0, gt=0, description="Ожидание свободного соединения, с.")
    pool_recycle: int = Field(1800, ge=-1, description="Пересоздание соединения через, с.")
    echo: bool = Field(default=False, description="Писать SQL-запросы в журнал.")

    @field_validator("url")
    @classmethod
    def _require_asyncpg(cls, value: str) -> str:
        """Проверяет, что адрес использует асинхронный драйвер asyncpg."""
        if not value.startswith("postgresql+asyncpg://"):
            msg = "Адрес базы данных должен начинаться с postgresql+asyncpg://"
            raise ValueError(msg)
        return value


class Settings(BaseSettings):
    """Настройки приложения."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_nested_delimiter="__",
        extra="ignore",
    )

    environment: Literal["dev", "staging", "prod"] = Field("dev", description="Окружение запуска.")
    debug: bool = Field(default=False, description="Режим отладки.")
    title: str = Field("Магазин", description="Название сервиса в OpenAPI.")
    database: DatabaseSettings = Field(default_factory=DatabaseSettings)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Возвращает настройки, прочитанные из окружения один раз за процесс."""
    return Settings()
