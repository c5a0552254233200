"""Страницы списков: по смещению и по курсору."""

from pydantic import Field

from app.schemas.v1.base import ResponseSchema


class OffsetPage[ItemT](ResponseSchema):
    """Страница списка с общим числом записей."""

    items: list[ItemT] = Field(description="Записи страницы.")
    total: int = Field(description="Всего записей, подходящих под фильтры.")
    limit: int = Field(description="Размер страницы.")
    offset: int = Field(description="Смещение первой записи страницы.")
