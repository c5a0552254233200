"""Основные настройки приложения.

Все значения читаются из переменных окружения (и файла ``.env``); вложенные группы
настроек разделяются двойным подчёркиванием, например ``DATABASE__URL``.
"""

from functools import lru_cache
from typing import Literal, Self

from pydantic import BaseModel, Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.core.settings.logging import LogSettings

DEFAULT_SECRET_KEY = "dev-secret-key-change-me"  # noqa: S105 - значение по умолчанию для dev
"""Ключ по умолчанию: годится только для разработки, в prod приложение с ним не запустится."""

MIN_SECRET_LENGTH = 32
"""Минимальная длина SECRET_KEY в prod."""


class SettingsError(RuntimeError):
    """Настройки некорректны или небезопасны; сообщение объясняет, что исправить."""


class DatabaseSettings(BaseModel):
    """Подключение к PostgreSQL и пул соединений."""

    url: str = Field(
        "postgresql+asyncpg://postgres@127.0.0.1:5432/notes",
        description="Адрес базы данных с драйвером asyncpg.",
    )
    pool_size: int = Field(10, ge=1, description="Число постоянных соединений в пуле.")
    max_overflow: int = Field(
        10, ge=0, description="Число дополнительных соединений сверх размера пула."
    )
    pool_timeout: float = Field(
        10.0, gt=0, description="Время ожидания свободного соединения из пула, с."
    )
    connect_timeout: float = Field(
        5.0, gt=0, description="Тайм-аут подключения к базе, с (зависший сервер — недоступный)."
    )
    command_timeout: float = Field(
        30.0, gt=0, description="Наибольшее время одного запроса к базе, с."
    )
    pool_recycle: int = Field(
        1800, ge=-1, description="Время жизни соединения до пересоздания, с (−1 — бессрочно)."
    )
    echo: bool = Field(default=False, description="Писать SQL-запросы в журнал.")

    @field_validator("url")
    @classmethod
    def _require_asyncpg(cls, value: str) -> str:
        """Проверяет, что адрес использует асинхронный драйвер asyncpg."""
        if not value.startswith("postgresql+asyncpg://"):
            msg = "Адрес базы данных должен начинаться с postgresql+asyncpg://"
            raise ValueError(msg)
        return value


class HttpSettings(BaseModel):
    """Параметры HTTP: CORS и доверенные прокси."""

    cors_origins: list[str] = Field(
        default_factory=lambda: ["http://localhost:3000"],
        description="Источники фронтенда, которым разрешён CORS.",
    )
    trusted_proxies: int = Field(
        0, ge=0, description="Сколько прокси перед приложением дописывают X-Forwarded-For."
    )
    max_body_size: int = Field(
        1048576,
        ge=1,
        description="Наибольший размер тела запроса, байт; больший отклоняется с 413.",
    )


class StartupSettings(BaseModel):
    """Ожидание зависимостей при запуске."""

    attempts: int = Field(5, ge=1, description="Число попыток подключения к каждой зависимости.")
    delay: float = Field(1.0, ge=0, description="Пауза между попытками, с.")
    timeout: float = Field(
        5.0,
        gt=0,
        description="Тайм-аут одной проверки зависимости при запуске и в /health/ready, с.",
    )


class Settings(BaseSettings):
    """Настройки приложения."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_nested_delimiter="__",
        extra="ignore",
    )

    environment: Literal["dev", "staging", "prod"] = Field("dev", description="Окружение запуска.")
    debug: bool = Field(default=False, description="Режим отладки.")
    secret_key: SecretStr = Field(
        SecretStr(DEFAULT_SECRET_KEY), description="Секрет для подписи данных."
    )
    title: str = Field("Заметки", description="Название сервиса в OpenAPI.")
    log: LogSettings = Field(default_factory=LogSettings)
    http: HttpSettings = Field(default_factory=HttpSettings)
    startup: StartupSettings = Field(default_factory=StartupSettings)
    database: DatabaseSettings = Field(default_factory=DatabaseSettings)

    @property
    def json_logs(self) -> bool:
        """Писать ли журнал в JSON: явно заданное значение или «везде, кроме dev»."""
        if self.log.json_format is not None:
            return self.log.json_format
        return self.environment != "dev"

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> Self:
        """Не даёт запустить prod с ключами по умолчанию, отладкой или CORS для всех."""
        default_secret = self.secret_key.get_secret_value() == DEFAULT_SECRET_KEY
        if self.environment == "staging" and default_secret:
            # Ключ по умолчанию опубликован: им может подписать данные кто угодно.
            msg = "SECRET_KEY равен значению по умолчанию — вне dev задайте своё случайное значение"
            raise ValueError(msg)
        if self.environment != "prod":
            return self
        problems: list[str] = []
        secret = self.secret_key.get_secret_value()
        if secret == DEFAULT_SECRET_KEY or len(secret) < MIN_SECRET_LENGTH:
            problems.append(
                "SECRET_KEY не задан, равен значению по умолчанию или короче "
                f"{MIN_SECRET_LENGTH} символов — задайте длинное случайное значение"
            )
        if self.debug:
            problems.append("DEBUG включён — в prod он должен быть выключен")
        if "*" in self.http.cors_origins:
            problems.append("HTTP__CORS_ORIGINS содержит «*» — перечислите домены явно")
        if problems:
            msg = "небезопасные настройки для prod: " + "; ".join(problems)
            raise ValueError(msg)
        return self


def load_settings() -> Settings:
    """Читает настройки из окружения.

    Returns:
        Проверенные настройки.

    Raises:
        SettingsError: Настройки некорректны; в сообщении перечислены все причины.
    """
    try:
        return Settings()
    except ValidationError as error:
        reasons = "; ".join(
            f"{'.'.join(str(part) for part in item['loc']) or 'settings'}: "
            f"{item['msg'].removeprefix('Value error, ')}"
            for item in error.errors()
        )
        msg = f"Приложение не может запуститься: {reasons}"
        raise SettingsError(msg) from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Возвращает настройки, прочитанные из окружения один раз за процесс."""
    return load_settings()
