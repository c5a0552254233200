"""Безопасность: пароли, JWT-токены, cookie входа, текущий пользователь и права."""

from app.core.security.auth import (
    Access,
    Authenticator,
    AuthenticatorDep,
    CurrentUserDep,
    IssuedSession,
    OptionalSignedInDep,
    Permission,
    SignedIn,
    SignedInDep,
    SuperuserDep,
)
from app.core.security.cookies import (
    ACCESS_COOKIE,
    CSRF_COOKIE,
    CSRF_HEADER,
    REFRESH_COOKIE,
    REFRESH_PATH,
    clear_session_cookies,
    set_session_cookies,
)
from app.core.security.password import PasswordHasher, password_problem
from app.core.security.state import AuthState, Rotation
from app.core.security.throttle import LoginThrottle, normalize_email
from app.core.security.token import IssuedToken, TokenClaims, TokenCodec, TokenType

__all__ = [
    "ACCESS_COOKIE",
    "CSRF_COOKIE",
    "CSRF_HEADER",
    "REFRESH_COOKIE",
    "REFRESH_PATH",
    "Access",
    "AuthState",
    "Authenticator",
    "AuthenticatorDep",
    "CurrentUserDep",
    "IssuedSession",
    "IssuedToken",
    "LoginThrottle",
    "OptionalSignedInDep",
    "PasswordHasher",
    "Permission",
    "Rotation",
    "SignedIn",
    "SignedInDep",
    "SuperuserDep",
    "TokenClaims",
    "TokenCodec",
    "TokenType",
    "clear_session_cookies",
    "normalize_email",
    "password_problem",
    "set_session_cookies",
]
