"""Файлы в S3-совместимом хранилище: загрузка с ограничениями, скачивание и ссылки.

Загрузка читает не больше ``max_size + 1`` байт: больший файл отклоняется, не занимая
памяти больше предела. Тип файла берётся из заголовка части ``multipart`` и сверяется со
списком допустимых; для известных форматов (PNG, JPEG, GIF, WebP, PDF) проверяется и начало
содержимого. ``image/*`` допускает только такие проверяемые изображения: SVG со скриптом под
видом картинки не пройдёт.

Скачивание — всегда вложением (``Content-Disposition: attachment``) и с запретом исполнения
(``Content-Security-Policy: sandbox``): файл пользователя не откроется страницей сайта API.
"""

from __future__ import annotations

import mimetypes
from collections.abc import AsyncGenerator, Callable, Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

from botocore.exceptions import ClientError
from fastapi import UploadFile, status
from starlette.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

from app.core.connections import Storage
from app.core.exceptions import (
    FileNotUploadedError,
    FileTooLargeError,
    UnsupportedFileTypeError,
    readable_size,
)
from app.core.logging import get_logger

if TYPE_CHECKING:
    from aiobotocore.response import StreamingBody

logger = get_logger(__name__)

CHUNK_SIZE = 64 * 1024
"""Размер части при потоковом скачивании, байт."""

MISSING_OBJECT = frozenset({"404", "NoSuchKey"})
"""Коды ответа S3, означающие, что объекта нет."""

DEFAULT_MEDIA_TYPE = "application/octet-stream"

SIGNATURES: dict[str, Callable[[bytes], bool]] = {
    "image/png": lambda data: data.startswith(b"\x89PNG\r\n\x1a\n"),
    "image/jpeg": lambda data: data.startswith(b"\xff\xd8\xff"),
    "image/gif": lambda data: data.startswith((b"GIF87a", b"GIF89a")),
    "image/webp": lambda data: data.startswith(b"RIFF") and data[8:12] == b"WEBP",
    "application/pdf": lambda data: data.startswith(b"%PDF-"),
}
"""Форматы, содержимое которых проверяется по первым байтам."""

PROTECTIVE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "X-Content-Type-Options": "nosniff",
}
"""Заголовки ответа с файлом пользователя: браузер не исполнит его как страницу."""


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


def media_type(upload: UploadFile) -> str:
    """Возвращает тип содержимого загрузки без параметров (``; charset=...``)."""
    return (upload.content_type or DEFAULT_MEDIA_TYPE).split(";")[0].strip().lower()


def accepts(content_type: str, allowed: Sequence[str]) -> bool:
    """Проверяет, входит ли тип в список допустимых; пустой список допускает любой.

    Args:
        content_type: Тип файла, например ``image/png``.
        allowed: Допустимые типы; ``семейство/*`` — любой тип семейства, но ``image/*`` —
            только форматы с проверкой содержимого (PNG, JPEG, GIF, WebP).
    """
    if not allowed or content_type in allowed:
        return True
    family = content_type.split("/")[0]
    # Изображение браузер может показать само: из семейства image/* — только проверяемые.
    return f"{family}/*" in allowed and (family != "image" or content_type in SIGNATURES)


def missing_or(error: ClientError) -> Exception:
    """Переводит «объекта нет» в :class:`FileNotUploadedError`, прочие ошибки — как есть."""
    if error.response.get("Error", {}).get("Code") in MISSING_OBJECT:
        return FileNotUploadedError()
    return error


def attachment(filename: str) -> str:
    """Значение ``Content-Disposition`` для скачивания файла под именем ``filename``."""
    return f"attachment; filename*=UTF-8''{quote(filename)}"


def file_name(stem: str, content_type: str) -> str:
    """Имя файла для скачивания: основа и расширение по типу содержимого."""
    return f"{stem}{mimetypes.guess_extension(content_type) or ''}"


@dataclass
class Download:
    """Открытый объект хранилища: сведения о нём и его содержимое.

    Тело ответа S3 держит соединение пула, поэтому закрывается всегда — и после чтения,
    и если чтение так и не началось.

    Attributes:
        stored: Ключ, размер и тип объекта.
        body: Тело ответа S3.
    """

    stored: StoredObject
    body: StreamingBody
    _stack: AsyncExitStack

    async def chunks(self) -> AsyncGenerator[bytes, None]:
        """Отдаёт содержимое частями по ``CHUNK_SIZE`` и закрывает тело в конце."""
        try:
            async for chunk in self.body.iter_chunks(CHUNK_SIZE):
                yield chunk
        finally:
            await self.aclose()

    async def aclose(self) -> None:
        """Закрывает тело ответа и возвращает соединение в пул (повторный вызов безопасен)."""
        await self._stack.aclose()


class FileStream(StreamingResponse):
    """Потоковый ответ с файлом: вложением, с его типом и размером.

    Поток из хранилища закрывается в любом случае, и при обрыве соединения клиента тоже.

    Тип содержимого у класса не задан: FastAPI описал бы им в документе OpenAPI и ответы
    с ошибками, которые всегда в JSON. Типы файла в документе перечисляет маршрут.
    """

    def __init__(
        self, download: Download, stem: str, *, status_code: int = status.HTTP_200_OK
    ) -> None:
        """Готовит ответ с открытым объектом.

        Args:
            download: Открытый объект хранилища.
            stem: Основа имени файла для скачивания (расширение — по типу).
            status_code: Статус ответа. FastAPI берёт значение по умолчанию для документа
                OpenAPI: без этого параметра документ не строится.
        """
        stored = download.stored
        super().__init__(
            download.chunks(),
            status_code=status_code,
            media_type=stored.content_type,
            headers={
                "Content-Length": str(stored.size),
                "Content-Disposition": attachment(file_name(stem, stored.content_type)),
                **PROTECTIVE_HEADERS,
            },
        )
        self.download = download

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Отдаёт поток и закрывает объект в любом случае."""
        try:
            await super().__call__(scope, receive, send)
        finally:
            await self.download.aclose()


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
        """Проверяет загрузку и сохраняет её в бакете.

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
            msg = f"Размер файла превышает допустимые {readable_size(max_size)}"
            raise FileTooLargeError(msg)
        matches = SIGNATURES.get(content_type)
        if matches is not None and not matches(data):
            msg = f"Содержимое файла не соответствует типу {content_type}"
            raise UnsupportedFileTypeError(msg)
        await self.storage.client.put_object(
            Bucket=self.storage.bucket, Key=key, Body=data, ContentType=content_type
        )
        return StoredObject(key=key, size=len(data), content_type=content_type)

    async def open(self, key: str) -> Download:
        """Открывает объект для потокового чтения.

        Объект запрашивается сразу, чтобы об отсутствии файла узнать до начала ответа.

        Args:
            key: Ключ объекта.

        Returns:
            Открытый объект; закройте его (:meth:`Download.aclose`), если не читаете до конца.

        Raises:
            FileNotUploadedError: Объекта нет.
        """
        try:
            found = await self.storage.client.get_object(Bucket=self.storage.bucket, Key=key)
        except ClientError as error:
            raise missing_or(error) from error
        stack = AsyncExitStack()
        body = await stack.enter_async_context(found["Body"])
        stored = StoredObject(
            key=key,
            size=found["ContentLength"],
            content_type=found.get("ContentType", DEFAULT_MEDIA_TYPE),
        )
        return Download(stored=stored, body=body, _stack=stack)

    async def presigned_url(self, key: str, ttl: int, stem: str) -> str:
        """Подписывает ссылку на скачивание объекта в обход приложения — тоже вложением.

        Args:
            key: Ключ объекта.
            ttl: Срок действия ссылки, с.
            stem: Основа имени файла для скачивания.
        """
        try:
            head = await self.storage.client.head_object(Bucket=self.storage.bucket, Key=key)
        except ClientError as error:
            raise missing_or(error) from error
        content_type = head.get("ContentType", DEFAULT_MEDIA_TYPE)
        return await self.storage.presigner.generate_presigned_url(
            "get_object",
            Params={
                "Bucket": self.storage.bucket,
                "Key": key,
                "ResponseContentDisposition": attachment(file_name(stem, content_type)),
            },
            ExpiresIn=ttl,
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
