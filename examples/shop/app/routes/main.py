"""Главный роутер: подключает все версии API (каждая под своим префиксом ``/api/<версия>``)."""

from fastapi import APIRouter

from app.routes.v1 import router as v1_router

router = APIRouter()
router.include_router(v1_router)
