"""Маршруты управления пользователями (только суперпользователь)."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query

from app.core.dependencies import SessionDep
from app.core.security import SuperuserDep
from app.routes.base import API_V1, AUTH, BODY_ERRORS, INVALID
from app.schemas.v1.users import RoleChange, UserListParams, UserPage, UserRead
from app.schemas.v1.users.exception import OWN_ACCOUNT, USER_NOT_FOUND
from app.services.v1.users import UserService

router = APIRouter(prefix=f"{API_V1}/users", tags=["users"])


async def get_user_service(session: SessionDep) -> UserService:
    """Создаёт сервис пользователей в сессии запроса."""
    return UserService(session)


UserServiceDep = Annotated[UserService, Depends(get_user_service)]


@router.get("", summary="Список пользователей", responses=INVALID | AUTH)
async def list_users(
    _: SuperuserDep, service: UserServiceDep, params: Annotated[UserListParams, Query()]
) -> UserPage:
    """Возвращает страницу пользователей с фильтрами по роли и состоянию."""
    return await service.list_page(params)


@router.get("/{user_id}", summary="Пользователь", responses=USER_NOT_FOUND | INVALID | AUTH)
async def get_user(user_id: UUID, _: SuperuserDep, service: UserServiceDep) -> UserRead:
    """Возвращает пользователя по идентификатору."""
    return await service.get(user_id)


@router.put(
    "/{user_id}/role",
    summary="Изменить роль пользователя",
    responses=BODY_ERRORS | USER_NOT_FOUND | OWN_ACCOUNT | INVALID | AUTH,
)
async def change_role(
    user_id: UUID, payload: RoleChange, actor: SuperuserDep, service: UserServiceDep
) -> UserRead:
    """Меняет роль; новая роль действует с его следующего запроса."""
    return await service.change_role(user_id, payload.role, actor)


@router.post(
    "/{user_id}/deactivate",
    summary="Отключить учётную запись",
    responses=USER_NOT_FOUND | OWN_ACCOUNT | INVALID | AUTH,
)
async def deactivate_user(user_id: UUID, actor: SuperuserDep, service: UserServiceDep) -> UserRead:
    """Отключает учётную запись и завершает все её сессии."""
    return await service.set_active(user_id, active=False, actor=actor)


@router.post(
    "/{user_id}/activate",
    summary="Включить учётную запись",
    responses=USER_NOT_FOUND | OWN_ACCOUNT | INVALID | AUTH,
)
async def activate_user(user_id: UUID, actor: SuperuserDep, service: UserServiceDep) -> UserRead:
    """Снова включает отключённую учётную запись."""
    return await service.set_active(user_id, active=True, actor=actor)
