"""Ответы с ошибками маршрутов входа: неверные данные входа, лимиты попыток, ссылка из письма."""

from app.core.exceptions import (
    AccountDisabledError,
    AccountLockedError,
    InvalidCredentialsError,
    InvalidLinkError,
    RateLimitExceededError,
)
from app.schemas.v1.errors import Responses, error_responses

RETRY_AFTER_EXAMPLE = 60
"""Время ожидания в примерах ответов 429, с."""

LOGIN_ERRORS: Responses = error_responses(
    "Неверный адрес почты или пароль (или адрес не подтверждён).",
    InvalidCredentialsError(),
) | error_responses("Учётная запись отключена.", AccountDisabledError())
"""Ответы 401 и 403 на вход."""

LOGIN_LIMITED: Responses = error_responses(
    "Слишком много попыток или адрес заблокирован после неудачных; "
    "заголовок Retry-After говорит, когда повторить.",
    RateLimitExceededError(RETRY_AFTER_EXAMPLE),
    AccountLockedError(RETRY_AFTER_EXAMPLE),
)
"""Ответ 429 на вход: лимит попыток с IP-адреса и для адреса почты."""

MAIL_LIMITED: Responses = error_responses(
    "Слишком много запросов писем; заголовок Retry-After говорит, когда повторить.",
    RateLimitExceededError(RETRY_AFTER_EXAMPLE),
)
"""Ответ 429 на запрос письма: лимит с IP-адреса и для адреса почты."""

INVALID_LINK: Responses = error_responses(
    "Ссылка из письма недействительна, уже использована или устарела.", InvalidLinkError()
)
"""Ответ 400 на токен из письма."""
