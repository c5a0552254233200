"""Маршруты подтверждения адреса почты."""

from fastapi import APIRouter, status

from app.core.dependencies import ClientAddressDep
from app.routes.base import API_V1, BODY_ERRORS, INVALID
from app.routes.v1.registration import RegistrationServiceDep
from app.schemas.v1.auth import Accepted
from app.schemas.v1.registration import VerificationRequest, VerificationResend
from app.schemas.v1.registration.exception import REGISTRATION_LIMITED, VERIFICATION_LINK

router = APIRouter(prefix=f"{API_V1}/auth/verify-email", tags=["auth"])


@router.post(
    "",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Подтвердить адрес почты по ссылке из письма",
    responses=BODY_ERRORS | VERIFICATION_LINK | INVALID,
)
async def verify_email(payload: VerificationRequest, service: RegistrationServiceDep) -> None:
    """Подтверждает адрес: после этого можно войти."""
    await service.verify(payload.token)


@router.post(
    "/resend",
    status_code=status.HTTP_202_ACCEPTED,
    summary="Отправить письмо подтверждения ещё раз",
    responses=BODY_ERRORS | INVALID | REGISTRATION_LIMITED,
)
async def resend_verification(
    payload: VerificationResend, address: ClientAddressDep, service: RegistrationServiceDep
) -> Accepted:
    """Отправляет новую ссылку, если адрес зарегистрирован и не подтверждён."""
    await service.resend(payload.email, address)
    return Accepted(
        message="Если адрес зарегистрирован и ещё не подтверждён, на него отправлено новое письмо"
    )
