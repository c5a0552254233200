"""Входные данные домена «notes»: создание, изменение и параметры списков."""

from typing import Annotated, Literal

from pydantic import Field, StrictBool, field_validator

from app.schemas.v1.base import RequestSchema, reject_null, without_null


class NoteCreate(RequestSchema):
    """Данные для создания записи «Заметка»."""

    title: str = Field(..., max_length=200, description="Заголовок")
    body: str | None = Field(None)
    pinned: StrictBool = Field(False)


class NoteUpdate(RequestSchema):
    """Частичное изменение записи «Заметка»: передаются только меняемые поля."""

    title: Annotated[str, Field(max_length=200)] | None = Field(
        None, description="Заголовок", json_schema_extra=without_null
    )
    body: str | None = Field(None)
    pinned: StrictBool | None = Field(None, json_schema_extra=without_null)

    _not_null = field_validator("title", "pinned", mode="after")(reject_null)


class NoteListParams(RequestSchema):
    """Параметры списка записей «Заметка»: страница, сортировка и фильтры."""

    limit: int = Field(20, ge=1, le=100, description="Размер страницы.")
    offset: int = Field(0, ge=0, le=2**63 - 1, description="Сколько записей пропустить.")
    sort: Literal[
        "id",
        "-id",
        "title",
        "-title",
        "created_at",
        "-created_at",
    ] = Field("id", description="Поле сортировки; минус — по убыванию.")
    pinned: bool | None = Field(None, description="Отбор по точному значению «pinned».")
