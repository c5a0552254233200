"""Файлы в S3-совместимом хранилище: загрузка с ограничениями, скачивание и ссылки.

Загрузка читает не больше ``max_size + 1`` байт: больший файл отклоняется, не занимая
памяти больше предела. Тип файла берётся из заголовка части ``multipart`` и сверяется со
списком допустимых (``image/*`` разрешает все изображения).
"""

from collections.abc import AsyncGenerator, Sequence
from dataclasses import dataclass

from botocore.exceptions import ClientError
from fastapi import UploadFile
from starlette.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

from app.core.connections import Storage
from app.core.exceptions import FileNotUploadedError, FileTooLargeError, UnsupportedFileTypeError
from app.core.logging import get_logger

logger = get_logger(__name__)

CHUNK_SIZE = 64 * 1024
"""Размер части при потоковом скачивании, байт."""

MISSING_OBJECT = frozenset({"404", "NoSuchKey"})
"""Коды ответа S3, означающие, что объекта нет."""

DEFAULT_MEDIA_TYPE = "application/octet-stream"


@dataclass(frozen=True)
class StoredObject:
    """Файл в хранилище.

    Attributes:
        key: Ключ объекта.
        size: Размер, байт.
        content_type: Тип содержимого.
    """

    key: str
    size: int
    content_type: str


def readable_size(size: int) -> str:
    """Записывает размер так, как его читают люди: ``5 МБ``, ``512 КБ``, ``100 Б``.

    Args:
        size: Размер, байт.
    """
    for unit, scale in (("ГБ", 1024**3), ("МБ", 1024**2), ("КБ", 1024)):
        if size >= scale and size % scale == 0:
            return f"{size // scale} {unit}"
    return f"{size} Б"


def media_type(upload: UploadFile) -> str:
    """Возвращает тип содержимого загрузки без параметров (``; charset=...``)."""
    return (upload.content_type or DEFAULT_MEDIA_TYPE).split(";")[0].strip().lower()


def accepts(content_type: str, allowed: Sequence[str]) -> bool:
    """Говорит, входит ли тип в список допустимых; пустой список допускает любой.

    Args:
        content_type: Тип файла, например ``image/png``.
        allowed: Допустимые типы; ``image/*`` — любой тип семейства.
    """
    family = content_type.split("/")[0]
    return not allowed or any(item in (content_type, f"{family}/*") for item in allowed)


class FileStream(StreamingResponse):
    """Потоковый ответ, который закрывает поток из хранилища и при обрыве соединения.

    Незакрытое тело ответа S3 держало бы соединение пула, пока его не соберёт сборщик мусора.
    """

    body_iterator: AsyncGenerator[bytes, None]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Отдаёт поток и закрывает его в любом случае."""
        try:
            await super().__call__(scope, receive, send)
        finally:
            await self.body_iterator.aclose()


class ObjectStorage:
    """Операции с файлами в бакете приложения."""

    def __init__(self, storage: Storage) -> None:
        """Связывает операции с подключением к хранилищу.

        Args:
            storage: Открытое подключение к S3 и бакет приложения.
        """
        self.storage = storage

    async def put(
        self, key: str, upload: UploadFile, *, max_size: int, content_types: Sequence[str]
    ) -> StoredObject:
        """Проверяет загрузку и кладёт её в бакет.

        Args:
            key: Ключ нового объекта.
            upload: Файл из запроса ``multipart/form-data``.
            max_size: Наибольший размер, байт.
            content_types: Допустимые типы; пустой список — любые.

        Raises:
            UnsupportedFileTypeError: Тип файла не входит в список.
            FileTooLargeError: Файл больше ``max_size``.
        """
        content_type = media_type(upload)
        if not accepts(content_type, content_types):
            expected = ", ".join(content_types)
            msg = f"Тип файла {content_type} не принимается, допустимы: {expected}"
            raise UnsupportedFileTypeError(msg)
        data = await upload.read(max_size + 1)
        if len(data) > max_size:
            msg = f"Файл больше допустимых {readable_size(max_size)}"
            raise FileTooLargeError(msg)
        await self.storage.client.put_object(
            Bucket=self.storage.bucket, Key=key, Body=data, ContentType=content_type
        )
        return StoredObject(key=key, size=len(data), content_type=content_type)

    async def open(self, key: str) -> tuple[StoredObject, AsyncGenerator[bytes, None]]:
        """Открывает объект для потокового чтения.

        Объект запрашивается сразу, чтобы об отсутствии файла узнать до начала ответа.

        Args:
            key: Ключ объекта.

        Returns:
            Сведения об объекте и поток его содержимого частями по ``CHUNK_SIZE``.

        Raises:
            FileNotUploadedError: Объекта нет.
        """
        try:
            found = await self.storage.client.get_object(Bucket=self.storage.bucket, Key=key)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in MISSING_OBJECT:
                raise FileNotUploadedError from error
            raise
        body = found["Body"]
        stored = StoredObject(
            key=key,
            size=found["ContentLength"],
            content_type=found.get("ContentType", DEFAULT_MEDIA_TYPE),
        )

        async def chunks() -> AsyncGenerator[bytes, None]:
            async with body:
                async for chunk in body.iter_chunks(CHUNK_SIZE):
                    yield chunk

        return stored, chunks()

    async def presigned_url(self, key: str, ttl: int) -> str:
        """Подписывает ссылку на скачивание объекта в обход приложения.

        Args:
            key: Ключ объекта.
            ttl: Срок действия ссылки, с.
        """
        return await self.storage.presigner.generate_presigned_url(
            "get_object", Params={"Bucket": self.storage.bucket, "Key": key}, ExpiresIn=ttl
        )

    async def delete(self, key: str) -> None:
        """Удаляет объект; ошибку пишет в журнал (запись в базе уже изменена).

        Args:
            key: Ключ объекта.
        """
        try:
            await self.storage.client.delete_object(Bucket=self.storage.bucket, Key=key)
        except Exception as error:
            logger.error(
                "Файл не удалён из хранилища", key=key, error=f"{type(error).__name__}: {error}"
            )
