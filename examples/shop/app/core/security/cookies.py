"""Cookie входа для браузерных клиентов.

Access- и refresh-токены лежат в cookie с флагом HttpOnly: скрипт страницы их не читает,
поэтому XSS не может их украсть. Refresh-cookie уходит только на адрес обновления токенов.
CSRF-токен — в обычной cookie: фронтенд читает её и повторяет в заголовке ``X-CSRF-Token``
каждого изменяющего запроса (проверка — в ``middlewares/verification.py``).
"""

from typing import Literal, TypedDict

from fastapi import Response

from app.core.security.token import IssuedToken
from app.core.settings import Settings

ACCESS_COOKIE = "access_token"
"""Cookie с access-токеном."""

REFRESH_COOKIE = "refresh_token"
"""Cookie с refresh-токеном."""

CSRF_COOKIE = "csrf_token"
"""Cookie с CSRF-токеном (читается скриптом фронтенда)."""

CSRF_HEADER = "X-CSRF-Token"
"""Заголовок, в котором фронтенд повторяет CSRF-токен."""

REFRESH_PATH = "/api/v1/auth/refresh"
"""Единственный адрес, на который браузер отправляет refresh-cookie."""


class CookieOptions(TypedDict):
    """Атрибуты, общие для всех cookie входа."""

    secure: bool
    samesite: Literal["lax", "strict"]
    domain: str | None


def cookie_options(settings: Settings) -> CookieOptions:
    """Возвращает атрибуты cookie входа из настроек.

    Args:
        settings: Настройки приложения.
    """
    return CookieOptions(
        secure=settings.secure_cookies,
        samesite=settings.auth.cookie_samesite,
        domain=settings.auth.cookie_domain,
    )


def set_session_cookies(
    response: Response,
    settings: Settings,
    *,
    access: IssuedToken,
    refresh: IssuedToken,
    csrf_token: str,
) -> None:
    """Кладёт токены сессии в cookie ответа.

    Args:
        response: Ответ, к которому добавляются заголовки ``Set-Cookie``.
        settings: Настройки: флаг Secure, SameSite и домен cookie.
        access: Access-токен.
        refresh: Refresh-токен.
        csrf_token: CSRF-токен сессии.
    """
    common = cookie_options(settings)
    response.set_cookie(
        ACCESS_COOKIE, access.token, max_age=access.expires_in, path="/", httponly=True, **common
    )
    response.set_cookie(
        REFRESH_COOKIE,
        refresh.token,
        max_age=refresh.expires_in,
        path=REFRESH_PATH,
        httponly=True,
        **common,
    )
    response.set_cookie(
        CSRF_COOKIE, csrf_token, max_age=refresh.expires_in, path="/", httponly=False, **common
    )


def clear_session_cookies(response: Response, settings: Settings) -> None:
    """Удаляет cookie сессии в браузере.

    Args:
        response: Ответ, к которому добавляются заголовки ``Set-Cookie``.
        settings: Настройки: флаг Secure, SameSite и домен cookie.
    """
    common = cookie_options(settings)
    response.delete_cookie(ACCESS_COOKIE, path="/", httponly=True, **common)
    response.delete_cookie(REFRESH_COOKIE, path=REFRESH_PATH, httponly=True, **common)
    response.delete_cookie(CSRF_COOKIE, path="/", **common)
