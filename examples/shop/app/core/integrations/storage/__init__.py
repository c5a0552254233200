"""Файлы в S3: загрузка с ограничениями, потоковое скачивание, подписанные ссылки."""

from app.core.integrations.storage.base import FileStream, ObjectStorage, StoredObject

__all__ = ["FileStream", "ObjectStorage", "StoredObject"]
