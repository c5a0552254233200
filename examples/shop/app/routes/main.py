"""Главный роутер: подключает все версии API под ``/api/<версия>``."""

from fastapi import APIRouter

from app.routes.v1 import router as v1_router

router = APIRouter(prefix="/api")
router.include_router(v1_router, prefix="/v1")
