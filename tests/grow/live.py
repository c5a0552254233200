"""A generated project run in its own environment against a database of its own.

Shared by the end-to-end tests that migrate real PostgreSQL databases with rows in them.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastgen.project.servers import asyncpg_dsn, resolve_database_url, throwaway_database_url
from fastgen.project.tools import find_uv, scrub_environment

SQL = """
import asyncio, os, sys
import asyncpg

async def main() -> None:
    conn = await asyncpg.connect(os.environ["DSN"])
    try:
        if sys.argv[1] == "execute":
            await conn.execute(sys.argv[2])
        else:
            for row in await conn.fetch(sys.argv[2]):
                print("|".join(str(value) for value in row))
    finally:
        await conn.close()

asyncio.run(main())
"""


class Project:
    """A generated project and commands run in its own environment."""

    def __init__(self, root: Path, url: str) -> None:
        self.root = root
        self.uv = find_uv()
        self.env = scrub_environment(os.environ)
        self.env["DATABASE__URL"] = url
        self.env["DSN"] = asyncpg_dsn(url)

    def run(self, *args: str) -> str:
        done = subprocess.run(
            [self.uv, "run", *args],
            cwd=self.root,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
        return done.stdout + done.stderr

    def sql(self, statement: str) -> None:
        self.run("python", "-c", SQL, "execute", statement)

    def rows(self, query: str) -> list[str]:
        return self.run("python", "-c", SQL, "fetch", query).splitlines()


@contextmanager
def live_database(root: Path, name: str) -> Iterator[Project]:
    """Create the database ``name`` for the project at ``root``; drop it afterwards."""
    base = resolve_database_url(None, os.environ)
    admin = Project(root, base)
    admin.run("--quiet", "python", "-c", "print('ready')")
    admin.sql(f'CREATE DATABASE "{name}"')
    try:
        yield Project(root, throwaway_database_url(base, name))
    finally:
        admin.sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
