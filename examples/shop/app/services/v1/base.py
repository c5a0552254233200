"""Базовые классы сервисов и менеджеров данных.

Менеджер данных строит запросы и отправляет накопленные в сессии изменения в базу (flush),
но не фиксирует транзакцию: это делает зависимость сессии в конце запроса. Сервис работает
только через менеджеры данных и поднимает ошибки приложения, а не HTTP-исключения.
"""

import base64
import binascii
import json
import math
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import (
    ARRAY,
    Column,
    ColumnElement,
    Select,
    and_,
    func,
    literal,
    or_,
    select,
    tuple_,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from app.core.exceptions import (
    AlreadyExistsError,
    AppError,
    ConflictError,
    InUseError,
    InvalidCursorError,
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


def _scalar(value: object) -> bool:
    """Проверяет, что значение из курсора — скаляр JSON (подделанный может нести список)."""
    return value is None or isinstance(value, bool | int | float | str)


def _to_json(value: object) -> object:
    """Готовит значение столбца для записи в курсор."""
    if _scalar(value):
        return value
    return str(value)


def _from_json(raw: object, python_type: type[Any]) -> object:
    """Восстанавливает значение столбца из курсора.

    Raises:
        ValueError: Значение не подходит к типу столбца.
    """
    if isinstance(raw, bool) is not (python_type is bool):
        msg = "тип значения в курсоре не совпадает с типом столбца"
        raise ValueError(msg)
    if raw is None or isinstance(raw, bool):
        return raw
    if python_type in (datetime, date, time):
        return python_type.fromisoformat(str(raw))
    if python_type is object:
        # У типа столбца нет класса Python (INET): значение приводит к типу сама база.
        return raw
    value = python_type(raw)
    if isinstance(value, float | Decimal) and not math.isfinite(value):
        msg = "в курсоре не конечное число"
        raise ValueError(msg)
    return value


def _after(
    column: InstrumentedAttribute[Any],
    key_column: InstrumentedAttribute[Any],
    value: object,
    key: object,
    *,
    descending: bool,
) -> ColumnElement[bool]:
    """Условие «запись идёт после курсора» в порядке ``(column, id)``.

    PostgreSQL ставит NULL в конец при сортировке по возрастанию и в начало — по убыванию;
    сравнение кортежей с NULL ложно, поэтому записи с пустым значением отбираются отдельно
    (только для столбцов, которые допускают NULL: лишнее ``OR`` мешает индексу).

    Args:
        column: Столбец сортировки.
        key_column: Первичный ключ, разрешающий равенство значений.
        value: Значение столбца у последней записи страницы.
        key: Её ключ.
        descending: Сортировка по убыванию.

    Returns:
        Условие для ``WHERE``.
    """
    # Значения из курсора связываются с типами своих столбцов (INET и им подобные).
    typed_key = literal(key, key_column.type)
    nullable = isinstance(column.expression, Column) and column.expression.nullable
    if value is None:
        later = key_column < typed_key if descending else key_column > typed_key
        same = and_(column.is_(None), later)
        return or_(same, column.is_not(None)) if descending else same
    position = tuple_(column, key_column)
    after = tuple_(literal(value, column.type), typed_key)
    if descending:
        return position < after
    if nullable:
        return or_(position > after, column.is_(None))
    return position > after


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

    owner_column: ClassVar[InstrumentedAttribute[Any] | None] = None
    """Столбец владельца (у сущностей с ``owned_by``): им ограничиваются записи пользователя."""

    def owned_by(self, statement: Select[Any], owner: object | None) -> Select[Any]:
        """Ограничивает запрос записями владельца; ``None`` — без ограничения.

        Raises:
            TypeError: У сущности нет владельца, а ограничение задано.
        """
        # Через класс: столбец модели — дескриптор, и через экземпляр он не читается.
        column = type(self).owner_column
        if owner is None:
            return statement
        if column is None:
            msg = f"у {self.model.__name__} нет владельца"
            raise TypeError(msg)
        return statement.where(column == owner)

    async def get(
        self, key: object, *, lock: bool = False, owner: object | None = None
    ) -> ModelT | None:
        """Возвращает запись по первичному ключу или ``None``.

        Args:
            key: Первичный ключ.
            lock: Заблокировать строку до конца транзакции (``SELECT … FOR UPDATE``).
            owner: Искать только среди записей этого владельца.
        """
        statement = self.select().where(self.model.id == key)
        statement = self.owned_by(statement, owner)
        if lock:
            statement = statement.with_for_update(of=self.model)
        return (await self.session.scalars(statement)).one_or_none()

    async def get_many(
        self, keys: Sequence[object], *, owner: object | None = None
    ) -> list[ModelT]:
        """Возвращает записи по списку ключей; все ключи должны существовать.

        Args:
            keys: Первичные ключи.
            owner: Все записи должны принадлежать этому владельцу.

        Raises:
            RelatedNotFoundError: Хотя бы одной записи нет (или она чужая).
        """
        wanted = set(keys)
        if not wanted:
            return []
        statement = self.select().where(self.model.id.in_(wanted))
        statement = self.owned_by(statement, owner)
        found = list(await self.session.scalars(statement))
        if len(found) != len(wanted):
            raise RelatedNotFoundError
        return found

    async def ensure_linkable(self, key: object, owner: object | None) -> None:
        """Проверяет, что на запись можно сослаться: она есть и принадлежит владельцу.

        Args:
            key: Первичный ключ связанной записи.
            owner: Владелец, которому должна принадлежать запись; ``None`` — любой.

        Raises:
            RelatedNotFoundError: Записи нет или она чужая.
        """
        statement = self.owned_by(select(self.model.id).where(self.model.id == key), owner)
        if await self.session.scalar(statement) is None:
            raise RelatedNotFoundError

    def _filtered(self, filters: Mapping[str, object]) -> Select[ModelT]:
        """Добавляет к базовому запросу фильтры по точному совпадению."""
        statement = self.select()
        for name, value in filters.items():
            column = self.filter_columns[name]
            if isinstance(column.type, ARRAY):
                # Столбец-список: запись подходит, если список содержит значение.
                statement = statement.where(column.contains([value]))
                continue
            statement = statement.where(column == value)
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

    async def page_by_cursor(
        self, filters: Mapping[str, object], sort: str, limit: int, cursor: str | None
    ) -> tuple[list[ModelT], str | None]:
        """Возвращает страницу записей после курсора (keyset-пагинация).

        Args:
            filters: Фильтры по точному совпадению.
            sort: Ключ сортировки; при равенстве записи упорядочены по ``id``.
            limit: Размер страницы.
            cursor: Курсор предыдущей страницы или ``None`` для первой.

        Returns:
            Записи страницы и курсор следующей страницы (``None``, если она последняя).

        Raises:
            InvalidCursorError: Курсор повреждён или выдан для другой сортировки.
        """
        column, descending = self._sort(sort)
        key_column = self.model.id
        statement = self._filtered(filters)
        if cursor is not None:
            value, key = self._decode_cursor(cursor, sort, column)
            statement = statement.where(
                _after(column, key_column, value, key, descending=descending)
            )
        order = (column.desc(), key_column.desc()) if descending else (column, key_column)
        rows = list(await self.session.scalars(statement.order_by(*order).limit(limit + 1)))
        if len(rows) <= limit:
            return rows, None
        last = rows[limit - 1]
        return rows[:limit], self._encode_cursor(sort, getattr(last, column.key), last.id)

    @staticmethod
    def _encode_cursor(sort: str, value: object, key: object) -> str:
        """Кодирует позицию последней записи страницы."""
        raw = json.dumps([sort, _to_json(value), _to_json(key)], separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    def _decode_cursor(
        self, cursor: str, sort: str, column: InstrumentedAttribute[Any]
    ) -> tuple[object, object]:
        """Декодирует курсор и проверяет, что он выдан для той же сортировки."""
        try:
            padded = cursor + "=" * (-len(cursor) % 4)
            cursor_sort, value, key = json.loads(base64.urlsafe_b64decode(padded))
            if cursor_sort != sort or not all(map(_scalar, (value, key))):
                raise InvalidCursorError
            return (
                _from_json(value, column.type.python_type),
                _from_json(key, self.model.id.type.python_type),
            )
        except (ValueError, TypeError, ArithmeticError, binascii.Error, RecursionError) as error:
            # RecursionError: подделанный курсор с JSON глубже предела разбора.
            raise InvalidCursorError from error

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
