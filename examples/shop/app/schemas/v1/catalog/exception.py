"""Ответы с ошибками маршрутов домена «catalog»."""

from app.core.exceptions import (
    AlreadyExistsError,
    ConflictError,
    FileNotUploadedError,
    InvalidCursorError,
    NotFoundError,
    RelatedNotFoundError,
)
from app.schemas.v1.errors import Responses, error_responses

CATEGORY_NOT_FOUND: Responses = error_responses(
    "Записи «Категория» с таким идентификатором нет.",
    NotFoundError("Запись «Категория» не найдена"),
)
"""Ответ 404 маршрутов одной записи «Категория»."""

CATEGORY_CONFLICT: Responses = error_responses(
    "Запись не сохранена: уже занято значение одного из полей name, slug.",
    AlreadyExistsError(),
)
"""Ответ 409 на создание и изменение записи «Категория»."""

CATEGORY_IN_USE: Responses = error_responses(
    "Запись не удалена: операция противоречит текущему состоянию данных.",
    ConflictError(),
)
"""Ответ 409 на удаление записи «Категория»."""

PRODUCT_NOT_FOUND: Responses = error_responses(
    "Записи «Товар» с таким идентификатором нет.",
    NotFoundError("Запись «Товар» не найдена"),
)
"""Ответ 404 маршрутов одной записи «Товар»."""

PRODUCT_CONFLICT: Responses = error_responses(
    (
        "Запись не сохранена: уже занято значение"
        " поля sku; нет связанной записи (categor"
        "y_id, tag_ids)."
    ),
    AlreadyExistsError(),
    RelatedNotFoundError(),
)
"""Ответ 409 на создание и изменение записи «Товар»."""

PRODUCT_IN_USE: Responses = error_responses(
    "Запись не удалена: операция противоречит текущему состоянию данных.",
    ConflictError(),
)
"""Ответ 409 на удаление записи «Товар»."""

PRODUCT_FILE_MISSING: Responses = error_responses(
    "Записи «Товар» нет, или её файл не загружен.",
    NotFoundError("Запись «Товар» не найдена"),
    FileNotUploadedError(),
)
"""Ответ 404 маршрутов файлов записи «Товар»: скачивания, ссылки и удаления."""

TAG_NOT_FOUND: Responses = error_responses(
    "Записи «Метка» с таким идентификатором нет.",
    NotFoundError("Запись «Метка» не найдена"),
)
"""Ответ 404 маршрутов одной записи «Метка»."""

TAG_CONFLICT: Responses = error_responses(
    "Запись не сохранена: уже занято значение поля label.",
    AlreadyExistsError(),
)
"""Ответ 409 на создание и изменение записи «Метка»."""

TAG_IN_USE: Responses = error_responses(
    "Запись не удалена: операция противоречит текущему состоянию данных.",
    ConflictError(),
)
"""Ответ 409 на удаление записи «Метка»."""

INVALID_CURSOR: Responses = error_responses(
    "Курсор страницы повреждён или выдан для другой сортировки.", InvalidCursorError()
)
"""Ответ 400 списков с курсорной пагинацией."""
