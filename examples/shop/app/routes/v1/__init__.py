"""Реестр роутеров API версии 1.

Файл принадлежит генератору: он пересоздаётся при добавлении домена.
"""

from fastapi import APIRouter

from app.routes.v1.addresses import router as addresses_router
from app.routes.v1.auth import router as auth_router
from app.routes.v1.catalog import router as catalog_router
from app.routes.v1.payments import router as payments_router
from app.routes.v1.profile import router as profile_router
from app.routes.v1.registration import router as registration_router
from app.routes.v1.users import router as users_router
from app.routes.v1.verification import router as verification_router

router = APIRouter()
router.include_router(auth_router)
router.include_router(registration_router)
router.include_router(verification_router)
router.include_router(profile_router)
router.include_router(users_router)
router.include_router(catalog_router)
router.include_router(addresses_router)
router.include_router(payments_router)
