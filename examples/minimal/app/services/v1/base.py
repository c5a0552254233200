"""Базовые классы сервисов и менеджеров данных.

Менеджер данных строит запросы и отправляет накопленные в сессии изменения в базу (flush),
но не фиксирует транзакцию: это делает зависимость сессии в конце запроса. Сервис работает
только через менеджеры данных и поднимает ошибки приложения, а не HTTP-исключения.
"""

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from sqlalchemy import Select, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from app.core.exceptions import (
    AlreadyExistsError,
    AppError,
    ConflictError,
    InUseError,
    NotFoundError,
    RelatedNotFoundError,
)
from app.models.v1.base import Base

UNIQUE_VIOLATION = "23505"
FOREIGN_KEY_VIOLATION = "23503"


def integrity_error(error: IntegrityError, *, deleting: bool) -> AppError:
    """Переводит нарушение ограничения базы данных в ошибку приложения.

    Args:
        error: Исключение SQLAlchemy с кодом SQLSTATE от PostgreSQL.
        deleting: Ошибка возникла при удалении записи.

    Returns:
        Ошибка 409 с понятным сообщением.
    """
    state = getattr(error.orig, "sqlstate", None)
    if state == UNIQUE_VIOLATION:
        return AlreadyExistsError()
    if state == FOREIGN_KEY_VIOLATION:
        return InUseError() if deleting else RelatedNotFoundError()
    return ConflictError()


class BaseDataManager[ModelT: Base]:
    """Общие запросы к таблице одной модели.

    Attributes:
        sort_columns: Допустимые ключи сортировки и их столбцы.
        filter_columns: Допустимые фильтры и их столбцы.
    """

    sort_columns: ClassVar[Mapping[str, InstrumentedAttribute[Any]]] = {}
    filter_columns: ClassVar[Mapping[str, InstrumentedAttribute[Any]]] = {}

    def __init__(self, session: AsyncSession, model: type[ModelT]) -> None:
        """Связывает менеджер с сессией запроса и моделью.

        Args:
            session: Сессия текущего запроса.
            model: Класс ORM-модели.
        """
        self.session = session
        self.model = model

    def select(self) -> Select[ModelT]:
        """Возвращает базовый запрос; наследник добавляет загрузку связей и отбор."""
        return select(self.model)

    async def get(self, key: object) -> ModelT | None:
        """Возвращает запись по первичному ключу или ``None``.

        Args:
            key: Первичный ключ.
        """
        statement = self.select().where(self.model.id == key)
        return (await self.session.scalars(statement)).one_or_none()

    async def get_many(self, keys: Sequence[object]) -> list[ModelT]:
        """Возвращает записи по списку ключей; все ключи должны существовать.

        Raises:
            RelatedNotFoundError: Хотя бы одной записи нет.
        """
        wanted = set(keys)
        if not wanted:
            return []
        statement = self.select().where(self.model.id.in_(wanted))
        found = list(await self.session.scalars(statement))
        if len(found) != len(wanted):
            raise RelatedNotFoundError
        return found

    def _filtered(self, filters: Mapping[str, object]) -> Select[ModelT]:
        """Добавляет к базовому запросу фильтры по точному совпадению."""
        statement = self.select()
        for name, value in filters.items():
            statement = statement.where(self.filter_columns[name] == value)
        return statement

    def _sort(self, sort: str) -> tuple[InstrumentedAttribute[Any], bool]:
        """Разбирает ключ сортировки вида ``field`` или ``-field``."""
        descending = sort.startswith("-")
        return self.sort_columns[sort.removeprefix("-")], descending

    async def page_by_offset(
        self, filters: Mapping[str, object], sort: str, limit: int, offset: int
    ) -> tuple[list[ModelT], int]:
        """Возвращает страницу записей и их общее число.

        Args:
            filters: Фильтры по точному совпадению.
            sort: Ключ сортировки; при равенстве записи упорядочены по ``id``.
            limit: Размер страницы.
            offset: Сколько записей пропустить.

        Returns:
            Записи страницы и число всех записей под фильтрами.
        """
        statement = self._filtered(filters)
        counted = select(func.count()).select_from(statement.order_by(None).subquery())
        total = await self.session.scalar(counted) or 0
        column, descending = self._sort(sort)
        order = (column.desc(), self.model.id.desc()) if descending else (column, self.model.id)
        rows = await self.session.scalars(statement.order_by(*order).limit(limit).offset(offset))
        return list(rows), total

    async def add(self, instance: ModelT) -> ModelT:
        """Добавляет запись и сбрасывает её в базу, чтобы получить ключ и проверить ограничения."""
        self.session.add(instance)
        await self.flush()
        return instance

    async def update(self, instance: ModelT, values: Mapping[str, object]) -> ModelT:
        """Применяет изменения к записи и сбрасывает их в базу."""
        for name, value in values.items():
            setattr(instance, name, value)
        await self.flush()
        return instance

    async def delete(self, instance: ModelT) -> None:
        """Удаляет запись."""
        await self.session.delete(instance)
        await self.flush(deleting=True)

    async def reload(self, instance: ModelT) -> ModelT:
        """Перечитывает запись со связями и значениями, вычисленными базой данных."""
        statement = (
            self.select()
            .where(self.model.id == instance.id)
            .execution_options(populate_existing=True)
        )
        return (await self.session.scalars(statement)).one()

    async def flush(self, *, deleting: bool = False) -> None:
        """Сбрасывает изменения в базу, переводя нарушения ограничений в ошибки 409.

        Args:
            deleting: Изменения — удаление записи (влияет на текст ошибки).

        Raises:
            ConflictError: Нарушено ограничение уникальности или внешнего ключа.
        """
        try:
            await self.session.flush()
        except IntegrityError as error:
            raise integrity_error(error, deleting=deleting) from error


class BaseService:
    """Базовый сервис: общие проверки для сервисов всех доменов."""

    @staticmethod
    def ensure_found[FoundT](instance: FoundT | None, message: str) -> FoundT:
        """Возвращает найденную запись или поднимает ошибку 404.

        Args:
            instance: Результат поиска.
            message: Сообщение для клиента, если запись не найдена.

        Raises:
            NotFoundError: Запись не найдена.
        """
        if instance is None:
            raise NotFoundError(message)
        return instance
