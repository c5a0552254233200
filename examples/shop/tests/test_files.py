"""Тесты файлов записей на настоящем S3-адресе (MinIO или сервер moto на 127.0.0.1)."""

import asyncio
import io

import httpx
import pytest
from botocore.exceptions import ClientError
from fastapi import FastAPI, UploadFile
from httpx import AsyncClient
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import Headers

from app.core.connections import Database, Storage
from app.core.integrations.storage import ObjectStorage
from app.models.v1 import Product
from app.services.v1.catalog import ProductService
from tests.factories import (
    make_product,
)

BODY = "Содержимое файла для проверки".encode() * 100
"""Тело загружаемого файла после сигнатуры формата: несколько килобайт."""


def upload(data: bytes, content_type: str) -> UploadFile:
    """Файл, как его получает сервис из запроса ``multipart/form-data``."""
    return UploadFile(
        io.BytesIO(data), filename="файл", headers=Headers({"content-type": content_type})
    )


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
    files = {"file": ("файл.bin", b"\x89PNG\r\n\x1a\n" + BODY, "image/png")}
    uploaded = await client.put(f"/api/v1/products/{instance.id}/image", files=files)
    assert uploaded.status_code == 200, uploaded.text
    key = uploaded.json()["image"]
    assert key.startswith("products/")
    content = b"\x89PNG\r\n\x1a\n" + BODY
    assert await stored(app, key) == content
    downloaded = await client.get(f"/api/v1/products/{instance.id}/image")
    assert downloaded.status_code == 200
    assert downloaded.content == content
    assert downloaded.headers["content-type"].startswith("image/png")
    assert downloaded.headers["content-length"] == str(len(content))
    # Файл пользователя скачивается, а не открывается страницей сайта API.
    disposition = downloaded.headers["content-disposition"]
    assert disposition.startswith("attachment; filename*=UTF-8''image")
    assert "sandbox" in downloaded.headers["content-security-policy"]
    link = await client.get(f"/api/v1/products/{instance.id}/image/link")
    assert link.status_code == 200
    assert link.json()["expires_in"] == app.state.storage.settings.presign_ttl
    assert "response-content-disposition=attachment" in link.json()["url"]
    async with httpx.AsyncClient() as outside:
        direct = await outside.get(link.json()["url"])
    assert direct.status_code == 200
    assert direct.content == content


async def test_product_image_replacement_removes_the_previous_file(
    client: AsyncClient, session: AsyncSession, app: FastAPI
) -> None:
    instance = await make_product(session)
    first = await client.put(
        f"/api/v1/products/{instance.id}/image",
        files={"file": ("a", b"\x89PNG\r\n\x1a\n" + b"1", "image/png")},
    )
    second = await client.put(
        f"/api/v1/products/{instance.id}/image",
        files={"file": ("b", b"\x89PNG\r\n\x1a\n" + b"2", "image/png")},
    )
    assert second.status_code == 200, second.text
    old, new = first.json()["image"], second.json()["image"]
    assert old != new
    assert await stored(app, old) is None
    assert await stored(app, new) == b"\x89PNG\r\n\x1a\n" + b"2"


async def test_product_image_larger_than_the_limit_is_refused(
    client: AsyncClient, session: AsyncSession
) -> None:
    instance = await make_product(session)
    too_large = b"\x89PNG\r\n\x1a\n" + b"x" * 5242881
    response = await client.put(
        f"/api/v1/products/{instance.id}/image", files={"file": ("big", too_large, "image/png")}
    )
    assert response.status_code == 413
    assert response.json()["error"] == {
        "code": "file_too_large",
        "message": "Размер файла превышает допустимые 5 МБ",
        "details": [],
    }
    assert (await client.get(f"/api/v1/products/{instance.id}/image")).status_code == 404


async def test_product_image_of_another_type_is_refused(
    client: AsyncClient, session: AsyncSession
) -> None:
    instance = await make_product(session)
    files = {"file": ("other", BODY, "text/plain")}
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


async def test_product_image_whose_content_is_not_its_type_is_refused(
    client: AsyncClient, session: AsyncSession
) -> None:
    instance = await make_product(session)
    disguised = b"<html><script>alert(1)</script></html>"
    files = {"file": ("page", disguised, "image/png")}
    response = await client.put(f"/api/v1/products/{instance.id}/image", files=files)
    assert response.status_code == 415
    assert response.json()["error"]["message"] == (
        "Содержимое файла не соответствует типу image/png"
    )


async def test_product_image_svg_is_not_an_acceptable_image(
    client: AsyncClient, session: AsyncSession
) -> None:
    instance = await make_product(session)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = await client.put(
        f"/api/v1/products/{instance.id}/image", files={"file": ("a.svg", svg, "image/svg+xml")}
    )
    assert response.status_code == 415


async def test_product_image_failed_transaction_keeps_the_old_file(
    client: AsyncClient, session: AsyncSession, app: FastAPI
) -> None:
    instance = await make_product(session)
    files = {"file": ("a", b"\x89PNG\r\n\x1a\n" + b"old", "image/png")}
    old = (await client.put(f"/api/v1/products/{instance.id}/image", files=files)).json()["image"]
    database: Database = app.state.database
    new: list[str | None] = []

    async def upload_then_fail() -> None:
        async with database.unit_of_work() as work:
            service = ProductService(work, app.state.cache, app.state.storage)
            read = await service.upload_image(
                instance.id, upload(b"\x89PNG\r\n\x1a\n" + b"new", "image/png")
            )
            new.append(read.image)
            msg = "откат после загрузки"
            raise RuntimeError(msg)

    with pytest.raises(RuntimeError, match="откат после загрузки"):
        await upload_then_fail()
    [key] = new
    assert key is not None
    assert await stored(app, old) == b"\x89PNG\r\n\x1a\n" + b"old"
    assert await stored(app, key) is None


async def test_product_image_lost_from_the_bucket_is_not_found(
    client: AsyncClient, session: AsyncSession
) -> None:
    instance = await make_product(session)
    await session.execute(
        update(Product).where(Product.id == instance.id).values(image="нет/такого/ключа")
    )
    await session.commit()
    for response in (
        await client.get(f"/api/v1/products/{instance.id}/image"),
        await client.get(f"/api/v1/products/{instance.id}/image/link"),
    ):
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "file_not_found"


async def test_product_image_of_a_missing_row(client: AsyncClient) -> None:
    files = {"file": ("a", b"\x89PNG\r\n\x1a\n" + BODY, "image/png")}
    response = await client.put(
        "/api/v1/products/00000000-0000-4000-8000-999999999999/image", files=files
    )
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


async def test_product_image_upload_while_storage_is_down_is_503(
    client: AsyncClient, session: AsyncSession, app: FastAPI
) -> None:
    instance = await make_product(session)
    working: Storage = app.state.storage
    # На порту 1 никто не слушает: хранилище недоступно.
    down = Storage(working.settings.model_copy(update={"endpoint_url": "http://127.0.0.1:1"}))
    await down.connect()
    app.state.storage = down
    files = {"file": ("a", b"\x89PNG\r\n\x1a\n" + BODY, "image/png")}
    try:
        response = await client.put(f"/api/v1/products/{instance.id}/image", files=files)
    finally:
        app.state.storage = working
        await down.close()
    assert response.status_code == 503, response.text
    assert int(response.headers["Retry-After"]) > 0
    assert response.json()["error"]["code"] == "service_unavailable"
    refreshed = await client.get(f"/api/v1/products/{instance.id}")
    assert refreshed.json()["image"] is None


async def test_product_image_delete_removes_the_file(
    client: AsyncClient, session: AsyncSession, app: FastAPI
) -> None:
    instance = await make_product(session)
    files = {"file": ("a", b"\x89PNG\r\n\x1a\n" + BODY, "image/png")}
    key = (await client.put(f"/api/v1/products/{instance.id}/image", files=files)).json()["image"]
    deleted = await client.delete(f"/api/v1/products/{instance.id}/image")
    assert deleted.status_code == 200
    assert deleted.json()["image"] is None
    assert await stored(app, key) is None
    assert (await client.get(f"/api/v1/products/{instance.id}/image")).status_code == 404


async def test_an_unread_download_returns_its_connection_to_the_pool(app: FastAPI) -> None:
    storage: Storage = app.state.storage
    single = Storage(storage.settings.model_copy(update={"max_connections": 1}))
    await single.connect()
    try:
        key = "проверка/пула"
        await single.client.put_object(Bucket=single.bucket, Key=key, Body=b"x" * 1_000_000)
        download = await ObjectStorage(single).open(key)
        await download.aclose()
        # Соединение единственное: если оно не вернулось в пул, следующий запрос ждёт вечно.
        async with asyncio.timeout(30):
            await single.client.head_object(Bucket=single.bucket, Key=key)
        await single.client.delete_object(Bucket=single.bucket, Key=key)
    finally:
        await single.close()
