"""Сервис профиля: свои данные, смена пароля и удаление учётной записи."""

from functools import partial

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.connections import Cache, after_commit
from app.core.connections.database import Deferred
from app.core.exceptions import WrongPasswordError
from app.core.integrations.cache import EntityCache
from app.core.integrations.mail import AuthMails
from app.core.security import Authenticator, SignedIn
from app.models.v1.users import User
from app.schemas.v1.catalog import ProductRead
from app.schemas.v1.payments import PaymentRead
from app.schemas.v1.profile import AccountDeletion, PasswordChange, ProfileRead, ProfileUpdate
from app.services.v1.base import BaseService
from app.services.v1.profile.data_manager import ProfileDataManager


class ProfileService(BaseService):
    """Операции вошедшего пользователя над своей учётной записью."""

    def __init__(
        self,
        session: AsyncSession,
        auth: Authenticator,
        mails: AuthMails,
        cache: Cache,
    ) -> None:
        """Создаёт менеджеры данных в сессии запроса.

        Args:
            session: Сессия текущего запроса.
            auth: Пароли и состояние сессий.
            mails: Письма входа.
            cache: Подключение к Redis: кэш записей сбрасывается при удалении учётной записи.
        """
        self.session = session
        self.auth = auth
        self.mails = mails
        self.profiles = ProfileDataManager(session)
        self.stale_after_deletion: list[Deferred] = [
            EntityCache(cache, ProductRead, table="products", ttl=600).forget_all,
            EntityCache(cache, PaymentRead, table="payments", ttl=300).forget_all,
        ]

    async def update(self, user: User, payload: ProfileUpdate) -> ProfileRead:
        """Изменяет переданные поля профиля.

        Args:
            user: Вошедший пользователь.
            payload: Меняемые поля.
        """
        await self.profiles.update(user, payload.model_dump(exclude_unset=True))
        return ProfileRead.model_validate(await self.profiles.reload(user))

    async def _confirm(self, user: User, password: str, address: str) -> None:
        """Проверяет текущий пароль, которым пользователь подтверждает действие.

        Проверка ограничена так же, как вход, и неудачи считаются вместе с неудачными входами:
        украденный токен не даёт подбирать пароль быстрее, чем форма входа.

        Raises:
            RateLimitExceededError: Слишком много попыток.
            AccountLockedError: Адрес заблокирован после неудачных попыток.
            WrongPasswordError: Пароль неверен.
        """
        account = await self.auth.attempt("confirm", address, user.email)
        if not await self.auth.passwords.verify(password, user.password_hash):
            await self.auth.failed_attempt(account)
            raise WrongPasswordError

    async def change_password(
        self, signed_in: SignedIn, payload: PasswordChange, address: str
    ) -> None:
        """Меняет пароль и завершает все сессии пользователя, включая текущую.

        Args:
            signed_in: Вошедший пользователь и его токен.
            payload: Текущий и новый пароль.
            address: IP-адрес клиента (для лимита попыток).

        Raises:
            WrongPasswordError: Текущий пароль неверен.
            WeakPasswordError: Новый пароль не проходит требования.
        """
        user = signed_in.user
        await self._confirm(user, payload.current_password, address)
        password_hash = await self.auth.new_password_hash(
            payload.new_password, email=user.email, field="body.new_password"
        )
        await self.profiles.set_password(user, password_hash)
        # Токены уже отозваны версией; состояние сессии — после фиксации, вне транзакции.
        after_commit(self.session, partial(self.auth.state.revoke, signed_in.claims.sid))
        self.mails.password_changed(self.session, user.email, user.full_name)

    async def delete_account(
        self, signed_in: SignedIn, payload: AccountDeletion, address: str
    ) -> None:
        """Удаляет учётную запись вместе с её записями.

        Args:
            signed_in: Вошедший пользователь и его токен.
            payload: Текущий пароль для подтверждения.
            address: IP-адрес клиента (для лимита попыток).

        Raises:
            WrongPasswordError: Пароль неверен.
            InUseError: На записи пользователя ссылаются чужие записи.
        """
        await self._confirm(signed_in.user, payload.password, address)
        await self.profiles.delete_with_rows(signed_in.user)
        # Удалённые записи (и то, что база удалила или отвязала каскадом) не читаются из кэша.
        for forget_all in self.stale_after_deletion:
            after_commit(self.session, forget_all)
        after_commit(self.session, partial(self.auth.state.revoke, signed_in.claims.sid))
