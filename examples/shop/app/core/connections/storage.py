"""Подключение к S3-совместимому хранилищу (MinIO, Amazon S3) через aiobotocore."""

from __future__ import annotations

from contextlib import AsyncExitStack
from typing import TYPE_CHECKING, cast

from aiobotocore.config import AioConfig
from aiobotocore.session import get_session
from botocore.exceptions import ClientError

from app.core.settings import StorageSettings

if TYPE_CHECKING:
    from types_aiobotocore_s3 import S3Client
    from types_aiobotocore_s3.literals import BucketLocationConstraintType

MISSING_BUCKET = frozenset({"404", "NoSuchBucket"})
"""Коды ответа S3, означающие, что бакета нет."""

DEFAULT_REGION = "us-east-1"
"""Регион, в котором бакет создаётся без ``LocationConstraint``."""


class Storage:
    """Клиент S3 с общим пулом соединений и бакет приложения.

    Attributes:
        bucket: Имя бакета, с которым работает приложение.
    """

    def __init__(self, settings: StorageSettings) -> None:
        """Запоминает настройки; клиент создаётся при первой проверке связи.

        Args:
            settings: Адрес, ключи доступа, бакет и параметры пула.
        """
        self.settings = settings
        self.bucket = settings.bucket
        self._stack = AsyncExitStack()
        self._client: S3Client | None = None
        self._presigner: S3Client | None = None

    @property
    def client(self) -> S3Client:
        """Открытый клиент S3.

        Raises:
            RuntimeError: Подключение ещё не открыто или уже закрыто.
        """
        if self._client is None:
            msg = "хранилище не подключено: клиент S3 открывается при запуске приложения"
            raise RuntimeError(msg)
        return self._client

    @property
    def presigner(self) -> S3Client:
        """Клиент для подписанных ссылок: с адресом S3, который видят клиенты API.

        Raises:
            RuntimeError: Подключение ещё не открыто или уже закрыто.
        """
        return self._presigner or self.client

    async def connect(self) -> S3Client:
        """Создаёт клиент (и клиент для ссылок), если их ещё нет; сетевых запросов не делает.

        Returns:
            Открытый клиент S3.
        """
        if self._client is None:
            self._client = await self._open(self.settings.endpoint_url)
            public = self.settings.public_endpoint_url
            if public and public != self.settings.endpoint_url:
                # Подпись вычисляется локально и включает адрес хранилища, поэтому
                # ссылку подписывает отдельный клиент с адресом, который видят клиенты API.
                self._presigner = await self._open(public)
        return self._client

    async def _open(self, endpoint_url: str) -> S3Client:
        """Открывает клиент S3 с пулом и тайм-аутами из настроек."""
        settings = self.settings
        config = AioConfig(
            max_pool_connections=settings.max_connections,
            connect_timeout=settings.timeout,
            read_timeout=settings.timeout,
            # Повторы при запуске выполняет wait_until_ready, здесь — одна попытка.
            retries={"mode": "standard", "total_max_attempts": 1},
            s3={"addressing_style": "path"},
            signature_version="s3v4",
        )
        creator = get_session().create_client(
            "s3",
            endpoint_url=endpoint_url,
            region_name=settings.region,
            aws_access_key_id=settings.access_key,
            aws_secret_access_key=settings.secret_key.get_secret_value(),
            config=config,
        )
        return await self._stack.enter_async_context(creator)

    async def ping(self) -> None:
        """Проверяет, что хранилище отвечает и бакет доступен.

        Raises:
            botocore.exceptions.BotoCoreError: Хранилище недоступно.
            botocore.exceptions.ClientError: Бакета нет или ключи неверны.
        """
        client = await self.connect()
        await client.head_bucket(Bucket=self.bucket)

    async def ensure_bucket(self) -> None:
        """Проверяет бакет и создаёт его, если его нет (при запуске, если так настроено).

        Raises:
            botocore.exceptions.BotoCoreError: Хранилище недоступно.
            botocore.exceptions.ClientError: Бакет создать не удалось или ключи неверны.
        """
        client = await self.connect()
        try:
            await client.head_bucket(Bucket=self.bucket)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") not in MISSING_BUCKET:
                raise
        else:
            return
        try:
            if self.settings.region == DEFAULT_REGION:
                await client.create_bucket(Bucket=self.bucket)
            else:
                region = cast("BucketLocationConstraintType", self.settings.region)
                await client.create_bucket(
                    Bucket=self.bucket, CreateBucketConfiguration={"LocationConstraint": region}
                )
        except client.exceptions.BucketAlreadyOwnedByYou:
            # Бакет только что создал другой экземпляр приложения.
            return

    async def close(self) -> None:
        """Закрывает клиент и его пул соединений."""
        await self._stack.aclose()
        self._client = None
        self._presigner = None
