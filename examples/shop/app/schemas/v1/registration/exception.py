"""Ответы с ошибками маршрутов регистрации и подтверждения адреса."""

from app.core.exceptions import InvalidLinkError, RateLimitExceededError
from app.schemas.v1.auth.exception import RETRY_AFTER_EXAMPLE
from app.schemas.v1.errors import Responses, error_responses

REGISTRATION_LIMITED: Responses = error_responses(
    "Слишком много попыток с этого IP-адреса или для этого адреса почты; заголовок "
    "Retry-After говорит, когда повторить.",
    RateLimitExceededError(RETRY_AFTER_EXAMPLE),
)
"""Ответ 429 на регистрацию и повторное письмо подтверждения."""

VERIFICATION_LINK: Responses = error_responses(
    "Ссылка подтверждения недействительна, уже использована или устарела.", InvalidLinkError()
)
"""Ответ 400 на подтверждение адреса."""
