"""Маршруты входа: вход, обновление токенов, выход, сброс пароля."""

from typing import Annotated, Literal

from fastapi import APIRouter, Cookie, Depends, Response, status

from app.core.dependencies import ClientAddressDep, SessionDep
from app.core.exceptions import NotAuthenticatedError
from app.core.integrations.mail import AuthMailsDep
from app.core.security import (
    REFRESH_COOKIE,
    AuthenticatorDep,
    IssuedSession,
    SignedInDep,
    clear_session_cookies,
    set_session_cookies,
)
from app.core.settings import Settings
from app.routes.base import API_V1, AUTH, BODY_ERRORS, INVALID
from app.schemas.v1.auth import (
    Accepted,
    LoginRequest,
    PasswordResetConfirm,
    PasswordResetRequest,
    RefreshRequest,
    SessionResponse,
)
from app.schemas.v1.auth.exception import INVALID_LINK, LOGIN_ERRORS, LOGIN_LIMITED, MAIL_LIMITED
from app.services.v1.auth import AuthService

router = APIRouter(prefix=f"{API_V1}/auth", tags=["auth"])


async def get_auth_service(
    session: SessionDep, auth: AuthenticatorDep, mails: AuthMailsDep
) -> AuthService:
    """Создаёт сервис входа в сессии запроса."""
    return AuthService(session, auth, mails)


AuthServiceDep = Annotated[AuthService, Depends(get_auth_service)]


def session_response(
    issued: IssuedSession,
    transport: Literal["bearer", "cookie"],
    response: Response,
    settings: Settings,
) -> SessionResponse:
    """Отдаёт токены сессии в теле ответа (bearer) или в cookie (cookie).

    Args:
        issued: Токены сессии.
        transport: Как передать токены.
        response: Ответ, в который ставятся cookie.
        settings: Настройки cookie.
    """
    if transport == "cookie":
        set_session_cookies(
            response,
            settings,
            access=issued.access,
            refresh=issued.refresh,
            csrf_token=issued.csrf_token,
        )
        return SessionResponse(
            token_type="cookie",  # noqa: S106 - вид передачи токенов, не секрет
            access_token=None,
            refresh_token=None,
            expires_in=issued.access.expires_in,
            csrf_token=issued.csrf_token,
        )
    return SessionResponse(
        token_type="bearer",  # noqa: S106 - вид передачи токенов, не секрет
        access_token=issued.access.token,
        refresh_token=issued.refresh.token,
        expires_in=issued.access.expires_in,
        csrf_token=None,
    )


@router.post(
    "/login",
    summary="Войти по адресу почты и паролю",
    responses=BODY_ERRORS | LOGIN_ERRORS | INVALID | LOGIN_LIMITED,
)
async def login(
    payload: LoginRequest,
    address: ClientAddressDep,
    response: Response,
    service: AuthServiceDep,
    auth: AuthenticatorDep,
) -> SessionResponse:
    """Открывает сессию входа: токены в теле ответа или в cookie (``transport``)."""
    issued = await service.login(payload, address)
    return session_response(issued, payload.transport, response, auth.settings)


@router.post("/refresh", summary="Обновить пару токенов", responses=BODY_ERRORS | AUTH | INVALID)
async def refresh(
    response: Response,
    service: AuthServiceDep,
    auth: AuthenticatorDep,
    payload: RefreshRequest | None = None,
    refresh_token: Annotated[str | None, Cookie(alias=REFRESH_COOKIE)] = None,
) -> SessionResponse:
    """Меняет refresh-токен (из тела или из cookie) на новую пару токенов той же сессии.

    Каждый refresh-токен действует один раз; повтор старого токена отзывает сессию.
    """
    from_body = payload is not None and payload.refresh_token is not None
    token = payload.refresh_token if payload is not None and from_body else refresh_token
    if not token:
        msg = "Передайте refresh-токен в теле запроса или в cookie refresh_token"
        raise NotAuthenticatedError(msg)
    issued = await service.refresh(token)
    return session_response(issued, "bearer" if from_body else "cookie", response, auth.settings)


@router.post(
    "/logout",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Выйти: завершить текущую сессию",
    responses=AUTH,
)
async def logout(
    signed_in: SignedInDep, response: Response, service: AuthServiceDep, auth: AuthenticatorDep
) -> None:
    """Завершает текущую сессию входа и удаляет cookie входа."""
    await service.logout(signed_in)
    clear_session_cookies(response, auth.settings)


@router.post(
    "/logout-all",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Выйти на всех устройствах",
    responses=AUTH,
)
async def logout_everywhere(
    signed_in: SignedInDep, response: Response, service: AuthServiceDep, auth: AuthenticatorDep
) -> None:
    """Завершает все сессии пользователя и удаляет cookie входа."""
    await service.logout_everywhere(signed_in)
    clear_session_cookies(response, auth.settings)


@router.post(
    "/password-reset",
    status_code=status.HTTP_202_ACCEPTED,
    summary="Запросить письмо для сброса пароля",
    responses=BODY_ERRORS | INVALID | MAIL_LIMITED,
)
async def request_password_reset(
    payload: PasswordResetRequest, address: ClientAddressDep, service: AuthServiceDep
) -> Accepted:
    """Отправляет ссылку сброса пароля, если адрес зарегистрирован; ответ одинаков всегда."""
    await service.request_password_reset(payload.email, address)
    return Accepted(
        message="Если адрес зарегистрирован, на него отправлено письмо со ссылкой для сброса пароля"
    )


@router.post(
    "/password-reset/confirm",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Задать новый пароль по ссылке из письма",
    responses=BODY_ERRORS | INVALID_LINK | INVALID,
)
async def reset_password(payload: PasswordResetConfirm, service: AuthServiceDep) -> None:
    """Задаёт новый пароль и завершает все сессии пользователя."""
    await service.reset_password(payload)
