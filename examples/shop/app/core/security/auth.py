"""Аутентификация и авторизация: текущий пользователь, его сессия, роли и владение записями.

Access-токен берётся из заголовка ``Authorization: Bearer`` или, для браузеров, из cookie
(её переносит в заголовок ``middlewares/auth_cookie.py``). Токен принимается, только если
подпись, срок, издатель, получатель и вид верны, пользователь существует и активен, версия
его токенов не изменилась и сессия входа не завершена. Пользователь и его сессия читаются
из базы одним запросом при каждом запросе, поэтому смена роли и выход действуют сразу.

Права на операции сущностей задаёт спецификация: :class:`Permission` — зависимость
маршрута, которая пропускает или отказывает и возвращает :class:`Access` — кто выполняет
операцию и ограничен ли он своими записями.
"""

from dataclasses import dataclass
from typing import Annotated
from uuid import UUID, uuid4

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.clock import Clock
from app.core.dependencies import SessionDep
from app.core.exceptions import (
    AccountDisabledError,
    AccountLockedError,
    NotAuthenticatedError,
    PermissionDeniedError,
    SessionRevokedError,
    TokenReuseError,
    WeakPasswordError,
)
from app.core.logging import get_logger
from app.core.security.password import PasswordHasher, password_problem
from app.core.security.state import AuthState, PairStamp, Rotation
from app.core.security.throttle import LoginThrottle
from app.core.security.token import IssuedToken, TokenClaims, TokenCodec, TokenType
from app.core.settings import Settings
from app.models.v1.enums import Role
from app.models.v1.users import User

logger = get_logger(__name__)


@dataclass(frozen=True)
class IssuedSession:
    """Пара токенов новой или обновлённой сессии входа.

    Attributes:
        session_id: Идентификатор сессии.
        access: Access-токен.
        refresh: Refresh-токен.
        csrf_token: CSRF-токен сессии для клиентов с cookie.
    """

    session_id: UUID
    access: IssuedToken
    refresh: IssuedToken
    csrf_token: str


@dataclass(frozen=True)
class SignedIn:
    """Пользователь, вошедший по проверенному access-токену.

    Attributes:
        user: Пользователь (загружен в сессии запроса).
        claims: Содержимое токена: сессия, версия, срок.
    """

    user: User
    claims: TokenClaims


class Authenticator:
    """Токены, пароли, состояние сессий и лимиты входа — один объект на приложение."""

    def __init__(
        self, settings: Settings, state: AuthState, throttle: LoginThrottle, *, clock: Clock
    ) -> None:
        """Собирает части аутентификации по настройкам.

        Args:
            settings: Настройки приложения.
            state: Состояние сессий и блокировок.
            throttle: Лимиты попыток входа.
            clock: Часы приложения: сроки токенов и ссылок из писем.
        """
        self.settings = settings
        self.clock = clock
        self.tokens = TokenCodec(settings, clock=clock)
        self.passwords = PasswordHasher(settings.auth.bcrypt_rounds)
        self.state = state
        self.throttle = throttle

    def _pair(self, user: User, session_id: UUID, stamp: PairStamp) -> IssuedSession:
        """Подписывает access- и refresh-токен сессии (та же метка — те же токены)."""
        version = user.token_version
        issue = self.tokens.issue
        return IssuedSession(
            session_id=session_id,
            access=issue(
                TokenType.access,
                user.id,
                session_id,
                version,
                jti=stamp.access_jti,
                issued_at=stamp.issued_at,
            ),
            refresh=issue(
                TokenType.refresh,
                user.id,
                session_id,
                version,
                jti=stamp.refresh_jti,
                issued_at=stamp.issued_at,
            ),
            csrf_token=self.tokens.csrf_token(session_id),
        )

    def _new_stamp(self) -> PairStamp:
        """Метка новой пары: новые идентификаторы, выдана сейчас."""
        return PairStamp(access_jti=uuid4(), refresh_jti=uuid4(), issued_at=self.clock.now())

    async def start_session(self, user: User) -> IssuedSession:
        """Открывает новую сессию входа пользователя.

        Args:
            user: Пользователь, прошедший проверку пароля.

        Returns:
            Токены новой сессии.
        """
        issued = self._pair(user, uuid4(), self._new_stamp())
        await self.state.start_session(
            issued.session_id, user.id, issued.refresh.jti, self.settings.auth.refresh_token_ttl
        )
        return issued

    async def attempt(self, action: str, address: str, email: str) -> str:
        """Засчитывает попытку проверки пароля: лимит частоты и блокировку адреса.

        Args:
            action: Действие (``login``, ``confirm``): у каждого свой счётчик частоты.
            address: IP-адрес клиента.
            email: Адрес почты, к которому подбирают пароль.

        Returns:
            Ключ адреса почты для подсчёта неудач.

        Raises:
            RateLimitExceededError: Слишком много попыток с этого IP или для этого адреса.
            AccountLockedError: Вход по адресу заблокирован после неудачных попыток.
        """
        await self.throttle.hit(action, address, email)
        account = self.throttle.account_key(email)
        locked = await self.state.locked_for(account)
        if locked:
            raise AccountLockedError(locked)
        return account

    async def failed_attempt(self, account: str) -> None:
        """Считает неудачную проверку пароля; на пороге блокирует адрес.

        Args:
            account: Ключ адреса почты.

        Raises:
            AccountLockedError: Эта неудача заблокировала адрес.
        """
        settings = self.settings.auth
        locked = await self.state.record_failure(
            account, settings.lockout_attempts, settings.lockout_seconds
        )
        if locked:
            logger.warning("Вход по адресу заблокирован после неудачных попыток")
            raise AccountLockedError(locked)

    async def new_password_hash(self, password: str, *, email: str, field: str) -> str:
        """Проверяет стойкость нового пароля и возвращает его хеш.

        Args:
            password: Новый пароль.
            email: Адрес владельца: пароль не должен содержать имя из него.
            field: Путь к полю с паролем в запросе, для ошибки.

        Raises:
            WeakPasswordError: Пароль не проходит требования.
        """
        problem = password_problem(
            password, min_length=self.settings.auth.password_min_length, email=email
        )
        if problem:
            raise WeakPasswordError(field, problem)
        return await self.passwords.hash(password)

    async def continue_session(self, user: User, claims: TokenClaims) -> IssuedSession:
        """Меняет refresh-токен на пару токенов той же сессии.

        Последний выданный токен меняется на новую пару. Только что заменённый токен в
        течение ``AUTH__REFRESH_REUSE_GRACE`` секунд после замены получает ту же пару, что
        и первый запрос: две вкладки, обновившие токен одновременно, остаются в одной сессии.
        Любой другой повтор — кража токена: сессия отзывается.

        Args:
            user: Владелец сессии (версия его токенов уже сверена с токеном).
            claims: Содержимое предъявленного refresh-токена.

        Raises:
            TokenReuseError: Токен уже был использован; сессия отозвана.
            SessionRevokedError: Сессия завершена или истекла.
        """
        settings = self.settings.auth
        result = await self.state.rotate(
            claims.sid,
            user.id,
            claims.jti,
            self._new_stamp(),
            ttl=settings.refresh_token_ttl,
            grace=settings.refresh_reuse_grace,
        )
        if result.outcome is Rotation.reused:
            logger.warning(
                "Повторно предъявлен refresh-токен: сессия отозвана",
                user_id=str(user.id),
                session_id=str(claims.sid),
            )
            raise TokenReuseError
        if result.pair is None:
            raise SessionRevokedError
        return self._pair(user, claims.sid, result.pair)

    async def signed_in(self, token: str, session: AsyncSession) -> SignedIn:
        """Проверяет access-токен и возвращает пользователя и его сессию.

        Args:
            token: Access-токен из запроса.
            session: Сессия базы данных запроса.

        Raises:
            InvalidTokenError: Токен поддельный, чужой, другого вида или истёк.
            SessionRevokedError: Сессия завершена или токены пользователя отозваны.
            AccountDisabledError: Учётная запись отключена.
        """
        claims = self.tokens.decode(token, TokenType.access)
        user, session_open = await self.state.signed_in(session, claims.sub, claims.sid)
        if user is None or user.token_version != claims.ver:
            raise SessionRevokedError
        if not user.is_active:
            raise AccountDisabledError
        if not session_open:
            raise SessionRevokedError
        return SignedIn(user=user, claims=claims)


bearer = HTTPBearer(
    auto_error=False,
    description="Access-токен: заголовок `Authorization: Bearer <токен>` (браузеры — cookie "
    "`access_token` с CSRF-токеном в заголовке `X-CSRF-Token`).",
)
"""Схема Bearer в OpenAPI; сама проверка — в :func:`get_signed_in`."""


async def get_authenticator(request: Request) -> Authenticator:
    """Возвращает объект аутентификации приложения.

    Args:
        request: Текущий запрос; объект создаётся при запуске приложения.
    """
    authenticator: Authenticator = request.app.state.auth
    return authenticator


AuthenticatorDep = Annotated[Authenticator, Depends(get_authenticator)]
"""Токены, пароли, состояние сессий и лимиты входа."""


async def get_signed_in(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    authenticator: AuthenticatorDep,
    session: SessionDep,
) -> SignedIn | None:
    """Проверяет учётные данные запроса, если они есть.

    Неверные учётные данные — ошибка, даже для операций, открытых всем: клиент должен
    узнать, что его токен больше не действует.

    Args:
        request: Текущий запрос; пользователь запоминается в его состоянии (для журнала
            активности).
        credentials: Токен из заголовка ``Authorization``.
        authenticator: Объект аутентификации.
        session: Сессия базы данных запроса.

    Returns:
        Вошедший пользователь или ``None`` для анонимного запроса.
    """
    if credentials is None:
        return None
    signed_in = await authenticator.signed_in(credentials.credentials, session)
    request.state.user_activity = (signed_in.user.id, signed_in.user.last_activity_at)
    return signed_in


OptionalSignedInDep = Annotated[SignedIn | None, Depends(get_signed_in)]
"""Вошедший пользователь или ``None``."""


async def require_signed_in(signed_in: OptionalSignedInDep) -> SignedIn:
    """Требует вход.

    Raises:
        NotAuthenticatedError: Учётных данных нет.
    """
    if signed_in is None:
        raise NotAuthenticatedError
    return signed_in


SignedInDep = Annotated[SignedIn, Depends(require_signed_in)]
"""Вошедший пользователь с содержимым его токена."""


async def current_user(signed_in: SignedInDep) -> User:
    """Возвращает вошедшего пользователя."""
    return signed_in.user


CurrentUserDep = Annotated[User, Depends(current_user)]
"""Вошедший пользователь."""


async def require_superuser(user: CurrentUserDep) -> User:
    """Требует роль суперпользователя.

    Raises:
        PermissionDeniedError: Роль пользователя другая.
    """
    if not user.is_superuser:
        raise PermissionDeniedError
    return user


SuperuserDep = Annotated[User, Depends(require_superuser)]
"""Вошедший суперпользователь («admin»)."""


@dataclass(frozen=True)
class Access:
    """Кто выполняет операцию и с какими записями.

    Attributes:
        user: Пользователь; ``None`` — анонимный запрос к открытой операции.
        own_rows_only: Пользователю доступны только его записи.
    """

    user: User | None
    own_rows_only: bool = False

    @property
    def owner(self) -> UUID | None:
        """Владелец, которым ограничены записи, или ``None`` — доступны все."""
        return self.user.id if self.own_rows_only and self.user is not None else None

    @property
    def user_id(self) -> UUID:
        """Идентификатор пользователя (операции, которые создают записи, требуют вход).

        Raises:
            NotAuthenticatedError: Запрос анонимный.
        """
        if self.user is None:
            raise NotAuthenticatedError
        return self.user.id

    @property
    def superuser(self) -> bool:
        """Пользователь — суперпользователь."""
        return self.user is not None and self.user.is_superuser


class Permission:
    """Право на операцию: зависимость маршрута, которая пропускает или отказывает.

    Суперпользователю разрешено всё. Остальным — то, что перечислено: роли (все записи),
    ``owner`` (только свои записи), ``authenticated`` (любой вошедший, все записи) и
    ``public`` (любой, без входа). Ничего не перечислено — операция только для
    суперпользователя.
    """

    def __init__(
        self,
        *roles: Role,
        owner: bool = False,
        authenticated: bool = False,
        public: bool = False,
    ) -> None:
        """Задаёт, кому разрешена операция.

        Args:
            *roles: Роли с доступом ко всем записям.
            owner: Вошедший пользователь — к своим записям.
            authenticated: Любой вошедший пользователь — ко всем записям.
            public: Любой, в том числе анонимный, — ко всем записям.
        """
        self.roles = frozenset(roles)
        self.owner = owner
        self.authenticated = authenticated
        self.public = public

    async def __call__(self, signed_in: OptionalSignedInDep) -> Access:
        """Проверяет право вызывающего на операцию.

        Args:
            signed_in: Вошедший пользователь или ``None``.

        Returns:
            Кто выполняет операцию и ограничен ли он своими записями.

        Raises:
            NotAuthenticatedError: Операция требует входа.
            PermissionDeniedError: Роли пользователя операция не разрешена.
        """
        if signed_in is None:
            if self.public:
                return Access(user=None)
            raise NotAuthenticatedError
        user = signed_in.user
        if user.is_superuser or user.role in self.roles or self.authenticated or self.public:
            return Access(user=user)
        if self.owner:
            return Access(user=user, own_rows_only=True)
        raise PermissionDeniedError
