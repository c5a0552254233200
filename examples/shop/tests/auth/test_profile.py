"""Профиль: чтение, изменение, смена пароля и удаление учётной записи."""

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from app.models.v1 import Address, Payment
from app.models.v1.users import User
from tests.auth.conftest import Mailbox, bearer_of, sign_in
from tests.factories import PASSWORD, make_address, make_payment, make_user

PROFILE = "/api/v1/profile"


async def test_profile_is_read_and_updated(anonymous: AsyncClient, session: AsyncSession) -> None:
    user = await make_user(session, full_name="Анна")
    headers = bearer_of(await sign_in(anonymous, user.email))
    read = await anonymous.get(PROFILE, headers=headers)
    assert read.json()["full_name"] == "Анна"
    changed = await anonymous.patch(PROFILE, json={"full_name": "Анна Петрова"}, headers=headers)
    assert changed.status_code == 200
    assert changed.json()["full_name"] == "Анна Петрова"
    extra = await anonymous.patch(PROFILE, json={"role": "admin"}, headers=headers)
    assert extra.status_code == 422
    assert extra.json()["error"]["details"][0]["type"] == "extra_forbidden"


async def test_profile_needs_login(anonymous: AsyncClient) -> None:
    response = await anonymous.get(PROFILE)
    assert response.status_code == 401
    assert response.json()["error"]["message"] == (
        "Требуется вход: передайте access-токен в заголовке Authorization"
    )


async def test_password_change(
    anonymous: AsyncClient, session: AsyncSession, mailbox: Mailbox
) -> None:
    user = await make_user(session)
    headers = bearer_of(await sign_in(anonymous, user.email))
    url = f"{PROFILE}/password"
    wrong = await anonymous.post(
        url,
        json={"current_password": "wrong-one-123", "new_password": "new-horse-battery-7"},
        headers=headers,
    )
    assert wrong.status_code == 403
    assert wrong.json()["error"]["message"] == "Текущий пароль неверен"
    weak = await anonymous.post(
        url, json={"current_password": PASSWORD, "new_password": "1111111111"}, headers=headers
    )
    assert weak.status_code == 422
    assert weak.json()["error"]["details"][0]["field"] == "body.new_password"
    done = await anonymous.post(
        url,
        json={"current_password": PASSWORD, "new_password": "new-horse-battery-7"},
        headers=headers,
    )
    assert done.status_code == 204
    assert (await anonymous.get(PROFILE, headers=headers)).status_code == 401
    await sign_in(anonymous, user.email, "new-horse-battery-7")
    await mailbox.one(user.email, "password_changed")


async def test_account_deletion_needs_the_password(
    anonymous: AsyncClient, session: AsyncSession
) -> None:
    user = await make_user(session)
    headers = bearer_of(await sign_in(anonymous, user.email))
    response = await anonymous.request(
        "DELETE", PROFILE, json={"password": "wrong-one-123"}, headers=headers
    )
    assert response.status_code == 403
    assert await session.get(User, user.id) is not None


async def test_account_deletion_removes_the_user_and_its_rows(
    anonymous: AsyncClient, session: AsyncSession
) -> None:
    user = await make_user(session)
    other = await make_user(session)
    mine_address = await make_address(session, 0, owner_id=user.id)
    theirs_address = await make_address(session, 1, owner_id=other.id)
    mine_payment = await make_payment(session, 0, owner_id=user.id, address_id=mine_address.id)
    theirs_payment = await make_payment(session, 1, owner_id=other.id, address_id=theirs_address.id)
    headers = bearer_of(await sign_in(anonymous, user.email))
    response = await anonymous.request(
        "DELETE", PROFILE, json={"password": PASSWORD}, headers=headers
    )
    assert response.status_code == 204, response.text
    session.expunge_all()
    assert await session.get(User, user.id) is None
    assert await session.get(User, other.id) is not None
    assert await session.get(Payment, mine_payment.id) is None
    assert await session.get(Payment, theirs_payment.id) is not None
    assert await session.get(Address, mine_address.id) is None
    assert await session.get(Address, theirs_address.id) is not None
    login = await anonymous.post(
        "/api/v1/auth/login", json={"email": user.email, "password": PASSWORD}
    )
    assert login.status_code == 401
