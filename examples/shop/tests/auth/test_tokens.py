"""Атаки на токены: каждая подделка и каждый недействительный токен отвергаются."""

from typing import Any
from uuid import uuid4

import jwt
import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.security import Authenticator, TokenType
from app.core.security.token import LEEWAY
from app.models.v1.users import User
from tests.auth.conftest import bearer_of, sign_in
from tests.conftest import FrozenClock
from tests.factories import make_user

PROFILE = "/api/v1/profile"
REFRESH = "/api/v1/auth/refresh"


async def forge(app: FastAPI, user: User, key: bytes | None = None, **changes: Any) -> str:  # noqa: ANN401
    """Подписывает токен с содержимым настоящего access-токена и изменёнными полями.

    Args:
        app: Приложение: ключ, издатель и получатель.
        user: Владелец токена (у него открывается настоящая сессия).
        key: Ключ подписи; по умолчанию — ключ приложения.
        **changes: Изменённые поля; ``None`` удаляет поле.
    """
    auth: Authenticator = app.state.auth
    issued = await auth.start_session(user)
    claims = jwt.decode(issued.access.token, options={"verify_signature": False})
    for name, value in changes.items():
        if value is None:
            claims.pop(name)
        else:
            claims[name] = value
    return jwt.encode(claims, key or auth.tokens.key, algorithm="HS256")


async def rejected(anonymous: AsyncClient, token: str, code: str) -> None:
    """Запрос с токеном получает 401 с данным кодом."""
    response = await anonymous.get(PROFILE, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401, response.text
    assert response.json()["error"]["code"] == code
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


async def test_a_forged_token_with_the_app_key_is_accepted(
    app: FastAPI, anonymous: AsyncClient, session: AsyncSession
) -> None:
    # Проверка самого способа подделки: без изменений токен действителен.
    user = await make_user(session)
    token = await forge(app, user)
    response = await anonymous.get(PROFILE, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200


async def test_alg_none_is_rejected(
    app: FastAPI, anonymous: AsyncClient, session: AsyncSession
) -> None:
    user = await make_user(session)
    signed = await forge(app, user)
    claims = jwt.decode(signed, options={"verify_signature": False})
    unsigned = jwt.encode(claims, key="", algorithm="none")
    await rejected(anonymous, unsigned, "invalid_token")


# Атакующий подписывает своим токеном HS512 с ключом приложения; PyJWT предупреждает о коротком
# для HS512 ключе — здесь это и нужно.
@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")
async def test_other_algorithm_with_the_same_key_is_rejected(
    app: FastAPI, anonymous: AsyncClient, session: AsyncSession
) -> None:
    user = await make_user(session)
    signed = await forge(app, user)
    claims = jwt.decode(signed, options={"verify_signature": False})
    auth: Authenticator = app.state.auth
    await rejected(
        anonymous, jwt.encode(claims, auth.tokens.key, algorithm="HS512"), "invalid_token"
    )


async def test_wrong_signature_is_rejected(
    app: FastAPI, anonymous: AsyncClient, session: AsyncSession
) -> None:
    user = await make_user(session)
    await rejected(anonymous, await forge(app, user, key=b"k" * 32), "invalid_token")


@pytest.mark.parametrize(
    ("claim", "value", "code"),
    [
        pytest.param("aud", "another-service", "invalid_token", id="wrong-audience"),
        pytest.param("iss", "someone-else", "invalid_token", id="wrong-issuer"),
        pytest.param("type", "refresh", "invalid_token", id="refresh-type-as-access"),
        pytest.param("sid", None, "invalid_token", id="without-session"),
        pytest.param("jti", None, "invalid_token", id="without-jti"),
        pytest.param("sub", "not-a-uuid", "invalid_token", id="malformed-subject"),
        pytest.param("sub", str(uuid4()), "session_revoked", id="unknown-user"),
        pytest.param("sid", str(uuid4()), "session_revoked", id="unknown-session"),
        pytest.param("ver", 1, "session_revoked", id="stale-version"),
    ],
)
async def test_tampered_claims_are_rejected(
    app: FastAPI,
    anonymous: AsyncClient,
    session: AsyncSession,
    claim: str,
    value: object,
    code: str,
) -> None:
    user = await make_user(session)
    changes: dict[str, Any] = {claim: value}
    await rejected(anonymous, await forge(app, user, **changes), code)


async def test_own_session_with_another_users_subject_is_rejected(
    app: FastAPI, anonymous: AsyncClient, session: AsyncSession
) -> None:
    # Даже с ключом подписи нельзя выдать себя за другого, подставив свою открытую сессию.
    attacker = await make_user(session)
    victim = await make_user(session)
    token = await forge(app, attacker, sub=str(victim.id))
    await rejected(anonymous, token, "session_revoked")
    auth: Authenticator = app.state.auth
    issued = await auth.start_session(attacker)
    claims = jwt.decode(issued.refresh.token, options={"verify_signature": False})
    claims["sub"] = str(victim.id)
    refresh = jwt.encode(claims, auth.tokens.key, algorithm="HS256")
    response = await anonymous.post(REFRESH, json={"refresh_token": refresh})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "session_revoked"


async def test_access_token_expires_after_its_lifetime(
    app: FastAPI, anonymous: AsyncClient, session: AsyncSession, clock: FrozenClock
) -> None:
    user = await make_user(session)
    token = await forge(app, user)
    headers = {"Authorization": f"Bearer {token}"}
    # Срок проверяется по часам приложения с допуском LEEWAY на расхождение часов.
    clock.advance(app.state.settings.auth.access_token_ttl + LEEWAY - 1)
    assert (await anonymous.get(PROFILE, headers=headers)).status_code == 200
    clock.advance(1)
    await rejected(anonymous, token, "token_expired")


async def test_token_issued_in_the_future_is_rejected(
    app: FastAPI, anonymous: AsyncClient, session: AsyncSession, clock: FrozenClock
) -> None:
    user = await make_user(session)
    issued_at = int(clock.now().timestamp()) + LEEWAY + 60
    token = await forge(app, user, iat=issued_at, exp=issued_at + 600)
    await rejected(anonymous, token, "invalid_token")


async def test_garbage_is_rejected(anonymous: AsyncClient) -> None:
    await rejected(anonymous, "not.a.token", "invalid_token")


async def test_refresh_token_is_not_an_access_token(
    anonymous: AsyncClient, session: AsyncSession
) -> None:
    user = await make_user(session)
    body = await sign_in(anonymous, user.email)
    await rejected(anonymous, body["refresh_token"], "invalid_token")


async def test_access_token_is_not_a_refresh_token(
    anonymous: AsyncClient, session: AsyncSession
) -> None:
    user = await make_user(session)
    body = await sign_in(anonymous, user.email)
    response = await anonymous.post(REFRESH, json={"refresh_token": body["access_token"]})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_token"


async def test_token_of_a_deactivated_user_is_rejected(
    app: FastAPI, anonymous: AsyncClient, session: AsyncSession, client: AsyncClient
) -> None:
    user = await make_user(session)
    body = await sign_in(anonymous, user.email)
    deactivated = await client.post(f"/api/v1/users/{user.id}/deactivate")
    assert deactivated.status_code == 200
    await rejected(anonymous, body["access_token"], "session_revoked")
    # Даже с версией токенов, совпадающей с базой, отключённый пользователь не проходит.
    fresh = await forge(app, (await session.get(User, user.id, populate_existing=True)) or user)
    response = await anonymous.get(PROFILE, headers={"Authorization": f"Bearer {fresh}"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "account_disabled"


async def test_token_after_logout_is_rejected(
    anonymous: AsyncClient, session: AsyncSession
) -> None:
    user = await make_user(session)
    body = await sign_in(anonymous, user.email)
    assert (await anonymous.post("/api/v1/auth/logout", headers=bearer_of(body))).status_code == 204
    await rejected(anonymous, body["access_token"], "session_revoked")


async def test_token_after_a_password_change_is_rejected(
    anonymous: AsyncClient, session: AsyncSession
) -> None:
    user = await make_user(session)
    phone = await sign_in(anonymous, user.email)
    laptop = await sign_in(anonymous, user.email)
    response = await anonymous.post(
        f"{PROFILE}/password",
        json={"current_password": "correct-horse-battery-9", "new_password": "new-horse-battery-7"},
        headers=bearer_of(laptop),
    )
    assert response.status_code == 204, response.text
    for tokens in (phone, laptop):
        await rejected(anonymous, tokens["access_token"], "session_revoked")
        refresh = await anonymous.post(REFRESH, json={"refresh_token": tokens["refresh_token"]})
        assert refresh.status_code == 401


async def test_token_version_bump_alone_revokes_tokens(
    anonymous: AsyncClient, session: AsyncSession
) -> None:
    user = await make_user(session)
    body = await sign_in(anonymous, user.email)
    await session.execute(
        update(User).where(User.id == user.id).values(token_version=User.token_version + 1)
    )
    await session.commit()
    await rejected(anonymous, body["access_token"], "session_revoked")


async def test_token_codec_refuses_a_token_of_the_other_kind(app: FastAPI) -> None:
    auth: Authenticator = app.state.auth
    issued = auth.tokens.issue(TokenType.refresh, uuid4(), uuid4(), 0)
    assert auth.tokens.decode(issued.token, TokenType.refresh).jti == issued.jti
