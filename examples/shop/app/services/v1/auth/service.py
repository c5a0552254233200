"""Сервис входа: вход по паролю, обновление и отзыв токенов, сброс пароля."""

from functools import partial

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.connections import after_commit
from app.core.exceptions import (
    AccountDisabledError,
    InvalidCredentialsError,
    InvalidLinkError,
    SessionRevokedError,
)
from app.core.integrations.mail import AuthMails
from app.core.security import (
    Authenticator,
    IssuedSession,
    SignedIn,
    TokenType,
)
from app.models.v1.enums import TokenPurpose
from app.models.v1.users import User
from app.schemas.v1.auth import LoginRequest, PasswordResetConfirm
from app.services.v1.auth.data_manager import UserTokenDataManager
from app.services.v1.base import BaseService
from app.services.v1.users.data_manager import UserDataManager


class AuthService(BaseService):
    """Вход, обновление токенов, выход и сброс пароля."""

    def __init__(self, session: AsyncSession, auth: Authenticator, mails: AuthMails) -> None:
        """Создаёт менеджеры данных в сессии запроса.

        Args:
            session: Сессия текущего запроса.
            auth: Токены, пароли, состояние сессий и лимиты входа.
            mails: Письма входа.
        """
        self.session = session
        self.auth = auth
        self.mails = mails
        self.users = UserDataManager(session)
        self.tokens = UserTokenDataManager(session, clock=auth.clock)

    async def login(self, payload: LoginRequest, address: str) -> IssuedSession:
        """Проверяет адрес и пароль и открывает сессию входа.

        Неизвестный адрес и неверный пароль неразличимы ни по ответу, ни по времени: пароль
        сверяется и тогда, когда пользователя нет.

        Args:
            payload: Адрес почты и пароль.
            address: IP-адрес клиента (для лимита попыток).

        Returns:
            Токены новой сессии.

        Raises:
            RateLimitExceededError: Слишком много попыток с этого IP или для этого адреса.
            AccountLockedError: Вход по адресу заблокирован после неудачных попыток.
            InvalidCredentialsError: Неверный адрес или пароль (или адрес не подтверждён: ответ
                тот же, чтобы по нему нельзя было узнать, был ли адрес свободен).
            AccountDisabledError: Учётная запись отключена.
        """
        auth = self.auth
        account = await auth.attempt("login", address, payload.email)
        user = await self.users.by_email(payload.email)
        hashed = user.password_hash if user is not None else None
        matches = await auth.passwords.verify(payload.password, hashed)
        # Неподтверждённый адрес — тот же ответ и тот же подсчёт, что и неверный пароль.
        matches = matches and user is not None and user.is_verified
        if user is None or not matches:
            await auth.failed_attempt(account)
            raise InvalidCredentialsError
        if not user.is_active:
            raise AccountDisabledError
        await auth.state.clear_failures(account)
        if auth.passwords.needs_rehash(user.password_hash):
            user.password_hash = await auth.passwords.hash(payload.password)
        return await auth.start_session(user)

    async def refresh(self, token: str) -> IssuedSession:
        """Меняет refresh-токен на новую пару токенов той же сессии.

        Каждый refresh-токен действует один раз. Повтор только что заменённого токена в
        течение ``AUTH__REFRESH_REUSE_GRACE`` секунд получает ту же пару (две вкладки обновили
        токен одновременно); любой другой повтор значит, что токен украли: сессия
        отзывается целиком.

        Args:
            token: Refresh-токен.

        Raises:
            InvalidTokenError: Токен поддельный, чужой, не refresh или истёк.
            SessionRevokedError: Сессия завершена, токены пользователя отозваны или он отключён.
            TokenReuseError: Токен уже был использован; сессия отозвана.
        """
        claims = self.auth.tokens.decode(token, TokenType.refresh)
        user = await self.session.get(User, claims.sub)
        if user is None or not user.is_active or user.token_version != claims.ver:
            await self.auth.state.revoke(claims.sid)
            raise SessionRevokedError
        return await self.auth.continue_session(user, claims)

    async def logout(self, signed_in: SignedIn) -> None:
        """Завершает текущую сессию входа.

        Args:
            signed_in: Вошедший пользователь и его токен.
        """
        await self.auth.state.revoke(signed_in.claims.sid)

    async def logout_everywhere(self, signed_in: SignedIn) -> None:
        """Завершает все сессии пользователя: токены всех устройств перестают действовать.

        Args:
            signed_in: Вошедший пользователь и его токен.
        """
        await self.users.revoke_tokens(signed_in.user)
        # Токены уже отозваны версией; состояние сессии — после фиксации, вне транзакции.
        after_commit(self.session, partial(self.auth.state.revoke, signed_in.claims.sid))

    async def request_password_reset(self, email: str, address: str) -> None:
        """Отправляет ссылку сброса пароля, если адрес принадлежит активной учётной записи.

        Ответ одинаков, есть учётная запись или нет.

        Args:
            email: Адрес почты.
            address: IP-адрес клиента (для лимита писем).

        Raises:
            RateLimitExceededError: Слишком много запросов с этого IP или для этого адреса.
        """
        await self.auth.throttle.hit("mail", address, email)
        user = await self.users.by_email(email)
        if user is None or not user.is_active:
            return
        ttl = self.auth.settings.auth.reset_ttl
        token = await self.tokens.issue(user.id, TokenPurpose.reset_password, ttl)
        self.mails.reset_password(self.session, user.email, user.full_name, token)

    async def reset_password(self, payload: PasswordResetConfirm) -> None:
        """Задаёт новый пароль по токену из письма и завершает все сессии пользователя.

        Переход по ссылке из письма доказывает владение адресом, поэтому адрес заодно
        считается подтверждённым.

        Args:
            payload: Токен и новый пароль.

        Raises:
            InvalidLinkError: Токен неизвестен, уже использован или устарел.
            WeakPasswordError: Новый пароль не проходит требования.
        """
        user_id = await self.tokens.consume(payload.token, TokenPurpose.reset_password)
        user = await self.session.get(User, user_id) if user_id is not None else None
        if user is None or not user.is_active:
            raise InvalidLinkError
        user.password_hash = await self.auth.new_password_hash(
            payload.new_password, email=user.email, field="body.new_password"
        )
        user.is_verified = True
        await self.users.revoke_tokens(user)
        self.mails.password_changed(self.session, user.email, user.full_name)
