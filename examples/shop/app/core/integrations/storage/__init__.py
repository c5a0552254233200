"""Файлы в S3: загрузка с ограничениями, потоковое скачивание, подписанные ссылки."""

from app.core.integrations.storage.base import Download, FileStream, ObjectStorage, StoredObject

__all__ = ["Download", "FileStream", "ObjectStorage", "StoredObject"]
