"""Сервис регистрации и подтверждения адреса почты.

Ответ на регистрацию одинаков, свободен адрес или занят: владельцу занятого адреса уходит
письмо о попытке регистрации, а пароль хешируется в обоих случаях, чтобы не различалось и
время ответа.
"""

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.exceptions import InvalidLinkError
from app.core.integrations.mail import AuthMails
from app.core.security import Authenticator
from app.models.v1.enums import Role, TokenPurpose
from app.models.v1.users import User
from app.schemas.v1.registration import RegistrationRequest
from app.services.v1.auth.data_manager import UserTokenDataManager
from app.services.v1.base import BaseService
from app.services.v1.registration.data_manager import RegistrationDataManager


class RegistrationService(BaseService):
    """Регистрация и подтверждение адреса."""

    def __init__(self, session: AsyncSession, auth: Authenticator, mails: AuthMails) -> None:
        """Создаёт менеджеры данных в сессии запроса.

        Args:
            session: Сессия текущего запроса.
            auth: Пароли и лимиты попыток.
            mails: Письма входа.
        """
        self.session = session
        self.auth = auth
        self.mails = mails
        self.registrations = RegistrationDataManager(session)
        self.tokens = UserTokenDataManager(session, clock=auth.clock)

    async def register(self, payload: RegistrationRequest, address: str) -> None:
        """Создаёт учётную запись с ролью «user», если адрес свободен.

        Args:
            payload: Адрес, пароль и имя.
            address: IP-адрес клиента (для лимита попыток).

        Raises:
            RateLimitExceededError: Слишком много попыток с этого IP или для этого адреса.
            WeakPasswordError: Пароль не проходит требования.
        """
        await self.auth.throttle.hit("register", address, payload.email)
        hashed = await self.auth.new_password_hash(
            payload.password, email=payload.email, field="body.password"
        )
        if await self.registrations.is_registered(payload.email):
            self.mails.account_exists(self.session, payload.email)
            return
        user = User(
            email=payload.email,
            password_hash=hashed,
            full_name=payload.full_name,
            role=Role.user,
            is_active=True,
            is_verified=False,
            token_version=0,
        )
        if not await self.registrations.add_unless_taken(user):
            # Адрес заняли одновременной регистрацией: владельцу — то же письмо.
            self.mails.account_exists(self.session, payload.email)
            return
        await self._send_verification(user)

    async def _send_verification(self, user: User) -> None:
        """Выдаёт токен подтверждения и отправляет письмо со ссылкой после фиксации."""
        ttl = self.auth.settings.auth.verification_ttl
        token = await self.tokens.issue(user.id, TokenPurpose.verify_email, ttl)
        self.mails.verify_email(self.session, user.email, user.full_name, token)

    async def verify(self, token: str) -> None:
        """Подтверждает адрес почты по токену из письма.

        Args:
            token: Токен из ссылки.

        Raises:
            InvalidLinkError: Токен неизвестен, уже использован или устарел.
        """
        user_id = await self.tokens.consume(token, TokenPurpose.verify_email)
        user = await self.registrations.get(user_id) if user_id is not None else None
        if user is None:
            raise InvalidLinkError
        await self.registrations.mark_verified(user)

    async def resend(self, email: str, address: str) -> None:
        """Отправляет новую ссылку подтверждения, если адрес ещё не подтверждён.

        Ответ одинаков при любом адресе.

        Args:
            email: Адрес почты.
            address: IP-адрес клиента (для лимита писем).

        Raises:
            RateLimitExceededError: Слишком много запросов с этого IP или для этого адреса.
        """
        await self.auth.throttle.hit("mail", address, email)
        user = await self.registrations.unverified(email)
        if user is not None:
            await self._send_verification(user)
