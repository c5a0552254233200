"""Тесты HTTP-клиента для внешних API на настоящем HTTP-сервере (pytest-httpserver на 127.0.0.1)."""

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI, Request
from httpx_retries import Retry
from pytest_httpserver import HTTPServer
from werkzeug import Request as ServerRequest
from werkzeug import Response as ServerResponse

from app.core.dependencies import get_http_client
from app.core.integrations.http import create_http_client
from app.core.settings import HttpClientSettings, Settings
from app.main import create_app
from tests.servers import running

FAST = HttpClientSettings(backoff=0.01, max_backoff=2.0)
"""Настройки с короткими паузами между повторами, чтобы тесты шли быстро (тайм-ауты — обычные)."""


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    """Клиент с теми же правилами повторов, что у приложения, но с короткими паузами."""
    async with create_http_client(FAST) as client:
        yield client


def waited(response: httpx.Response) -> float:
    """Сколько секунд клиент ждал между попытками запроса, по счёту политики повторов."""
    retry: Retry = response.extensions["retry"]
    return retry.elapsed_sleep


def answers(server: HTTPServer, path: str, statuses: list[int]) -> list[str]:
    """Отвечает на запросы к ``path`` статусами по очереди (последний — дальше всегда).

    Returns:
        Методы полученных запросов, по мере их прихода.
    """
    methods: list[str] = []

    def respond(request: ServerRequest) -> ServerResponse:
        methods.append(request.method)
        status = statuses[min(len(methods), len(statuses)) - 1]
        return ServerResponse("готово" if status == 200 else "занято", status=status)

    server.expect_request(path).respond_with_handler(respond)
    return methods


async def test_get_is_retried_after_temporary_failures(
    http: httpx.AsyncClient, httpserver: HTTPServer
) -> None:
    methods = answers(httpserver, "/flaky", [503, 502, 200])
    response = await http.get(httpserver.url_for("/flaky"))
    assert response.status_code == 200
    assert methods == ["GET", "GET", "GET"]


async def test_post_is_not_retried(http: httpx.AsyncClient, httpserver: HTTPServer) -> None:
    methods = answers(httpserver, "/orders", [503, 200])
    response = await http.post(httpserver.url_for("/orders"), json={"amount": 1})
    assert response.status_code == 503
    assert methods == ["POST"]


async def test_retries_are_bounded_and_the_last_answer_is_returned(
    http: httpx.AsyncClient, httpserver: HTTPServer
) -> None:
    methods = answers(httpserver, "/down", [503])
    response = await http.get(httpserver.url_for("/down"))
    assert response.status_code == 503
    assert len(methods) == FAST.retries + 1


async def test_retry_after_is_respected(http: httpx.AsyncClient, httpserver: HTTPServer) -> None:
    calls: list[str] = []

    def respond(request: ServerRequest) -> ServerResponse:
        calls.append(request.method)
        if len(calls) == 1:
            return ServerResponse("слишком часто", status=429, headers={"Retry-After": "1"})
        return ServerResponse("готово")

    httpserver.expect_request("/limited").respond_with_handler(respond)
    response = await http.get(httpserver.url_for("/limited"))
    assert response.status_code == 200
    assert calls == ["GET", "GET"]
    # Сколько клиент ждал перед повтором, считает сама политика повторов, а не часы теста.
    assert waited(response) == 1.0


async def test_retry_after_is_capped(httpserver: HTTPServer) -> None:
    calls: list[str] = []

    def respond(request: ServerRequest) -> ServerResponse:
        calls.append(request.method)
        if len(calls) == 1:
            return ServerResponse("подождите", status=429, headers={"Retry-After": "100"})
        return ServerResponse("готово")

    httpserver.expect_request("/patient").respond_with_handler(respond)
    capped = FAST.model_copy(update={"max_backoff": 0.1})
    async with create_http_client(capped) as http:
        response = await http.get(httpserver.url_for("/patient"))
    assert response.status_code == 200
    assert calls == ["GET", "GET"]
    assert waited(response) == capped.max_backoff


async def test_dropped_connections_are_retried(http: httpx.AsyncClient) -> None:
    connections = 0

    async def drop(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal connections
        connections += 1
        writer.close()
        await writer.wait_closed()

    server = await asyncio.start_server(drop, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        with pytest.raises(httpx.RemoteProtocolError):
            await http.get(f"http://127.0.0.1:{port}/")
    finally:
        server.close()
        await server.wait_closed()
    assert connections == FAST.retries + 1


async def test_unreachable_server_raises_after_retries(http: httpx.AsyncClient) -> None:
    with pytest.raises(httpx.ConnectError):
        await http.get("http://127.0.0.1:1/")


async def test_the_app_shares_one_client_and_closes_it(app: FastAPI, settings: Settings) -> None:
    shared = await get_http_client(Request({"type": "http", "app": app}))
    assert shared is app.state.http_client
    assert shared.headers["User-Agent"] == settings.http_client.user_agent
    assert shared.timeout.read == settings.http_client.timeout
    assert not shared.is_closed
    async with running(create_app(settings)) as other:
        client: httpx.AsyncClient = other.state.http_client
        assert not client.is_closed
    assert client.is_closed
