"""Маршруты профиля вошедшего пользователя."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from app.core.dependencies import CacheConnectionDep, ClientAddressDep, SessionDep
from app.core.integrations.mail import AuthMailsDep
from app.core.security import (
    AuthenticatorDep,
    CurrentUserDep,
    SignedInDep,
    clear_session_cookies,
)
from app.routes.base import API_V1, AUTH, BODY_ERRORS, INVALID
from app.schemas.v1.profile import AccountDeletion, PasswordChange, ProfileRead, ProfileUpdate
from app.schemas.v1.profile.exception import ACCOUNT_IN_USE, CONFIRM_LIMITED, WRONG_PASSWORD
from app.services.v1.profile import ProfileService

router = APIRouter(prefix=f"{API_V1}/profile", tags=["profile"])


async def get_profile_service(
    session: SessionDep,
    auth: AuthenticatorDep,
    mails: AuthMailsDep,
    cache: CacheConnectionDep,
) -> ProfileService:
    """Создаёт сервис профиля в сессии запроса."""
    return ProfileService(session, auth, mails, cache)


ProfileServiceDep = Annotated[ProfileService, Depends(get_profile_service)]


@router.get("", summary="Мой профиль", responses=AUTH)
async def read_profile(user: CurrentUserDep) -> ProfileRead:
    """Возвращает профиль вошедшего пользователя."""
    return ProfileRead.model_validate(user)


@router.patch("", summary="Изменить мой профиль", responses=BODY_ERRORS | INVALID | AUTH)
async def update_profile(
    payload: ProfileUpdate, user: CurrentUserDep, service: ProfileServiceDep
) -> ProfileRead:
    """Изменяет переданные поля профиля."""
    return await service.update(user, payload)


@router.post(
    "/password",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Сменить пароль",
    responses=BODY_ERRORS | INVALID | AUTH | WRONG_PASSWORD | CONFIRM_LIMITED,
)
async def change_password(
    payload: PasswordChange,
    address: ClientAddressDep,
    signed_in: SignedInDep,
    response: Response,
    service: ProfileServiceDep,
    auth: AuthenticatorDep,
) -> None:
    """Меняет пароль и завершает все сессии, включая текущую: войдите снова."""
    await service.change_password(signed_in, payload, address)
    clear_session_cookies(response, auth.settings)


@router.delete(
    "",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Удалить мою учётную запись",
    responses=BODY_ERRORS | ACCOUNT_IN_USE | INVALID | AUTH | WRONG_PASSWORD | CONFIRM_LIMITED,
)
async def delete_account(
    payload: AccountDeletion,
    address: ClientAddressDep,
    signed_in: SignedInDep,
    response: Response,
    service: ProfileServiceDep,
    auth: AuthenticatorDep,
) -> None:
    """Удаляет учётную запись вместе с её записями; подтверждается паролем."""
    await service.delete_account(signed_in, payload, address)
    clear_session_cookies(response, auth.settings)
