"""Исключения аутентификации и авторизации.

Сообщения не выдают, зарегистрирован ли адрес: неверный адрес и неверный пароль дают одну
и ту же ошибку, и неподтверждённый адрес — тоже она (иначе, зарегистрировав чужой адрес со
своим паролем и попробовав войти, можно было бы узнать, был ли он свободен).
"""

from app.core.exceptions.base import AppError, BadRequestError


class NotAuthenticatedError(AppError):
    """Запрос без учётных данных к операции, которая требует входа."""

    status_code = 401
    code = "not_authenticated"
    message = "Требуется вход: передайте access-токен в заголовке Authorization"

    @property
    def headers(self) -> dict[str, str]:
        """Заголовок ``WWW-Authenticate`` со схемой Bearer (RFC 6750)."""
        return {"WWW-Authenticate": "Bearer"}


class InvalidTokenError(NotAuthenticatedError):
    """Токен повреждён, подписан не тем ключом или выдан не для этого сервиса."""

    code = "invalid_token"
    message = "Токен недействителен"

    @property
    def headers(self) -> dict[str, str]:
        """Заголовок ``WWW-Authenticate`` с причиной отказа."""
        return {"WWW-Authenticate": 'Bearer error="invalid_token"'}


class TokenExpiredError(InvalidTokenError):
    """Срок действия токена истёк."""

    code = "token_expired"
    message = "Срок действия токена истёк — обновите его или войдите снова"


class SessionRevokedError(InvalidTokenError):
    """Сессия завершена: выход, смена пароля или отключение учётной записи."""

    code = "session_revoked"
    message = "Сессия завершена — войдите снова"


class TokenReuseError(InvalidTokenError):
    """Refresh-токен предъявлен повторно: сессия отозвана целиком."""

    code = "token_reused"
    message = (
        "Refresh-токен уже был использован — сессия завершена на всех устройствах, где она "
        "была открыта; войдите снова"
    )


class InvalidCredentialsError(AppError):
    """Неверный адрес почты или пароль."""

    status_code = 401
    code = "invalid_credentials"
    message = (
        "Неверный адрес почты или пароль, либо адрес ещё не подтверждён — проверьте письмо "
        "со ссылкой"
    )


class AccountDisabledError(AppError):
    """Учётная запись отключена администратором."""

    status_code = 403
    code = "account_disabled"
    message = "Учётная запись отключена — обратитесь к администратору"


class PermissionDeniedError(AppError):
    """Роли пользователя не разрешена операция."""

    status_code = 403
    code = "forbidden"
    message = "Недостаточно прав для этой операции"


class CsrfError(AppError):
    """Запрос с cookie входа пришёл без верного CSRF-токена."""

    status_code = 403
    code = "csrf_failed"
    message = (
        "Запрос с cookie входа должен нести CSRF-токен в заголовке X-CSRF-Token "
        "(значение cookie csrf_token)"
    )


class InvalidLinkError(BadRequestError):
    """Токен из письма неизвестен, уже использован или устарел."""

    code = "invalid_link"
    message = "Ссылка недействительна или устарела — запросите новое письмо"


class AuthUnavailableError(AppError):
    """Хранилище сессий недоступно: войти или проверить сессию сейчас нельзя."""

    status_code = 503
    code = "auth_unavailable"
    message = "Вход временно недоступен — повторите попытку позже"
