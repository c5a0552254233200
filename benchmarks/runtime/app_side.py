"""The runtime benchmark's helper inside a generated project's virtual environment.

``bench_runtime.py`` runs in fastgen's environment, which has none of the service libraries;
it calls this script with the generated project's Python (3.12, asyncpg, redis, aio-pika,
httpx, the app itself) for everything that needs them:

- ``createdb NAME`` / ``dropdb NAME``: a throwaway database on ``--server``;
- ``sql DSN FILE``: runs an SQL script (the seed);
- ``redis URL COMMANDS``: a JSON list of Redis commands (``["SCAN", pattern]`` lists keys);
- ``mq-clean PROJECT``: deletes the RabbitMQ exchange and queues the app declared;
- ``inproc``: serves requests in process (httpx ``ASGITransport``, uvloop) to the generated
  app (``--project``) or a baseline (``--baseline``), counting database round trips per
  request (SQLAlchemy statement events plus asyncpg's BEGIN, COMMIT, ROLLBACK, prepare and
  pre-ping calls) and Redis round trips. Writes a JSON report to ``--output`` (the app logs
  to standard output).
"""

import argparse
import asyncio
import importlib
import json
import sys
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import uvloop
from asyncpg import connection, transaction
from sqlalchemy import event

HERE = Path(__file__).resolve().parent


def asyncpg_dsn(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


async def create_database(server: str, name: str) -> None:
    connection = await asyncpg.connect(asyncpg_dsn(server))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()


async def drop_database(server: str, name: str) -> None:
    connection = await asyncpg.connect(asyncpg_dsn(server))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()


async def run_sql(dsn: str, script: Path) -> None:
    connection = await asyncpg.connect(asyncpg_dsn(dsn))
    try:
        await connection.execute(script.read_text(encoding="utf-8"))
    finally:
        await connection.close()


async def redis_commands(url: str, commands: list[list[str]]) -> list[Any]:
    from redis.asyncio import Redis  # noqa: PLC0415 - only projects with a cache have redis

    client = Redis.from_url(url, decode_responses=True)
    results: list[Any] = []
    try:
        for command in commands:
            if command[0] == "SCAN":
                results.append(sorted([key async for key in client.scan_iter(match=command[1])]))
            else:
                results.append(await client.execute_command(*command))
    finally:
        await client.aclose()
    return results


async def clean_messaging(project: Path) -> None:
    """Deletes what the generated app declared on RabbitMQ (like its tests' drop_topology)."""
    import aio_pika  # noqa: PLC0415 - only projects with messaging have aio-pika

    sys.path.insert(0, str(project))
    from app.main import create_app  # noqa: PLC0415 - the project is on sys.path now

    app = create_app()
    settings = app.state.messaging.settings
    connection = await aio_pika.connect(settings.url)
    async with connection:
        channel = await connection.channel()
        for queues in app.state.consumer_queues:
            for queue in (queues.main, queues.retry, queues.dead):
                await channel.queue_delete(queue.name)
        await channel.exchange_delete(f"{settings.namespace}.events")


# --- in-process requests: round trips ------------------------------------------------------


class RoundTrips:
    """Counts database and Redis round trips by patching the client libraries' classes."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.statements: list[str] = []

    def install(self) -> None:
        self._wrap(transaction.Transaction, "start", "begin")
        self._wrap(transaction.Transaction, "commit", "commit")
        self._wrap(transaction.Transaction, "rollback", "rollback")
        self._wrap(connection.Connection, "prepare", "prepare")
        self._wrap(connection.Connection, "fetchrow", "pre-ping", lambda args: args[:1] == (";",))
        try:
            from redis.asyncio import client  # noqa: PLC0415 - only projects with a cache
        except ImportError:
            return
        self._wrap(client.Redis, "execute_command", "redis")
        self._wrap(client.Pipeline, "execute", "redis")

    def _wrap(
        self,
        cls: type,
        name: str,
        key: str,
        applies: Callable[[tuple[Any, ...]], bool] | None = None,
    ) -> None:
        original: Callable[..., Awaitable[Any]] = getattr(cls, name)
        counts = self.counts

        async def counted(self: object, *args: Any, **kwargs: Any) -> Any:  # noqa: ANN401
            if applies is None or applies(args):
                counts[key] += 1
            return await original(self, *args, **kwargs)

        setattr(cls, name, counted)

    def attach(self, engine: Any) -> None:  # noqa: ANN401 - an AsyncEngine
        def on_statement(*args: Any) -> None:  # noqa: ANN401
            self.counts["statements"] += 1
            self.statements.append(" ".join(str(args[2]).split()))

        event.listen(engine.sync_engine, "before_cursor_execute", on_statement)


def build_app(args: argparse.Namespace) -> Any:  # noqa: ANN401 - a FastAPI app
    if args.project:
        sys.path.insert(0, str(args.project))
        from app.main import create_app  # noqa: PLC0415 - the project is on sys.path now

        return create_app()
    sys.path.insert(0, str(HERE))
    return importlib.import_module(args.baseline).create_app()


def engine_of(app: Any) -> Any:  # noqa: ANN401
    database = getattr(app.state, "database", None)
    return database.engine if database is not None else app.state.engine


@asynccontextmanager
async def running(app: Any) -> AsyncIterator[Any]:  # noqa: ANN401
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            yield client


async def in_process(args: argparse.Namespace) -> dict[str, Any]:
    trips = RoundTrips()
    trips.install()
    app = build_app(args)
    requests: list[dict[str, Any]] = json.loads(args.requests)
    report: dict[str, Any] = {}
    async with running(app) as client:
        trips.attach(engine_of(app))
        for request in requests:
            label, path = request["label"], request["path"]
            before = request.get("before")
            if before:  # e.g. the cache state this request is measured in
                await redis_commands(before["url"], before["commands"])
            for name, value in request.get("state", {}).items():
                setattr(app.state, name, value)
            for _ in range(3):  # warm: prepared statements, caches, first-use imports
                response = await client.get(path)
                response.raise_for_status()
            trips.counts.clear()
            trips.statements.clear()
            repeat = 5
            for _ in range(repeat):
                await client.get(path)
            per_request = {key: value / repeat for key, value in trips.counts.items()}
            report[label] = {
                "counts": per_request,
                "statements": list(dict.fromkeys(trips.statements)),
            }
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("createdb", "dropdb"):
        command = commands.add_parser(name)
        command.add_argument("name")
        command.add_argument("--server", required=True)
    sql = commands.add_parser("sql")
    sql.add_argument("dsn")
    sql.add_argument("file", type=Path)
    redis = commands.add_parser("redis")
    redis.add_argument("url")
    redis.add_argument("commands")
    mq = commands.add_parser("mq-clean")
    mq.add_argument("project", type=Path)
    inproc = commands.add_parser("inproc")
    side = inproc.add_mutually_exclusive_group(required=True)
    side.add_argument("--project", type=Path)
    side.add_argument("--baseline")
    inproc.add_argument(
        "--requests", required=True, help="JSON list of {label, path, before?, state?}"
    )
    inproc.add_argument("--output", type=Path, required=True, help="the JSON report (the app logs)")
    args = parser.parse_args()

    if args.command == "createdb":
        asyncio.run(create_database(args.server, args.name))
    elif args.command == "dropdb":
        asyncio.run(drop_database(args.server, args.name))
    elif args.command == "sql":
        asyncio.run(run_sql(args.dsn, args.file))
    elif args.command == "redis":
        print(json.dumps(asyncio.run(redis_commands(args.url, json.loads(args.commands)))))
    elif args.command == "mq-clean":
        asyncio.run(clean_messaging(args.project))
    else:
        report = uvloop.run(in_process(args))
        args.output.write_text(json.dumps(report), encoding="utf-8")


if __name__ == "__main__":
    main()
