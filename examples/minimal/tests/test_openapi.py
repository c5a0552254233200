"""Тесты документации API: документ OpenAPI строится, проходит проверку и открывается в /docs."""

from collections.abc import Iterator
from typing import Any

import pytest
from httpx import AsyncClient
from openapi_spec_validator import OpenAPIV31SpecValidator, validate

from app.schemas.v1.errors import ErrorResponse

ERROR_SCHEMA = {"$ref": "#/components/schemas/ErrorResponse"}
"""Единая схема ответа с ошибкой, как на неё ссылается документ."""
JSON = "application/json"
METHODS = frozenset({"get", "put", "post", "patch", "delete"})
"""Методы HTTP, под которыми в документе описаны операции."""


@pytest.fixture
async def document(client: AsyncClient) -> dict[str, Any]:
    """Документ OpenAPI, который приложение отдаёт по HTTP."""
    response = await client.get("/openapi.json")
    assert response.status_code == 200, response.text
    payload: dict[str, Any] = response.json()
    return payload


def operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Каждая операция документа: метод, путь и её описание."""
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield method.upper(), path, operation


def errors(operation: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Описанные ответы операции с ошибками (4xx и 5xx) по их кодам."""
    return {code: answer for code, answer in operation["responses"].items() if code[0] in "45"}


def assert_errors_use_the_error_schema(operation: dict[str, Any], *codes: str) -> None:
    """Проверяет, что ответы с этими кодами — JSON единой схемы ошибки, и только он."""
    described = errors(operation)
    for code in codes:
        content = described[code]["content"]
        assert set(content) == {JSON}, code
        assert content[JSON]["schema"] == ERROR_SCHEMA, code


async def test_openapi_document_is_valid(document: dict[str, Any]) -> None:
    assert document["openapi"].startswith("3.1.")
    validate(document, cls=OpenAPIV31SpecValidator)
    assert any(path.startswith("/api/") for path in document["paths"])


async def test_docs_page_loads_the_document(client: AsyncClient) -> None:
    response = await client.get("/docs")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "/openapi.json" in response.text


async def test_errors_are_documented_as_json(document: dict[str, Any]) -> None:
    # Ошибки всегда отдаются в JSON, даже у маршрута, который отвечает файлом.
    for method, path, operation in operations(document):
        for code, answer in errors(operation).items():
            assert set(answer.get("content", {JSON: {}})) == {JSON}, (method, path, code)


async def test_api_operations_document_errors_with_the_error_schema(
    document: dict[str, Any],
) -> None:
    # Проверки состояния (/health) отвечают своей схемой; здесь — только маршруты API.
    for method, path, operation in operations(document):
        if not path.startswith("/api/"):
            continue
        schemas = [
            media.get("schema")
            for answer in errors(operation).values()
            for media in answer.get("content", {}).values()
        ]
        assert ERROR_SCHEMA in schemas, (method, path)


async def test_error_examples_are_bodies_of_the_error_schema(document: dict[str, Any]) -> None:
    # Пример ответа с ошибкой назван кодом ошибки и несёт тот же код в теле единой схемы.
    for method, path, operation in operations(document):
        for code, answer in errors(operation).items():
            media = answer.get("content", {}).get(JSON, {})
            for name, example in media.get("examples", {}).items():
                body = ErrorResponse.model_validate(example["value"])
                assert body.error.code == name, (method, path, code)
                assert body.error.message == example["summary"], (method, path, code)


async def test_api_operations_with_input_document_422_with_the_error_schema(
    document: dict[str, Any],
) -> None:
    # Приложение отвечает на неверные параметры и тело единой схемой ошибки, а не схемой
    # FastAPI по умолчанию (HTTPValidationError), — и документ должен говорить то же.
    assert "HTTPValidationError" not in document.get("components", {}).get("schemas", {})
    for method, path, operation in operations(document):
        if path.startswith("/api/") and (operation.get("parameters") or "requestBody" in operation):
            assert "422" in operation["responses"], (method, path)
            assert_errors_use_the_error_schema(operation, "422")


async def test_operations_with_a_body_document_400_and_413(document: dict[str, Any]) -> None:
    # Нечитаемое тело (не JSON, не UTF-8) — 400, тело больше HTTP__MAX_BODY_SIZE — 413.
    for _method, _path, operation in operations(document):
        if "requestBody" in operation:
            assert_errors_use_the_error_schema(operation, "400", "413")
