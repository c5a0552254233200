"""Маршруты домена «notes»: заметки пользователя."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from app.core.dependencies import SessionDep
from app.routes.base import API_V1, BODY_ERRORS, INVALID
from app.schemas.v1.base import RecordId
from app.schemas.v1.notes import NoteCreate, NoteListParams, NotePage, NoteRead, NoteUpdate
from app.schemas.v1.notes.exception import NOTE_CONFLICT, NOTE_IN_USE, NOTE_NOT_FOUND
from app.services.v1.notes import NoteService

router = APIRouter(prefix=API_V1, tags=["notes"])


async def get_note_service(session: SessionDep) -> NoteService:
    """Создаёт сервис записей «Заметка» в сессии запроса."""
    return NoteService(session)


NoteServiceDep = Annotated[NoteService, Depends(get_note_service)]


@router.get("/notes", summary="Список записей «Заметка»", responses=INVALID)
async def list_notes(
    service: NoteServiceDep, params: Annotated[NoteListParams, Query()]
) -> NotePage:
    """Возвращает страницу записей «Заметка» с фильтрами и сортировкой."""
    return await service.list_page(params)


@router.get("/notes/{note_id}", summary="Запись «Заметка»", responses=NOTE_NOT_FOUND | INVALID)
async def get_note(note_id: RecordId, service: NoteServiceDep) -> NoteRead:
    """Возвращает запись «Заметка» по идентификатору."""
    return await service.get(note_id)


@router.post(
    "/notes",
    status_code=status.HTTP_201_CREATED,
    summary="Создать запись «Заметка»",
    responses=BODY_ERRORS | NOTE_CONFLICT | INVALID,
)
async def create_note(payload: NoteCreate, service: NoteServiceDep) -> NoteRead:
    """Создаёт запись «Заметка»."""
    return await service.create(payload)


@router.patch(
    "/notes/{note_id}",
    summary="Изменить запись «Заметка»",
    responses=BODY_ERRORS | NOTE_NOT_FOUND | NOTE_CONFLICT | INVALID,
)
async def update_note(note_id: RecordId, payload: NoteUpdate, service: NoteServiceDep) -> NoteRead:
    """Изменяет переданные поля записи «Заметка»."""
    return await service.update(note_id, payload)


@router.delete(
    "/notes/{note_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Удалить запись «Заметка»",
    responses=NOTE_NOT_FOUND | NOTE_IN_USE | INVALID,
)
async def delete_note(note_id: RecordId, service: NoteServiceDep) -> None:
    """Удаляет запись «Заметка»."""
    await service.delete(note_id)
