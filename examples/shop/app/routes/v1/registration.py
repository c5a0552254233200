"""Маршрут регистрации."""

from typing import Annotated

from fastapi import APIRouter, Depends, status

from app.core.dependencies import ClientAddressDep, SessionDep
from app.core.integrations.mail import AuthMailsDep
from app.core.security import AuthenticatorDep
from app.routes.base import API_V1, BODY_ERRORS, INVALID
from app.schemas.v1.auth import Accepted
from app.schemas.v1.registration import RegistrationRequest
from app.schemas.v1.registration.exception import REGISTRATION_LIMITED
from app.services.v1.registration import RegistrationService

router = APIRouter(prefix=f"{API_V1}/auth", tags=["auth"])


async def get_registration_service(
    session: SessionDep, auth: AuthenticatorDep, mails: AuthMailsDep
) -> RegistrationService:
    """Создаёт сервис регистрации в сессии запроса."""
    return RegistrationService(session, auth, mails)


RegistrationServiceDep = Annotated[RegistrationService, Depends(get_registration_service)]


@router.post(
    "/register",
    status_code=status.HTTP_202_ACCEPTED,
    summary="Зарегистрироваться",
    responses=BODY_ERRORS | INVALID | REGISTRATION_LIMITED,
)
async def register(
    payload: RegistrationRequest, address: ClientAddressDep, service: RegistrationServiceDep
) -> Accepted:
    """Создаёт учётную запись, если адрес свободен; ответ одинаков в обоих случаях."""
    await service.register(payload, address)
    return Accepted(
        message="Если адрес свободен, учётная запись создана и на него отправлено письмо со "
        "ссылкой для подтверждения"
    )
