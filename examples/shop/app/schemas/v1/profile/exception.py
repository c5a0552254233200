"""Ответы с ошибками маршрутов профиля: подтверждение паролем и удаление учётной записи."""

from app.core.exceptions import (
    AccountLockedError,
    CsrfError,
    InUseError,
    RateLimitExceededError,
    WrongPasswordError,
)
from app.schemas.v1.auth.exception import RETRY_AFTER_EXAMPLE
from app.schemas.v1.errors import Responses, error_responses

WRONG_PASSWORD: Responses = error_responses(
    "Текущий пароль неверен, или запрос с cookie пришёл без верного X-CSRF-Token.",
    WrongPasswordError(),
    CsrfError(),
)
"""Ответ 403 операций, подтверждаемых паролем."""

CONFIRM_LIMITED: Responses = error_responses(
    "Слишком много попыток подтвердить пароль или адрес заблокирован после неудачных; "
    "заголовок Retry-After говорит, когда повторить.",
    RateLimitExceededError(RETRY_AFTER_EXAMPLE),
    AccountLockedError(RETRY_AFTER_EXAMPLE),
)
"""Ответ 429 операций, подтверждаемых паролем: лимит тот же, что у входа."""

ACCOUNT_IN_USE: Responses = error_responses(
    "Учётная запись не удалена: на её записи ссылаются записи других пользователей.",
    InUseError(),
)
"""Ответ 409 на удаление учётной записи."""
