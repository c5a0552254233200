"""JWT-токены входа (PyJWT) и ключи, выведенные из ``SECRET_KEY``.

Алгоритм подписи закреплён (HS256) и никогда не берётся из заголовка токена, поэтому
токены с ``alg: none`` или с другим алгоритмом отвергаются. Каждый токен несёт ``sub``
(пользователь), ``type`` (access или refresh), ``exp``, ``iat``, ``jti``, ``iss``, ``aud``,
а также ``sid`` (сессия входа) и ``ver`` (версия токенов пользователя).

Сроки (``iat``, ``exp``) ставятся и проверяются по часам приложения (:mod:`app.core.clock`),
а не по системному времени внутри PyJWT: подпись, издателя, получателя и состав полей
проверяет PyJWT, срок — :meth:`TokenCodec.decode`.
"""

import base64
import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID, uuid4

import jwt
from pydantic import BaseModel, ValidationError

from app.core.clock import Clock
from app.core.exceptions import InvalidTokenError, TokenExpiredError
from app.core.settings import Settings

ALGORITHM = "HS256"
"""Единственный принимаемый алгоритм подписи."""

LEEWAY = 5
"""Допуск расхождения часов между экземплярами приложения, с."""

REQUIRED_CLAIMS = ("sub", "type", "exp", "iat", "jti", "iss", "aud", "sid", "ver")
"""Поля, без которых токен не принимается."""


def derive_key(secret: str, purpose: str) -> bytes:
    """Выводит из ``SECRET_KEY`` отдельный 256-битный ключ для одной цели.

    Подпись токенов и CSRF-токены используют разные ключи: ключ одной цели ничего не даёт
    для другой.

    Args:
        secret: Значение ``SECRET_KEY``.
        purpose: Цель ключа, например ``jwt``.
    """
    return hmac.new(secret.encode(), purpose.encode(), hashlib.sha256).digest()


class TokenType(StrEnum):
    """Вид токена: access — для запросов, refresh — только для обновления пары."""

    access = "access"
    refresh = "refresh"


class TokenClaims(BaseModel):
    """Проверенное содержимое токена.

    Attributes:
        sub: Идентификатор пользователя.
        type: Вид токена.
        sid: Идентификатор сессии входа.
        jti: Идентификатор токена.
        ver: Версия токенов пользователя на момент выдачи.
        exp: Время истечения (Unix time).
        iat: Время выдачи (Unix time).
    """

    sub: UUID
    type: TokenType
    sid: UUID
    jti: UUID
    ver: int
    exp: int
    iat: int


@dataclass(frozen=True)
class IssuedToken:
    """Выданный токен.

    Attributes:
        token: Сам токен (JWT).
        jti: Его идентификатор.
        expires_in: Через сколько секунд он истечёт.
    """

    token: str
    jti: UUID
    expires_in: int


class TokenCodec:
    """Выдаёт и проверяет токены входа."""

    def __init__(self, settings: Settings, *, clock: Clock) -> None:
        """Берёт ключ подписи, издателя, получателя и сроки жизни из настроек.

        Args:
            settings: Настройки приложения.
            clock: Часы приложения: время выдачи и проверки срока.
        """
        self.clock = clock
        secret = settings.secret_key.get_secret_value()
        self.key = derive_key(secret, "jwt")
        self.csrf_key = derive_key(secret, "csrf")
        self.issuer = settings.auth.issuer
        self.audience = settings.auth.audience
        self.ttl = {
            TokenType.access: settings.auth.access_token_ttl,
            TokenType.refresh: settings.auth.refresh_token_ttl,
        }

    def issue(
        self,
        kind: TokenType,
        user_id: UUID,
        session_id: UUID,
        version: int,
        *,
        jti: UUID | None = None,
        issued_at: datetime | None = None,
    ) -> IssuedToken:
        """Выдаёт токен.

        Подпись HS256 детерминирована: с тем же ``jti`` и моментом выдачи получается тот же
        токен, поэтому пару, выданную при обновлении, можно вернуть повторно, не храня её.

        Args:
            kind: Вид токена.
            user_id: Пользователь.
            session_id: Сессия входа.
            version: Текущая версия токенов пользователя.
            jti: Идентификатор токена; по умолчанию — новый.
            issued_at: Момент выдачи; по умолчанию — сейчас по часам приложения.
        """
        issued = int((issued_at or self.clock.now()).timestamp())
        jti = jti or uuid4()
        expires = issued + self.ttl[kind]
        claims = {
            "sub": str(user_id),
            "type": kind.value,
            "sid": str(session_id),
            "jti": str(jti),
            "ver": version,
            "iat": issued,
            "exp": expires,
            "iss": self.issuer,
            "aud": self.audience,
        }
        token = jwt.encode(claims, self.key, algorithm=ALGORITHM)
        remaining = expires - int(self.clock.now().timestamp())
        return IssuedToken(token=token, jti=jti, expires_in=max(remaining, 0))

    def decode(self, token: str, kind: TokenType) -> TokenClaims:
        """Проверяет подпись, срок, издателя, получателя и вид токена.

        Args:
            token: Токен из запроса.
            kind: Ожидаемый вид токена.

        Raises:
            TokenExpiredError: Срок действия истёк.
            InvalidTokenError: Токен поддельный, чужой, другого вида, без нужных полей или
                выдан в будущем.
        """
        try:
            payload = jwt.decode(
                token,
                self.key,
                algorithms=[ALGORITHM],
                audience=self.audience,
                issuer=self.issuer,
                # Сроки проверяются ниже по часам приложения, а не по системному времени.
                options={
                    "require": list(REQUIRED_CLAIMS),
                    "verify_exp": False,
                    "verify_iat": False,
                },
            )
            claims = TokenClaims.model_validate(payload)
        except (jwt.InvalidTokenError, ValidationError):
            raise InvalidTokenError from None
        now = self.clock.now().timestamp()
        if claims.iat > now + LEEWAY:
            raise InvalidTokenError
        if claims.exp <= now - LEEWAY:
            raise TokenExpiredError
        if claims.type is not kind:
            raise InvalidTokenError
        return claims

    def csrf_token(self, session_id: UUID) -> str:
        """Возвращает CSRF-токен сессии: подпись её идентификатора ключом CSRF.

        Токен нельзя подобрать или подставить из другой сессии, и его не нужно хранить.

        Args:
            session_id: Сессия входа.
        """
        digest = hmac.new(self.csrf_key, session_id.bytes, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    def check_csrf(self, session_id: UUID, presented: str | None) -> bool:
        """Сверяет CSRF-токен из запроса с токеном сессии за постоянное время.

        Args:
            session_id: Сессия входа.
            presented: Значение заголовка ``X-CSRF-Token``.
        """
        if not presented:
            return False
        return hmac.compare_digest(presented.encode(), self.csrf_token(session_id).encode())
