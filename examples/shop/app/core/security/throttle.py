"""Ограничение частоты входов, регистраций и писем: отдельно на IP и на адрес почты.

Лимит на IP мешает перебирать адреса с одной машины, лимит на адрес — подбирать пароль к
одной учётной записи с многих машин. Окно скользящее (:mod:`app.core.moving_window`), время —
по часам приложения.

Счётчики лежат в Redis и общие для всех процессов; недоступный Redis — ошибка 503, а не
вход без ограничений.

Адрес почты в ключах не хранится: вместо него — HMAC адреса, см. :func:`account_key`.
"""

import hashlib
import hmac

from limits import parse
from redis.exceptions import RedisError

from app.core.clock import Clock
from app.core.connections import Cache
from app.core.exceptions import AuthUnavailableError, RateLimitExceededError
from app.core.moving_window import RedisMovingWindow
from app.core.security.token import derive_key
from app.core.settings import Settings

NAMESPACE = "auth:limits"
"""Пространство ключей счётчиков в Redis (после префикса ключей приложения)."""


def normalize_email(email: str) -> str:
    """Приводит адрес почты к виду, в котором он хранится: без пробелов, в нижнем регистре.

    Args:
        email: Адрес из запроса.
    """
    return email.strip().lower()


class LoginThrottle:
    """Счётчики попыток входа и запросов писем."""

    def __init__(self, settings: Settings, cache: Cache, *, clock: Clock) -> None:
        """Создаёт ограничитель с лимитом из настроек.

        Args:
            settings: Настройки приложения: лимит и ключ для адресов.
            cache: Подключение к Redis, где лежат счётчики.
            clock: Часы приложения: по ним считается окно.
        """
        limit = parse(settings.auth.login_rate_limit)
        self.key = derive_key(settings.secret_key.get_secret_value(), "account")
        self.window = RedisMovingWindow(cache, limit, NAMESPACE, clock=clock)

    def account_key(self, email: str) -> str:
        """Возвращает ключ адреса почты: HMAC адреса, не сам адрес.

        Args:
            email: Адрес почты.
        """
        digest = hmac.new(self.key, normalize_email(email).encode(), hashlib.sha256)
        return digest.hexdigest()

    async def hit(self, action: str, address: str, email: str) -> None:
        """Засчитывает попытку действия с IP-адреса для адреса почты.

        Args:
            action: Действие: ``login``, ``register``, ``mail``.
            address: IP-адрес клиента.
            email: Адрес почты из запроса.

        Raises:
            RateLimitExceededError: Исчерпан лимит по IP или по адресу почты.
            AuthUnavailableError: Redis недоступен.
        """
        keys = (("ip", address), ("account", self.account_key(email)))
        try:
            for kind, value in keys:
                await self._hit(action, kind, value)
        except RedisError as error:
            raise AuthUnavailableError from error

    async def _hit(self, action: str, kind: str, value: str) -> None:
        """Засчитывает попытку по одному ключу или поднимает ошибку 429."""
        retry_after = await self.window.hit(action, kind, value)
        if retry_after:
            raise RateLimitExceededError(retry_after)
