"""Матрица доступа домена «catalog»: операции × роли, анонимный запрос.

Ожидаемые ответы выведены из ``permissions`` спецификации: «admin» может всё,
роль из списка — операцию над всеми записями, ``owner`` — только над своими (чужая запись
для него не существует: 404), остальные роли получают 403, анонимный запрос — 401.
"""

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.conftest import Login
from tests.factories import (
    category_payload,
    category_request,
    make_category,
    make_product,
    make_tag,
    product_payload,
    product_request,
    tag_request,
)


async def category_url(session: AsyncSession) -> str:
    """Адрес записи «Категория», над которой выполняется операция."""
    instance = await make_category(session, 0)
    return f"/api/v1/categories/{instance.id}"


@pytest.mark.parametrize(
    ("actor", "row", "status", "code"),
    [
        pytest.param("anonymous", "none", 200, None, id="anonymous-none-200"),
        pytest.param("admin", "none", 200, None, id="admin-none-200"),
        pytest.param("manager", "none", 200, None, id="manager-none-200"),
        pytest.param("user", "none", 200, None, id="user-none-200"),
    ],
)
async def test_list_category_access(
    anonymous: AsyncClient,
    session: AsyncSession,
    login: Login,
    actor: str,
    row: str,
    status: int,
    code: str | None,
) -> None:
    caller = await login(actor)
    response = await anonymous.get("/api/v1/categories", headers=caller.headers)
    assert response.status_code == status, response.text
    if code is not None:
        assert response.json()["error"]["code"] == code


@pytest.mark.parametrize(
    ("actor", "row", "status", "code"),
    [
        pytest.param("anonymous", "any", 200, None, id="anonymous-any-200"),
        pytest.param("admin", "any", 200, None, id="admin-any-200"),
        pytest.param("manager", "any", 200, None, id="manager-any-200"),
        pytest.param("user", "any", 200, None, id="user-any-200"),
    ],
)
async def test_get_category_access(
    anonymous: AsyncClient,
    session: AsyncSession,
    login: Login,
    actor: str,
    row: str,
    status: int,
    code: str | None,
) -> None:
    caller = await login(actor)
    url = await category_url(session)
    response = await anonymous.get(url, headers=caller.headers)
    assert response.status_code == status, response.text
    if code is not None:
        assert response.json()["error"]["code"] == code


@pytest.mark.parametrize(
    ("actor", "row", "status", "code"),
    [
        pytest.param("anonymous", "none", 401, "not_authenticated", id="anonymous-none-401"),
        pytest.param("admin", "none", 201, None, id="admin-none-201"),
        pytest.param("manager", "none", 201, None, id="manager-none-201"),
        pytest.param("user", "none", 403, "forbidden", id="user-none-403"),
    ],
)
async def test_create_category_access(
    anonymous: AsyncClient,
    session: AsyncSession,
    login: Login,
    actor: str,
    row: str,
    status: int,
    code: str | None,
) -> None:
    caller = await login(actor)
    payload = await category_request(session, 1)
    response = await anonymous.post("/api/v1/categories", json=payload, headers=caller.headers)
    assert response.status_code == status, response.text
    if code is not None:
        assert response.json()["error"]["code"] == code


@pytest.mark.parametrize(
    ("actor", "row", "status", "code"),
    [
        pytest.param("anonymous", "any", 401, "not_authenticated", id="anonymous-any-401"),
        pytest.param("admin", "any", 200, None, id="admin-any-200"),
        pytest.param("manager", "any", 200, None, id="manager-any-200"),
        pytest.param("user", "any", 403, "forbidden", id="user-any-403"),
    ],
)
async def test_update_category_access(
    anonymous: AsyncClient,
    session: AsyncSession,
    login: Login,
    actor: str,
    row: str,
    status: int,
    code: str | None,
) -> None:
    caller = await login(actor)
    url = await category_url(session)
    response = await anonymous.patch(url, json=category_payload(1), headers=caller.headers)
    assert response.status_code == status, response.text
    if code is not None:
        assert response.json()["error"]["code"] == code


@pytest.mark.parametrize(
    ("actor", "row", "status", "code"),
    [
        pytest.param("anonymous", "any", 401, "not_authenticated", id="anonymous-any-401"),
        pytest.param("admin", "any", 204, None, id="admin-any-204"),
        pytest.param("manager", "any", 204, None, id="manager-any-204"),
        pytest.param("user", "any", 403, "forbidden", id="user-any-403"),
    ],
)
async def test_delete_category_access(
    anonymous: AsyncClient,
    session: AsyncSession,
    login: Login,
    actor: str,
    row: str,
    status: int,
    code: str | None,
) -> None:
    caller = await login(actor)
    url = await category_url(session)
    response = await anonymous.delete(url, headers=caller.headers)
    assert response.status_code == status, response.text
    if code is not None:
        assert response.json()["error"]["code"] == code


async def product_url(session: AsyncSession) -> str:
    """Адрес записи «Товар», над которой выполняется операция."""
    instance = await make_product(session, 0)
    return f"/api/v1/products/{instance.id}"


@pytest.mark.parametrize(
    ("actor", "row", "status", "code"),
    [
        pytest.param("anonymous", "none", 200, None, id="anonymous-none-200"),
        pytest.param("admin", "none", 200, None, id="admin-none-200"),
        pytest.param("manager", "none", 200, None, id="manager-none-200"),
        pytest.param("user", "none", 200, None, id="user-none-200"),
    ],
)
async def test_list_product_access(
    anonymous: AsyncClient,
    session: AsyncSession,
    login: Login,
    actor: str,
    row: str,
    status: int,
    code: str | None,
) -> None:
    caller = await login(actor)
    response = await anonymous.get("/api/v1/products", headers=caller.headers)
    assert response.status_code == status, response.text
    if code is not None:
        assert response.json()["error"]["code"] == code


@pytest.mark.parametrize(
    ("actor", "row", "status", "code"),
    [
        pytest.param("anonymous", "any", 200, None, id="anonymous-any-200"),
        pytest.param("admin", "any", 200, None, id="admin-any-200"),
        pytest.param("manager", "any", 200, None, id="manager-any-200"),
        pytest.param("user", "any", 200, None, id="user-any-200"),
    ],
)
async def test_get_product_access(
    anonymous: AsyncClient,
    session: AsyncSession,
    login: Login,
    actor: str,
    row: str,
    status: int,
    code: str | None,
) -> None:
    caller = await login(actor)
    url = await product_url(session)
    response = await anonymous.get(url, headers=caller.headers)
    assert response.status_code == status, response.text
    if code is not None:
        assert response.json()["error"]["code"] == code


@pytest.mark.parametrize(
    ("actor", "row", "status", "code"),
    [
        pytest.param("anonymous", "none", 401, "not_authenticated", id="anonymous-none-401"),
        pytest.param("admin", "none", 201, None, id="admin-none-201"),
        pytest.param("manager", "none", 201, None, id="manager-none-201"),
        pytest.param("user", "none", 403, "forbidden", id="user-none-403"),
    ],
)
async def test_create_product_access(
    anonymous: AsyncClient,
    session: AsyncSession,
    login: Login,
    actor: str,
    row: str,
    status: int,
    code: str | None,
) -> None:
    caller = await login(actor)
    payload = await product_request(session, 1)
    response = await anonymous.post("/api/v1/products", json=payload, headers=caller.headers)
    assert response.status_code == status, response.text
    if code is not None:
        assert response.json()["error"]["code"] == code


@pytest.mark.parametrize(
    ("actor", "row", "status", "code"),
    [
        pytest.param("anonymous", "any", 401, "not_authenticated", id="anonymous-any-401"),
        pytest.param("admin", "any", 200, None, id="admin-any-200"),
        pytest.param("manager", "any", 200, None, id="manager-any-200"),
        pytest.param("user", "any", 403, "forbidden", id="user-any-403"),
    ],
)
async def test_update_product_access(
    anonymous: AsyncClient,
    session: AsyncSession,
    login: Login,
    actor: str,
    row: str,
    status: int,
    code: str | None,
) -> None:
    caller = await login(actor)
    url = await product_url(session)
    response = await anonymous.patch(url, json=product_payload(1), headers=caller.headers)
    assert response.status_code == status, response.text
    if code is not None:
        assert response.json()["error"]["code"] == code


@pytest.mark.parametrize(
    ("actor", "row", "status", "code"),
    [
        pytest.param("anonymous", "any", 401, "not_authenticated", id="anonymous-any-401"),
        pytest.param("admin", "any", 204, None, id="admin-any-204"),
        pytest.param("manager", "any", 204, None, id="manager-any-204"),
        pytest.param("user", "any", 403, "forbidden", id="user-any-403"),
    ],
)
async def test_delete_product_access(
    anonymous: AsyncClient,
    session: AsyncSession,
    login: Login,
    actor: str,
    row: str,
    status: int,
    code: str | None,
) -> None:
    caller = await login(actor)
    url = await product_url(session)
    response = await anonymous.delete(url, headers=caller.headers)
    assert response.status_code == status, response.text
    if code is not None:
        assert response.json()["error"]["code"] == code


@pytest.mark.parametrize(
    ("actor", "row", "status", "code"),
    [
        pytest.param("anonymous", "any", 401, "not_authenticated", id="anonymous-any-401"),
        pytest.param("admin", "any", 200, None, id="admin-any-200"),
        pytest.param("manager", "any", 200, None, id="manager-any-200"),
        pytest.param("user", "any", 403, "forbidden", id="user-any-403"),
    ],
)
async def test_upload_image_product_access(
    anonymous: AsyncClient,
    session: AsyncSession,
    login: Login,
    actor: str,
    row: str,
    status: int,
    code: str | None,
) -> None:
    caller = await login(actor)
    url = await product_url(session)
    upload = {"file": ("file", b"\x89PNG\r\n\x1a\n" + b"data", "image/png")}
    response = await anonymous.put(f"{url}/image", files=upload, headers=caller.headers)
    assert response.status_code == status, response.text
    if code is not None:
        assert response.json()["error"]["code"] == code


@pytest.mark.parametrize(
    ("actor", "row", "status", "code"),
    [
        pytest.param("anonymous", "any", 404, "file_not_found", id="anonymous-any-404"),
        pytest.param("admin", "any", 404, "file_not_found", id="admin-any-404"),
        pytest.param("manager", "any", 404, "file_not_found", id="manager-any-404"),
        pytest.param("user", "any", 404, "file_not_found", id="user-any-404"),
    ],
)
async def test_download_image_product_access(
    anonymous: AsyncClient,
    session: AsyncSession,
    login: Login,
    actor: str,
    row: str,
    status: int,
    code: str | None,
) -> None:
    caller = await login(actor)
    url = await product_url(session)
    response = await anonymous.get(f"{url}/image", headers=caller.headers)
    assert response.status_code == status, response.text
    if code is not None:
        assert response.json()["error"]["code"] == code


@pytest.mark.parametrize(
    ("actor", "row", "status", "code"),
    [
        pytest.param("anonymous", "any", 404, "file_not_found", id="anonymous-any-404"),
        pytest.param("admin", "any", 404, "file_not_found", id="admin-any-404"),
        pytest.param("manager", "any", 404, "file_not_found", id="manager-any-404"),
        pytest.param("user", "any", 404, "file_not_found", id="user-any-404"),
    ],
)
async def test_link_image_product_access(
    anonymous: AsyncClient,
    session: AsyncSession,
    login: Login,
    actor: str,
    row: str,
    status: int,
    code: str | None,
) -> None:
    caller = await login(actor)
    url = await product_url(session)
    response = await anonymous.get(f"{url}/image/link", headers=caller.headers)
    assert response.status_code == status, response.text
    if code is not None:
        assert response.json()["error"]["code"] == code


@pytest.mark.parametrize(
    ("actor", "row", "status", "code"),
    [
        pytest.param("anonymous", "any", 401, "not_authenticated", id="anonymous-any-401"),
        pytest.param("admin", "any", 404, "file_not_found", id="admin-any-404"),
        pytest.param("manager", "any", 404, "file_not_found", id="manager-any-404"),
        pytest.param("user", "any", 403, "forbidden", id="user-any-403"),
    ],
)
async def test_delete_file_image_product_access(
    anonymous: AsyncClient,
    session: AsyncSession,
    login: Login,
    actor: str,
    row: str,
    status: int,
    code: str | None,
) -> None:
    caller = await login(actor)
    url = await product_url(session)
    response = await anonymous.delete(f"{url}/image", headers=caller.headers)
    assert response.status_code == status, response.text
    if code is not None:
        assert response.json()["error"]["code"] == code


async def tag_url(session: AsyncSession) -> str:
    """Адрес записи «Метка», над которой выполняется операция."""
    instance = await make_tag(session, 0)
    return f"/api/v1/tags/{instance.id}"


@pytest.mark.parametrize(
    ("actor", "row", "status", "code"),
    [
        pytest.param("anonymous", "none", 200, None, id="anonymous-none-200"),
        pytest.param("admin", "none", 200, None, id="admin-none-200"),
        pytest.param("manager", "none", 200, None, id="manager-none-200"),
        pytest.param("user", "none", 200, None, id="user-none-200"),
    ],
)
async def test_list_tag_access(
    anonymous: AsyncClient,
    session: AsyncSession,
    login: Login,
    actor: str,
    row: str,
    status: int,
    code: str | None,
) -> None:
    caller = await login(actor)
    response = await anonymous.get("/api/v1/tags", headers=caller.headers)
    assert response.status_code == status, response.text
    if code is not None:
        assert response.json()["error"]["code"] == code


@pytest.mark.parametrize(
    ("actor", "row", "status", "code"),
    [
        pytest.param("anonymous", "any", 200, None, id="anonymous-any-200"),
        pytest.param("admin", "any", 200, None, id="admin-any-200"),
        pytest.param("manager", "any", 200, None, id="manager-any-200"),
        pytest.param("user", "any", 200, None, id="user-any-200"),
    ],
)
async def test_get_tag_access(
    anonymous: AsyncClient,
    session: AsyncSession,
    login: Login,
    actor: str,
    row: str,
    status: int,
    code: str | None,
) -> None:
    caller = await login(actor)
    url = await tag_url(session)
    response = await anonymous.get(url, headers=caller.headers)
    assert response.status_code == status, response.text
    if code is not None:
        assert response.json()["error"]["code"] == code


@pytest.mark.parametrize(
    ("actor", "row", "status", "code"),
    [
        pytest.param("anonymous", "none", 401, "not_authenticated", id="anonymous-none-401"),
        pytest.param("admin", "none", 201, None, id="admin-none-201"),
        pytest.param("manager", "none", 201, None, id="manager-none-201"),
        pytest.param("user", "none", 403, "forbidden", id="user-none-403"),
    ],
)
async def test_create_tag_access(
    anonymous: AsyncClient,
    session: AsyncSession,
    login: Login,
    actor: str,
    row: str,
    status: int,
    code: str | None,
) -> None:
    caller = await login(actor)
    payload = await tag_request(session, 1)
    response = await anonymous.post("/api/v1/tags", json=payload, headers=caller.headers)
    assert response.status_code == status, response.text
    if code is not None:
        assert response.json()["error"]["code"] == code


@pytest.mark.parametrize(
    ("actor", "row", "status", "code"),
    [
        pytest.param("anonymous", "any", 401, "not_authenticated", id="anonymous-any-401"),
        pytest.param("admin", "any", 204, None, id="admin-any-204"),
        pytest.param("manager", "any", 204, None, id="manager-any-204"),
        pytest.param("user", "any", 403, "forbidden", id="user-any-403"),
    ],
)
async def test_delete_tag_access(
    anonymous: AsyncClient,
    session: AsyncSession,
    login: Login,
    actor: str,
    row: str,
    status: int,
    code: str | None,
) -> None:
    caller = await login(actor)
    url = await tag_url(session)
    response = await anonymous.delete(url, headers=caller.headers)
    assert response.status_code == status, response.text
    if code is not None:
        assert response.json()["error"]["code"] == code
