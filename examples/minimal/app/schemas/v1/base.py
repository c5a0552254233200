"""Базовые классы схем и общие типы полей."""

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic.config import JsonDict
from pydantic_core import PydanticCustomError

RecordId = Annotated[int, Field(ge=1, le=9223372036854775000)]
"""Целочисленный идентификатор записи: BIGINT из последовательности, от 1 почти до 2⁶³.

Границы в схеме говорят клиенту то же, что проверит база: число вне их — 422, а не ошибка
переполнения в PostgreSQL. Верхняя граница чуть меньше 2⁶³ − 1: FastAPI записывает границы
схем тела в документ API числами с плавающей точкой, и только такое число читается из документа
без искажения.
"""


def storable_text(value: Any) -> Any:  # noqa: ANN401
    """Отклоняет текст, который PostgreSQL не сохранит: символ NUL и одиночные суррогаты.

    Проверяются строки на любой глубине, в том числе ключи и значения JSON: иначе запрос
    дошёл бы до базы и получил бы 422 без указания поля (или, хуже, разные ответы для
    занятого и свободного адреса при регистрации).

    Args:
        value: Значение поля из запроса.

    Returns:
        То же значение.

    Raises:
        PydanticCustomError: В строке символ NUL или одиночный суррогат.
    """
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if "\x00" in item:
                raise PydanticCustomError("null_character", "Строка не может содержать символ NUL")
            try:
                item.encode()
            except UnicodeEncodeError:
                raise PydanticCustomError(
                    "string_unicode", "Строка содержит недопустимый символ Юникода"
                ) from None
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return value


class RequestSchema(BaseModel):
    """Базовая схема входных данных: лишние поля запрещены, текст такой, какой сохранит база.

    Шаблоны строк (``pattern``) — регулярные выражения Python (``re``), как их проверяет
    спецификация.
    """

    model_config = ConfigDict(extra="forbid", regex_engine="python-re")

    _storable = field_validator("*", mode="before")(storable_text)


class ResponseSchema(BaseModel):
    """Базовая схема ответа: читается из атрибутов ORM-модели."""

    model_config = ConfigDict(from_attributes=True)


def without_null(schema: JsonDict) -> None:
    """Убирает ``null`` из схемы поля частичного обновления, которое можно опустить, но не обнулить.

    Поле объявлено как ``T | None`` (без него — значит «не менять»), а явный ``null`` отклоняет
    :func:`reject_null`; документ API должен говорить то же.

    Args:
        schema: Схема поля в документе; меняется на месте.
    """
    branches = schema.get("anyOf")
    if not isinstance(branches, list):
        return
    kept = [branch for branch in branches if branch != {"type": "null"}]
    if len(kept) == 1 and isinstance(kept[0], dict):
        del schema["anyOf"]
        schema.update(kept[0])
    else:
        schema["anyOf"] = kept


def reject_null(value: Any, info: ValidationInfo) -> Any:  # noqa: ANN401
    """Запрещает явный ``null`` для обязательного поля в частичном обновлении.

    Args:
        value: Проверяемое значение.
        info: Сведения о проверяемом поле.

    Returns:
        Значение без изменений.

    Raises:
        PydanticCustomError: Передан ``null``.
    """
    if value is None:
        raise PydanticCustomError(
            "not_null", "Поле {field} не может быть null", {"field": info.field_name}
        )
    return value
