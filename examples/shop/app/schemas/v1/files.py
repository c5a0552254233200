"""Схемы файлов: подписанная ссылка на скачивание."""

from pydantic import BaseModel, Field


class FileLink(BaseModel):
    """Ссылка на файл в хранилище, действующая ограниченное время."""

    url: str = Field(description="Подписанная ссылка на скачивание в обход API.")
    expires_in: int = Field(description="Через сколько секунд ссылка перестанет действовать.")
