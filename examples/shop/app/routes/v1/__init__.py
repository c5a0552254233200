"""Реестр роутеров API версии 1.

Файл принадлежит генератору: он пересоздаётся при добавлении домена.
"""

from fastapi import APIRouter

from app.routes.v1.addresses import router as addresses_router
from app.routes.v1.catalog import router as catalog_router
from app.routes.v1.payments import router as payments_router

router = APIRouter()
router.include_router(catalog_router)
router.include_router(addresses_router)
router.include_router(payments_router)
