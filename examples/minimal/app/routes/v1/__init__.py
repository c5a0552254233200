"""Реестр роутеров API версии 1.

Файл принадлежит генератору: он пересоздаётся при добавлении домена.
"""

from fastapi import APIRouter

from app.routes.v1.notes import router as notes_router

router = APIRouter()
router.include_router(notes_router)
