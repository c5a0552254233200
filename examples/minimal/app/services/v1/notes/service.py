"""Сервисы домена «notes»: заметки пользователя."""

from sqlalchemy.ext.asyncio import AsyncSession

from app.models.v1.notes import Note
from app.schemas.v1.notes import NoteCreate, NoteListParams, NotePage, NoteRead, NoteUpdate
from app.services.v1.base import BaseService
from app.services.v1.notes.data_manager import NoteDataManager


class NoteService(BaseService):
    """Операции над записями «Заметка»."""

    not_found = "Запись «Заметка» не найдена"

    def __init__(self, session: AsyncSession) -> None:
        """Создаёт менеджеры данных в сессии запроса.

        Args:
            session: Сессия текущего запроса.
        """
        self.notes = NoteDataManager(session)

    async def list_page(self, params: NoteListParams) -> NotePage:
        """Возвращает страницу записей с фильтрами и сортировкой.

        Args:
            params: Размер страницы, смещение, сортировка и фильтры.

        Returns:
            Страница записей.
        """
        filters = params.model_dump(
            include={
                "pinned",
            },
            exclude_none=True,
        )
        rows, total = await self.notes.page_by_offset(
            filters, params.sort, params.limit, params.offset
        )
        items = [NoteRead.model_validate(row) for row in rows]
        return NotePage(items=items, total=total, limit=params.limit, offset=params.offset)

    async def _find(self, note_id: int) -> Note:
        """Находит запись или поднимает ошибку 404."""
        found = await self.notes.get(note_id)
        return self.ensure_found(found, self.not_found)

    async def get(self, note_id: int) -> NoteRead:
        """Возвращает запись по идентификатору.

        Args:
            note_id: Идентификатор записи.

        Raises:
            NotFoundError: Записи нет.
        """
        return NoteRead.model_validate(await self._find(note_id))

    async def create(self, payload: NoteCreate) -> NoteRead:
        """Создаёт запись.

        Args:
            payload: Проверенные данные новой записи.

        Raises:
            ConflictError: Нарушена уникальность или связанной записи нет.
        """
        values = payload.model_dump()
        instance = Note(**values)
        await self.notes.add(instance)
        return NoteRead.model_validate(await self.notes.reload(instance))

    async def update(self, note_id: int, payload: NoteUpdate) -> NoteRead:
        """Изменяет переданные поля записи.

        Args:
            note_id: Идентификатор записи.
            payload: Меняемые поля; не переданные остаются как есть.

        Raises:
            NotFoundError: Записи нет.
            ConflictError: Нарушена уникальность или связанной записи нет.
        """
        instance = await self._find(note_id)
        values = payload.model_dump(exclude_unset=True)
        await self.notes.update(instance, values)
        return await self._changed(instance)

    async def _changed(self, instance: Note) -> NoteRead:
        """Перечитывает изменённую запись."""
        return NoteRead.model_validate(await self.notes.reload(instance))

    async def delete(self, note_id: int) -> None:
        """Удаляет запись.

        Args:
            note_id: Идентификатор записи.

        Raises:
            NotFoundError: Записи нет.
            ConflictError: На запись ссылаются другие записи.
        """
        await self.notes.delete(await self._find(note_id))
