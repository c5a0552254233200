"""Тесты файлов записей на настоящем S3-адресе (MinIO или сервер moto на 127.0.0.1)."""

import httpx
from botocore.exceptions import ClientError
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.connections import Storage
from tests.factories import (
    make_product,
)

CONTENT = "Содержимое файла для проверки".encode() * 100
"""Тело загружаемого файла: несколько килобайт, не кратных размеру части."""


async def stored(app: FastAPI, key: str) -> bytes | None:
    """Содержимое объекта в бакете приложения или ``None``, если объекта нет."""
    storage: Storage = app.state.storage
    try:
        found = await storage.client.get_object(Bucket=storage.bucket, Key=key)
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in {"404", "NoSuchKey"}:
            return None
        raise
    async with found["Body"] as body:
        data: bytes = await body.read()
        return data


async def test_product_image_upload_download_and_link(
    client: AsyncClient, session: AsyncSession, app: FastAPI
) -> None:
    instance = await make_product(session)
    files = {"file": ("файл.bin", CONTENT, "image/png")}
    uploaded = await client.put(f"/api/v1/products/{instance.id}/image", files=files)
    assert uploaded.status_code == 200, uploaded.text
    key = uploaded.json()["image"]
    assert key.startswith("products/")
    assert await stored(app, key) == CONTENT
    downloaded = await client.get(f"/api/v1/products/{instance.id}/image")
    assert downloaded.status_code == 200
    assert downloaded.content == CONTENT
    assert downloaded.headers["content-type"].startswith("image/png")
    assert downloaded.headers["content-length"] == str(len(CONTENT))
    link = await client.get(f"/api/v1/products/{instance.id}/image/link")
    assert link.status_code == 200
    assert link.json()["expires_in"] == app.state.storage.settings.presign_ttl
    async with httpx.AsyncClient() as outside:
        direct = await outside.get(link.json()["url"])
    assert direct.status_code == 200
    assert direct.content == CONTENT


async def test_product_image_replacement_removes_the_previous_file(
    client: AsyncClient, session: AsyncSession, app: FastAPI
) -> None:
    instance = await make_product(session)
    first = await client.put(
        f"/api/v1/products/{instance.id}/image", files={"file": ("a", b"first", "image/png")}
    )
    second = await client.put(
        f"/api/v1/products/{instance.id}/image", files={"file": ("b", b"second", "image/png")}
    )
    assert second.status_code == 200, second.text
    old, new = first.json()["image"], second.json()["image"]
    assert old != new
    assert await stored(app, old) is None
    assert await stored(app, new) == b"second"


async def test_product_image_larger_than_the_limit_is_refused(
    client: AsyncClient, session: AsyncSession
) -> None:
    instance = await make_product(session)
    too_large = b"x" * (5242880 + 1)
    response = await client.put(
        f"/api/v1/products/{instance.id}/image", files={"file": ("big", too_large, "image/png")}
    )
    assert response.status_code == 413
    assert response.json()["error"] == {
        "code": "file_too_large",
        "message": "Файл больше допустимых 5 МБ",
        "details": [],
    }
    assert (await client.get(f"/api/v1/products/{instance.id}/image")).status_code == 404


async def test_product_image_of_another_type_is_refused(
    client: AsyncClient, session: AsyncSession
) -> None:
    instance = await make_product(session)
    files = {"file": ("other", CONTENT, "text/plain")}
    response = await client.put(f"/api/v1/products/{instance.id}/image", files=files)
    assert response.status_code == 415
    error = response.json()["error"]
    assert error["code"] == "unsupported_file_type"
    assert "text/plain" in error["message"]


async def test_product_image_that_was_never_uploaded(
    client: AsyncClient, session: AsyncSession
) -> None:
    instance = await make_product(session)
    for response in (
        await client.get(f"/api/v1/products/{instance.id}/image"),
        await client.get(f"/api/v1/products/{instance.id}/image/link"),
        await client.delete(f"/api/v1/products/{instance.id}/image"),
    ):
        assert response.status_code == 404
        assert response.json()["error"] == {
            "code": "file_not_found",
            "message": "Файл не загружен",
            "details": [],
        }


async def test_product_image_of_a_missing_row(client: AsyncClient) -> None:
    files = {"file": ("a", CONTENT, "image/png")}
    response = await client.put(
        "/api/v1/products/00000000-0000-4000-8000-999999999999/image", files=files
    )
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


async def test_product_image_delete_removes_the_file(
    client: AsyncClient, session: AsyncSession, app: FastAPI
) -> None:
    instance = await make_product(session)
    files = {"file": ("a", CONTENT, "image/png")}
    key = (await client.put(f"/api/v1/products/{instance.id}/image", files=files)).json()["image"]
    deleted = await client.delete(f"/api/v1/products/{instance.id}/image")
    assert deleted.status_code == 200
    assert deleted.json()["image"] is None
    assert await stored(app, key) is None
    assert (await client.get(f"/api/v1/products/{instance.id}/image")).status_code == 404
