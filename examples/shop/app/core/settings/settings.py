"""Основные настройки приложения.

Все значения читаются из переменных окружения (и файла ``.env``); вложенные группы
настроек разделяются двойным подчёркиванием, например ``DATABASE__URL``.
"""

from functools import lru_cache
from typing import Literal, Self

from limits import parse
from pydantic import BaseModel, Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.core.settings.logging import LogSettings

DEFAULT_SECRET_KEY = "dev-secret-key-change-me"  # noqa: S105 - значение по умолчанию для dev
"""Ключ по умолчанию: годится только для разработки, в prod приложение с ним не запустится."""

MIN_SECRET_LENGTH = 32
"""Минимальная длина SECRET_KEY в prod."""

DEFAULT_STORAGE_ACCESS_KEY = "minioadmin"
DEFAULT_STORAGE_SECRET_KEY = "minioadmin"  # noqa: S105 - учётная запись MinIO для разработки
"""Учётная запись MinIO по умолчанию: в prod приложение с ней не запустится."""


class SettingsError(RuntimeError):
    """Настройки некорректны или небезопасны; сообщение объясняет, что исправить."""


class DatabaseSettings(BaseModel):
    """Подключение к PostgreSQL и пул соединений."""

    url: str = Field(
        "postgresql+asyncpg://postgres@127.0.0.1:5432/shop",
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


class CacheSettings(BaseModel):
    """Подключение к Redis."""

    url: str = Field("redis://127.0.0.1:6379/0", description="Адрес Redis.")
    prefix: str = Field(
        "shop",
        min_length=1,
        description="Префикс ключей приложения: разделяет сервисы с общим Redis.",
    )
    max_connections: int = Field(50, ge=1, description="Максимальное число соединений в пуле.")
    socket_timeout: float = Field(5.0, gt=0, description="Тайм-аут операции, с.")
    health_check_interval: int = Field(
        15,
        ge=0,
        description="Соединение, простоявшее дольше, перед работой проверяется PING, с (0 — нет).",
    )
    retries: int = Field(
        3, ge=0, description="Повторов команды при обрыве соединения или тайм-ауте (с паузой)."
    )


class MessagingSettings(BaseModel):
    """Подключение к RabbitMQ."""

    url: str = Field("amqp://guest:guest@127.0.0.1:5672/", description="Адрес RabbitMQ.")
    timeout: float = Field(5.0, gt=0, description="Тайм-аут проверки соединения, с.")
    namespace: str = Field(
        "shop",
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$",
        description="Префикс обменника событий и очередей приложения.",
    )
    relay_interval: float = Field(
        1.0, gt=0, description="Пауза между проходами отправки событий из outbox, с."
    )
    relay_batch_size: int = Field(
        100, ge=1, description="Сколько событий outbox отправляется за один проход."
    )
    publish_timeout: float = Field(
        5.0, gt=0, description="Сколько ждать подтверждения брокера на одно событие, с."
    )
    consumers: bool = Field(
        default=True,
        description="Запускать потребителей событий в процессе-обработчике (python -m app.worker); "
        "false — обработчик только отправляет события из outbox.",
    )
    prefetch: int = Field(
        10, ge=1, description="Сколько сообщений потребитель обрабатывает одновременно."
    )
    max_retries: int = Field(
        3, ge=0, description="Сколько раз повторить сообщение, прежде чем отложить его в .dead."
    )
    retry_delay: float = Field(
        5.0, gt=0, description="Пауза перед повтором сообщения, с (задаётся при создании очереди)."
    )


class StorageSettings(BaseModel):
    """S3-совместимое хранилище файлов (MinIO при разработке)."""

    endpoint_url: str = Field("http://127.0.0.1:9000", description="Адрес S3 API.")
    public_endpoint_url: str | None = Field(
        None,
        description="Адрес S3 для клиентов в подписанных ссылках, если он другой (например, "
        "приложение ходит в http://minio:9000, а браузер — в http://localhost:9000).",
    )
    region: str = Field("us-east-1", description="Регион хранилища.")
    access_key: str = Field(DEFAULT_STORAGE_ACCESS_KEY, description="Ключ доступа.")
    secret_key: SecretStr = Field(
        SecretStr(DEFAULT_STORAGE_SECRET_KEY), description="Секретный ключ доступа."
    )
    bucket: str = Field(
        "shop",
        pattern=r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$",
        description="Бакет для файлов приложения.",
    )
    create_bucket: bool = Field(
        default=True, description="Создать бакет при запуске, если его ещё нет."
    )
    max_connections: int = Field(20, ge=1, description="Максимальное число соединений в пуле.")
    timeout: float = Field(5.0, gt=0, description="Тайм-аут подключения и чтения, с.")
    presign_ttl: int = Field(
        900, ge=1, le=604800, description="Срок действия подписанной ссылки на файл, с."
    )


class MailSettings(BaseModel):
    """Отправка почты через SMTP (Mailpit при разработке)."""

    host: str = Field("127.0.0.1", description="Адрес SMTP-сервера.")
    port: int = Field(1025, ge=1, le=65535, description="Порт SMTP-сервера.")
    username: str | None = Field(None, description="Имя пользователя SMTP, если нужен вход.")
    password: SecretStr | None = Field(None, description="Пароль SMTP.")
    security: Literal["none", "starttls", "tls"] = Field(
        "none", description="Шифрование: нет, STARTTLS или TLS с самого начала."
    )
    sender: str = Field(
        "Магазин <noreply@shop.example>",
        description="Адрес отправителя (поле From).",
    )
    local_hostname: str = Field("localhost", description="Имя этого узла в приветствии EHLO.")
    timeout: float = Field(10.0, gt=0, description="Тайм-аут SMTP-операций, с.")
    backend: Literal["smtp", "log"] = Field(
        "smtp", description="smtp — отправлять; log — только писать письма в журнал."
    )
    attempts: int = Field(3, ge=1, description="Попыток отправки при временных сбоях SMTP-сервера.")
    retry_wait: float = Field(
        1.0, ge=0, description="Начальная пауза между попытками, с; растёт вдвое."
    )


class HttpClientSettings(BaseModel):
    """Общий HTTP-клиент для внешних API: тайм-ауты и повторы."""

    timeout: float = Field(10.0, gt=0, description="Тайм-аут одной попытки запроса, с.")
    connect_timeout: float = Field(3.0, gt=0, description="Тайм-аут подключения, с.")
    retries: int = Field(
        3, ge=0, description="Повторов после первой попытки (только идемпотентные методы)."
    )
    backoff: float = Field(
        0.5, ge=0, description="Основа паузы между повторами, с: растёт вдвое, со случайностью."
    )
    max_backoff: float = Field(
        10.0, gt=0, description="Наибольшая пауза перед повтором, с (и для Retry-After)."
    )
    max_connections: int = Field(100, ge=1, description="Наибольшее число соединений.")
    user_agent: str = Field("shop/0.1.0", description="Заголовок User-Agent.")


class RateLimitSettings(BaseModel):
    """Ограничение частоты запросов с одного IP-адреса."""

    enabled: bool = Field(default=True, description="Включить ограничение.")
    default: str = Field("100/minute", description="Лимит, например ``100/minute``.")

    @field_validator("default")
    @classmethod
    def _parse_limit(cls, value: str) -> str:
        """Проверяет запись лимита при запуске, а не при первом запросе."""
        try:
            limit = parse(value)
        except ValueError:
            msg = f"лимит «{value}» не распознан — используйте запись вида 100/minute"
            raise ValueError(msg) from None
        if limit.amount < 1:
            msg = f"лимит «{value}» не пропустит ни одного запроса — разрешите хотя бы один"
            raise ValueError(msg)
        return value


TOKEN_PLACEHOLDER = "{token}"  # noqa: S105 - шаблон подстановки, не секрет
"""Место токена в адресах ссылок из писем."""

MIN_PRODUCTION_BCRYPT_ROUNDS = 12
"""Наименьшая стоимость bcrypt, с которой запускается prod."""


class AuthSettings(BaseModel):
    """Вход: токены, cookie, пароли, письма со ссылками и защита от подбора пароля."""

    issuer: str = Field("shop", min_length=1, description="Издатель токенов (iss).")
    audience: str = Field("shop-api", min_length=1, description="Получатель токенов (aud).")
    access_token_ttl: int = Field(900, ge=30, description="Срок жизни access-токена, с.")
    refresh_token_ttl: int = Field(
        2592000, ge=60, description="Срок жизни refresh-токена и сессии входа, с."
    )
    refresh_reuse_grace: float = Field(
        5,
        ge=0,
        le=60,
        description="Окно повтора refresh-токена, с: в течение него после обновления тот же "
        "токен получает ту же пару (две вкладки), позже — сессия отзывается; 0 — без окна.",
    )
    bcrypt_rounds: int = Field(
        12, ge=4, le=16, description="Стоимость bcrypt: 2^N раундов (в prod не меньше 12)."
    )
    password_min_length: int = Field(
        10, ge=8, le=64, description="Наименьшая длина пароля, символов."
    )
    login_rate_limit: str = Field(
        "5/minute",
        description="Лимит входов, регистраций и писем — отдельно на IP и на адрес почты.",
    )
    lockout_attempts: int = Field(10, ge=1, description="Неудачных входов подряд до блокировки.")
    lockout_seconds: int = Field(900, ge=1, description="Срок блокировки входа по адресу, с.")
    cookie_secure: bool | None = Field(
        None, description="Флаг Secure у cookie; по умолчанию — везде, кроме dev."
    )
    cookie_samesite: Literal["lax", "strict"] = Field(
        "lax", description="Атрибут SameSite у cookie входа."
    )
    cookie_domain: str | None = Field(
        None, description="Домен cookie, если фронтенд на поддомене; по умолчанию — текущий."
    )
    verification_ttl: int = Field(
        86400, ge=60, description="Срок действия ссылки подтверждения адреса, с."
    )
    verify_url: str = Field(
        "http://localhost:3000/verify-email?token={token}",
        description="Ссылка подтверждения адреса во фронтенде; {token} заменяется токеном.",
    )
    reset_ttl: int = Field(3600, ge=60, description="Срок действия ссылки сброса пароля, с.")
    reset_url: str = Field(
        "http://localhost:3000/reset-password?token={token}",
        description="Ссылка сброса пароля во фронтенде; {token} заменяется токеном.",
    )

    @field_validator("login_rate_limit")
    @classmethod
    def _parse_login_limit(cls, value: str) -> str:
        """Проверяет запись лимита при запуске, а не при первом входе."""
        try:
            limit = parse(value)
        except ValueError:
            msg = f"лимит «{value}» не распознан — используйте запись вида 5/minute"
            raise ValueError(msg) from None
        if limit.amount < 1:
            msg = f"лимит «{value}» не пропустит ни одного запроса — разрешите хотя бы один"
            raise ValueError(msg)
        return value

    @field_validator("verify_url", "reset_url")
    @classmethod
    def _require_token_placeholder(cls, value: str) -> str:
        """Проверяет, что в адресе есть место для токена."""
        if TOKEN_PLACEHOLDER not in value or not value.startswith(("http://", "https://")):
            msg = "адрес должен начинаться с http:// или https:// и содержать {token}"
            raise ValueError(msg)
        return value

    @model_validator(mode="after")
    def _access_shorter_than_refresh(self) -> Self:
        """Access-токен живёт меньше refresh-токена, иначе обновление теряет смысл."""
        if self.access_token_ttl >= self.refresh_token_ttl:
            msg = "AUTH__ACCESS_TOKEN_TTL должен быть меньше AUTH__REFRESH_TOKEN_TTL"
            raise ValueError(msg)
        return self


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
        5308416,
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
    title: str = Field("Магазин", description="Название сервиса в OpenAPI.")
    log: LogSettings = Field(default_factory=LogSettings)
    http: HttpSettings = Field(default_factory=HttpSettings)
    startup: StartupSettings = Field(default_factory=StartupSettings)
    database: DatabaseSettings = Field(default_factory=DatabaseSettings)
    cache: CacheSettings = Field(default_factory=CacheSettings)
    messaging: MessagingSettings = Field(default_factory=MessagingSettings)
    storage: StorageSettings = Field(default_factory=StorageSettings)
    mail: MailSettings = Field(default_factory=MailSettings)
    http_client: HttpClientSettings = Field(default_factory=HttpClientSettings)
    rate_limit: RateLimitSettings = Field(default_factory=RateLimitSettings)
    auth: AuthSettings = Field(default_factory=AuthSettings)

    @property
    def json_logs(self) -> bool:
        """Писать ли журнал в JSON: явно заданное значение или «везде, кроме dev»."""
        if self.log.json_format is not None:
            return self.log.json_format
        return self.environment != "dev"

    @property
    def secure_cookies(self) -> bool:
        """Ставить ли cookie флаг Secure: явно заданное значение или «везде, кроме dev»."""
        if self.auth.cookie_secure is not None:
            return self.auth.cookie_secure
        return self.environment != "dev"

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> Self:
        """Не даёт запустить prod с ключами по умолчанию, отладкой или CORS для всех."""
        default_secret = self.secret_key.get_secret_value() == DEFAULT_SECRET_KEY
        if self.environment == "staging" and default_secret:
            # Ключ по умолчанию опубликован: им можно подписать любой токен входа.
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
        if self.storage.secret_key.get_secret_value() == DEFAULT_STORAGE_SECRET_KEY:
            problems.append(
                "STORAGE__SECRET_KEY равен учётной записи MinIO по умолчанию — задайте свой ключ"
            )
        if self.mail.backend == "log":
            problems.append(
                "MAIL__BACKEND=log — в prod письма (со ссылками и кодами) попали бы в журнал "
                "вместо адресатов, задайте smtp"
            )
        if self.mail.password is not None and self.mail.security == "none":
            problems.append(
                "MAIL__PASSWORD задан при MAIL__SECURITY=none — пароль ушёл бы открытым "
                "текстом, включите starttls или tls"
            )
        if self.auth.bcrypt_rounds < MIN_PRODUCTION_BCRYPT_ROUNDS:
            problems.append(
                f"AUTH__BCRYPT_ROUNDS меньше {MIN_PRODUCTION_BCRYPT_ROUNDS} — пароли было бы "
                "слишком легко подобрать по утёкшим хешам"
            )
        if self.auth.cookie_secure is False:
            problems.append(
                "AUTH__COOKIE_SECURE=false — токены в cookie ушли бы по HTTP открытым текстом"
            )
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
