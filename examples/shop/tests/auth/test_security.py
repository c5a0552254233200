"""Части безопасности по отдельности: пароли, токены, команда создания суперпользователя.
И недоступный Redis: без счётчиков лимита вход не открывается.
"""

from uuid import uuid4

import pytest
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncSession

from app.commands import PASSWORD_VARIABLE, CommandError, create_superuser, main
from app.core.connections import Cache
from app.core.exceptions import AuthUnavailableError
from app.core.security import (
    LoginThrottle,
    PasswordHasher,
    TokenCodec,
    TokenType,
    password_problem,
)
from app.core.settings import CacheSettings, Settings
from app.models.v1.enums import Role
from app.models.v1.users import User
from tests.conftest import FrozenClock
from tests.factories import PASSWORD, make_user


def test_password_policy_accepts_a_good_password() -> None:
    assert password_problem(PASSWORD, min_length=10, email="anna@example.com") is None


async def test_hasher_verifies_only_the_right_password() -> None:
    hasher = PasswordHasher(rounds=4)
    hashed = await hasher.hash(PASSWORD)
    assert hashed.startswith("$2b$04$")
    assert await hasher.verify(PASSWORD, hashed)
    assert not await hasher.verify(PASSWORD + "x", hashed)
    assert not await hasher.verify(PASSWORD, None)
    # bcrypt сравнивает только первые 72 байта: длинный пароль с тем же началом не проходит.
    long = "x" * 72
    assert not await hasher.verify(long + "tail", await hasher.hash(long))
    assert hasher.needs_rehash(await PasswordHasher(rounds=5).hash(PASSWORD))
    assert not hasher.needs_rehash(hashed)


def test_csrf_token_is_bound_to_its_session(settings: Settings, clock: FrozenClock) -> None:
    codec = TokenCodec(settings, clock=clock)
    session_id = uuid4()
    token = codec.csrf_token(session_id)
    assert codec.check_csrf(session_id, token)
    assert not codec.check_csrf(uuid4(), token)
    assert not codec.check_csrf(session_id, None)
    other = TokenCodec(settings.model_copy(update={"secret_key": SecretStr("x" * 40)}), clock=clock)
    assert not other.check_csrf(session_id, token)


def test_tokens_carry_every_required_claim(settings: Settings, clock: FrozenClock) -> None:
    codec = TokenCodec(settings, clock=clock)
    user_id, session_id = uuid4(), uuid4()
    issued = codec.issue(TokenType.access, user_id, session_id, 3)
    claims = codec.decode(issued.token, TokenType.access)
    assert (claims.sub, claims.sid, claims.ver, claims.jti) == (user_id, session_id, 3, issued.jti)
    assert claims.exp - claims.iat == settings.auth.access_token_ttl


async def test_create_superuser_creates_then_promotes(
    settings: Settings, session: AsyncSession
) -> None:
    created, new = await create_superuser(settings, "Boss@Example.com", PASSWORD, "Босс")
    assert new
    assert created.email == "boss@example.com"
    user = await make_user(session, Role.user)
    promoted, new = await create_superuser(settings, user.email, None)
    assert not new
    session.expunge_all()
    stored = await session.get(User, promoted.id)
    assert stored is not None
    assert stored.role is Role.admin
    with pytest.raises(CommandError, match="не короче"):
        await create_superuser(settings, "weak@example.com", "short")
    with pytest.raises(CommandError, match=PASSWORD_VARIABLE):
        await create_superuser(settings, "nopassword@example.com", None)


async def test_create_superuser_does_not_promote_an_unverified_account(
    settings: Settings, session: AsyncSession
) -> None:
    # Кто угодно мог зарегистрировать адрес администратора со своим паролем до его прихода.
    squatted = await make_user(session, email="boss@example.com", is_verified=False)
    with pytest.raises(CommandError, match="не подтверждена"):
        await create_superuser(settings, "boss@example.com", PASSWORD)
    session.expunge_all()
    stored = await session.get(User, squatted.id)
    assert stored is not None
    assert stored.role is Role.user
    assert not stored.is_verified


def test_create_superuser_command_line(
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DATABASE__URL", settings.database.url)
    monkeypatch.setenv(PASSWORD_VARIABLE, PASSWORD)
    assert main(["create-superuser", "--email", "cli@example.com"]) == 0
    assert "Пользователь cli@example.com создан" in capsys.readouterr().out
    monkeypatch.setenv(PASSWORD_VARIABLE, "short")
    assert main(["create-superuser", "--email", "cli2@example.com"]) == 2
    assert capsys.readouterr().err.startswith("Ошибка: Пароль должен быть не короче")


async def test_unreachable_redis_makes_login_unavailable(
    settings: Settings, clock: FrozenClock
) -> None:
    cache = Cache(CacheSettings(url="redis://127.0.0.1:1/0", socket_timeout=0.5))
    throttle = LoginThrottle(settings, cache, clock=clock)
    try:
        with pytest.raises(AuthUnavailableError):
            await throttle.hit("login", "10.0.0.1", "anna@example.com")
    finally:
        await cache.close()
