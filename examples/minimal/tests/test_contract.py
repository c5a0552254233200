"""Контракт API снаружи: приложение на настоящем HTTP-сервере и schemathesis против его OpenAPI.

Тест поднимает uvicorn на свободном порту 127.0.0.1 с тем же приложением, что и остальные
тесты: та же база данных и те же
заменители. Он получает ``/openapi.json`` и ``/docs`` по HTTP и запускает schemathesis
со всеми проверками: ни одного ответа 5xx,
каждый ответ описан в документе и соответствует его схеме, корректные запросы принимаются,
некорректные отклоняются.

Прогон долгий, поэтому тест помечен ``contract`` и в обычный ``pytest`` не входит:
``uv run pytest -m contract --no-cov`` (так его запускает ``fastgen verify``). Настройки прогона —
в ``schemathesis.toml``; ``CONTRACT_EXAMPLES`` меняет число примеров на операцию.
"""

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from httpx import AsyncClient

pytestmark = pytest.mark.contract

CONFIG = Path(__file__).resolve().parents[1] / "schemathesis.toml"
"""Настройки прогона: зерно, число примеров и ожидаемые ответы отдельных операций."""
EXAMPLES = os.environ.get("CONTRACT_EXAMPLES", "")
"""Сколько примеров строить для каждой операции вместо числа из ``schemathesis.toml``."""
RUN_TIMEOUT = 900.0
"""Секунд на весь прогон schemathesis, после чего он прерывается и тест падает."""
START_TIMEOUT = 30.0
"""Секунд на запуск HTTP-сервера."""


@pytest.fixture
async def base_url(app: FastAPI) -> AsyncIterator[str]:
    """Адрес приложения, запущенного uvicorn на свободном порту в цикле событий теста.

    Жизненный цикл приложения уже запущен фикстурой ``app``, поэтому uvicorn его не трогает.
    """
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=0,
        lifespan="off",
        ws="none",
        log_level="warning",
        access_log=False,
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    async with asyncio.timeout(START_TIMEOUT):
        while not server.started:
            if task.done():
                task.result()
                pytest.fail("uvicorn завершился, не начав принимать соединения")
            await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


async def test_the_served_document_and_docs_page_load(base_url: str) -> None:
    async with AsyncClient(base_url=base_url) as http:
        ready = await http.get("/health/ready")
        document = await http.get("/openapi.json")
        docs = await http.get("/docs")
    assert ready.status_code == 200, ready.text
    assert document.status_code == 200, document.text
    assert document.json()["openapi"].startswith("3.1.")
    assert docs.status_code == 200
    assert "/openapi.json" in docs.text


async def test_the_running_service_honours_its_openapi_document(base_url: str) -> None:
    command = [
        *(sys.executable, "-m", "schemathesis.cli", "--config-file", str(CONFIG), "--no-color"),
        *("run", f"{base_url}/openapi.json", "--checks", "all", "--warnings", "off"),
        *(["--max-examples", EXAMPLES] if EXAMPLES else []),
    ]
    process = await asyncio.create_subprocess_exec(
        *command, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
    )
    try:
        async with asyncio.timeout(RUN_TIMEOUT):
            output, _ = await process.communicate()
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.returncode == 0, output.decode(errors="replace")
