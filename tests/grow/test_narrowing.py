"""Narrowing type changes on the real PostgreSQL: rows that do not fit fail the migration intact.

One project is generated for the module with a column for each kind of narrowing (text →
``str(10)``, decimal scale 2 → 1, float → int) and one for each kind of widening, whose
downgrade narrows; ``update`` adds the revision that changes them all. Alembic runs in the
project's own environment, in one long-lived helper process (importing the project once keeps
the module well under a minute); so do the SQL statements and the exactness probe of every
check condition against the casts PostgreSQL really does.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest
from fastgen.api import new_project
from fastgen.db.history import read_history
from fastgen.db.narrowing import unfit_condition
from fastgen.db.nodes import Column
from fastgen.project.grow import update_project
from fastgen.project.servers import asyncpg_dsn, resolve_database_url, throwaway_database_url
from fastgen.project.tools import find_uv, scrub_environment
from fastgen.project.write import HISTORY_FILE, PROJECT_SPEC

DATABASE = f"fastgen_narrowing_{os.getpid()}"

SPEC = """\
fastgen: 1
project: {name: notes, title: Заметки}
features: {cache: false, messaging: false, rate_limit: false, metrics: false, docker: false, ci: []}
domains:
  notes:
    entities:
      Note:
        fields:
          label: {type: str, max_length: 50, required: false}
          title: {type: text}
          price: {type: decimal, precision: 8, scale: 2}
          rating: {type: float}
          code: {type: str, max_length: 10}
          amount: {type: decimal, precision: 8, scale: 1}
          votes: {type: int}
"""
CHANGES = [
    ("title: {type: text}", "title: {type: str, max_length: 10}"),
    (
        "price: {type: decimal, precision: 8, scale: 2}",
        "price: {type: decimal, precision: 8, scale: 1}",
    ),
    ("rating: {type: float}", "rating: {type: int}"),
    ("code: {type: str, max_length: 10}", "code: {type: text}"),
    (
        "amount: {type: decimal, precision: 8, scale: 1}",
        "amount: {type: decimal, precision: 9, scale: 2}",
    ),
    ("votes: {type: int}", "votes: {type: float}"),
]
"""Narrowing upgrades of title, price and rating; widening ones (narrowing downgrades) of the
rest."""

DRIVER = """
import asyncio, contextlib, json, os, sys
import asyncpg
from alembic.config import main as alembic

async def sql(dsn, kind, statement):
    conn = await asyncpg.connect(dsn)
    try:
        if kind == "execute":
            await conn.execute(statement)
            return []
        rows = await conn.fetch(statement)
        return [[None if v is None else str(v) for v in row] for row in rows]
    finally:
        await conn.close()

for line in sys.stdin:
    kind, *args = json.loads(line)
    try:
        if kind == "alembic":
            with contextlib.redirect_stdout(sys.stderr):
                alembic(argv=args)
            answer = {"rows": []}
        else:
            dsn = os.environ["ADMIN_DSN" if kind == "admin" else "DSN"]
            mode = "fetch" if kind == "fetch" else "execute"
            answer = {"rows": asyncio.run(sql(dsn, mode, args[0]))}
    except BaseException as err:
        answer = {"error": f"{type(err).__name__}: {err}"}
    print(json.dumps(answer, ensure_ascii=False), flush=True)
"""

ROWS = "SELECT id, title, price, rating, code, amount, votes FROM notes ORDER BY id"
TYPES = (
    "SELECT column_name, data_type, character_maximum_length, numeric_precision, numeric_scale "
    "FROM information_schema.columns WHERE table_name = 'notes' ORDER BY column_name"
)
INSERT = "INSERT INTO notes (title, price, rating, code, amount, votes) VALUES "


class Database:
    """The generated project's Alembic and a connection to its database, in one process."""

    def __init__(self, root: Path, log: IO[str]) -> None:
        base = resolve_database_url(None, os.environ)
        url = throwaway_database_url(base, DATABASE)
        env = scrub_environment(os.environ)
        env |= {"DATABASE__URL": url, "DSN": asyncpg_dsn(url), "ADMIN_DSN": asyncpg_dsn(base)}
        self.root = root
        self.process = subprocess.Popen(
            [str(root / ".venv" / "bin" / "python"), "-c", DRIVER],
            cwd=root,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
            encoding="utf-8",
        )

    @property
    def revisions(self) -> list[str]:
        """The ids of the project's revisions, oldest first."""
        return [r.id for r in read_history(self.root / HISTORY_FILE).revisions]

    def _ask(self, *step: str) -> dict[str, Any]:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.write(json.dumps(step) + "\n")
        self.process.stdin.flush()
        answer: dict[str, Any] = json.loads(self.process.stdout.readline())
        return answer

    def alembic(self, *args: str) -> str | None:
        """Run an Alembic command; return its error, or None when it succeeded."""
        error: str | None = self._ask("alembic", *args).get("error")
        return error

    def execute(self, statement: str, *, admin: bool = False) -> None:
        answer = self._ask("admin" if admin else "execute", statement)
        assert "error" not in answer, answer["error"]

    def rows(self, query: str) -> list[list[str | None]]:
        answer = self._ask("fetch", query)
        assert "error" not in answer, answer["error"]
        rows: list[list[str | None]] = answer["rows"]
        return rows

    def state(self) -> tuple[list[list[str | None]], ...]:
        """Everything a failed migration must leave as it was."""
        return (
            self.rows("SELECT version_num FROM alembic_version"),
            self.rows(TYPES),
            self.rows(ROWS),
        )

    def fresh(self, revision: str) -> None:
        """Start over at ``revision`` with an empty table."""
        assert self.alembic("downgrade", "base") is None
        assert self.alembic("upgrade", revision) is None

    def close(self) -> None:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)
        self.process.stdout.close()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("narrowing")
    (root / "spec.yaml").write_text(SPEC, encoding="utf-8")
    new_project(root / "spec.yaml", root / "notes")
    return root / "notes"


@pytest.fixture(scope="module")
def database(generated: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    env = scrub_environment(os.environ)
    done = subprocess.run(
        [find_uv(), "sync", "--quiet"],
        cwd=generated,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    text = SPEC
    for old, new in CHANGES:
        text = text.replace(old, new)
    with (tmp_path_factory.mktemp("log") / "driver.log").open("w", encoding="utf-8") as log:
        db = Database(generated, log)
        db.execute(f'CREATE DATABASE "{DATABASE}"', admin=True)
        try:
            assert update_project(generated, spec_text=text, allow_destructive=True).revision
            yield db
        finally:
            db.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)', admin=True)
            db.close()


def _refused(error: str | None, column: str, count: str, target: str) -> None:
    assert error is not None
    expected = (
        f"Столбец «notes.{column}»: {count} в {target} — исправьте данные и повторите миграцию"
    )
    assert expected in error, error


@pytest.mark.e2e
def test_upgrade_over_rows_that_do_not_fit_fails_intact_and_passes_once_they_fit(
    database: Database,
) -> None:
    first, second = database.revisions
    database.fresh(first)
    database.execute(
        INSERT + "(repeat('x', 25), 1, 1, 'c', 1, 1), (repeat('y', 11), 1, 1, 'c', 1, 1), "
        "(repeat('z', 12), 1, 1, 'c', 1, 1), ('ok', 12.34, 1, 'c', 1, 1), "
        "('ok', 1, 2.7, 'c', 1, 1), ('десятьбукв', 12.30, -3.0, 'c', 1, 1)"
    )
    before = database.state()

    _refused(database.alembic("upgrade", "head"), "title", "3 строки не помещаются", "VARCHAR(10)")
    assert database.state() == before
    database.execute("UPDATE notes SET title = left(title, 10) WHERE id <= 3")
    before = database.state()

    # The title check passes and the title is altered; the price check fails and takes it back.
    error = database.alembic("upgrade", "head")
    _refused(error, "price", "1 строка не помещается", "NUMERIC(8, 1)")
    assert database.state() == before
    assert ["title", "text", None, None, None] in before[1]
    database.execute("UPDATE notes SET price = 12.3 WHERE id = 4")
    before = database.state()

    _refused(database.alembic("upgrade", "head"), "rating", "1 строка не помещается", "INTEGER")
    assert database.state() == before
    database.execute("UPDATE notes SET rating = 3 WHERE id = 5")

    assert database.alembic("upgrade", "head") is None
    assert database.rows("SELECT version_num FROM alembic_version") == [[second]]
    assert database.rows("SELECT title, price, rating FROM notes ORDER BY id") == [
        ["x" * 10, "1.0", "1"],
        ["y" * 10, "1.0", "1"],
        ["z" * 10, "1.0", "1"],
        ["ok", "12.3", "1"],
        ["ok", "1.0", "3"],
        ["десятьбукв", "12.3", "-3"],
    ]


@pytest.mark.e2e
def test_downgrade_over_rows_that_do_not_fit_fails_intact_and_passes_once_they_fit(
    database: Database,
) -> None:
    first, second = database.revisions
    database.fresh(second)
    database.execute(
        INSERT + "('t', 1, 1, repeat('c', 125), 1, 1), ('t', 1, 1, 'c', 1.25, 1), "
        "('t', 1, 1, 'c', 1, 2.5), ('t', 1, 1, 'c', 1, 2.5), ('t', 1, 1, 'c', 1, 0.1), "
        "('t', 1, 1, 'десятьбукв', 123.40, -7.0)"
    )
    before = database.state()

    _refused(database.alembic("downgrade", "-1"), "code", "1 строка не помещается", "VARCHAR(10)")
    assert database.state() == before
    database.execute("UPDATE notes SET code = 'c' WHERE id = 1")
    before = database.state()

    error = database.alembic("downgrade", "-1")
    _refused(error, "amount", "1 строка не помещается", "NUMERIC(8, 1)")
    assert database.state() == before
    assert ["code", "text", None, None, None] in before[1]
    database.execute("UPDATE notes SET amount = 1.2 WHERE id = 2")
    before = database.state()

    _refused(database.alembic("downgrade", "-1"), "votes", "3 строки не помещаются", "INTEGER")
    assert database.state() == before
    database.execute("UPDATE notes SET votes = 2 WHERE id IN (3, 4, 5)")

    assert database.alembic("downgrade", "-1") is None
    assert database.rows("SELECT version_num FROM alembic_version") == [[first]]
    assert database.rows("SELECT code, amount, votes FROM notes ORDER BY id") == [
        ["c", "1.0", "1"],
        ["c", "1.2", "1"],
        ["c", "1.0", "2"],
        ["c", "1.0", "2"],
        ["c", "1.0", "2"],
        ["десятьбукв", "123.4", "-7"],
    ]


# Values of each old type, as SQL literals, for the probe of the check conditions.
PROBES = {
    "TEXT": ["''", "repeat('ж', 10)", "repeat('ж', 11)", "'12.34'", "'NaN'", "'Infinity'"],
    "VARCHAR(30)": ["repeat('y', 10)", "repeat('y', 11)", "'1.25'", "repeat('z', 30)"],
    "NUMERIC(8, 2)": ["12.34", "12.30", "-12.35", "999999.99", "100000.00", "99999.99", "'NaN'"],
    "NUMERIC(20, 10)": ["0.5", "1234567890.1234567891", "123456789012345.6", "12345678901234.5"],
    "NUMERIC(12, 0)": ["2147483647", "2147483648", "-2147483648", "-2147483649", "'NaN'"],
    "DOUBLE PRECISION": [
        "2.7", "-3.0", "2.5", "2147483647", "2147483648", "-2147483649", "'NaN'", "'Infinity'",
        "1e300", "12.34", "12.345", "0.1", "9223372036854775807", "-9223372036854775808",
    ],
    "BIGINT": [
        "2147483647", "2147483648", "-2147483648", "-2147483649", "9007199254740993",
        "1152921504606846976", "9223372036854775807", "-9223372036854775808",
    ],
    "INTEGER": ["0", "1", "2", "-1", "2147483647", "-2147483648"],
    "TIMESTAMP WITH TIME ZONE": ["'2024-01-01 00:00:00+00'", "'2024-01-01 10:30:00+00'"],
}  # fmt: skip
TARGETS = [
    "VARCHAR(10)", "TEXT", "NUMERIC(8, 1)", "NUMERIC(6, 2)", "NUMERIC(9, 3)", "NUMERIC(12, 2)",
    "INTEGER", "BIGINT", "DOUBLE PRECISION", "BOOLEAN", "DATE", "TIME WITHOUT TIME ZONE",
]  # fmt: skip
TRY = (
    "CREATE OR REPLACE FUNCTION fit_probe(q text) RETURNS text AS $$ DECLARE r text; "
    "BEGIN EXECUTE q INTO r; RETURN coalesce(r, 'null'); "
    "EXCEPTION WHEN others THEN RETURN 'error'; END $$ LANGUAGE plpgsql"
)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _changes(old: str, new: str, source: str) -> str:
    """A query: does the cast change the value (or fail)? Compared in the type it stands for."""
    if old.startswith(("TEXT", "VARCHAR")) and new.startswith("NUMERIC"):
        return f"SELECT (CAST(c AS {new}) IS DISTINCT FROM CAST(c AS numeric))::text FROM {source}"
    if old.startswith(("TEXT", "VARCHAR")) and not new.startswith(("TEXT", "VARCHAR")):
        return "SELECT 'parsed'"  # the value of a text is what it says: nothing to compare
    if old.startswith("NUMERIC") and new == "DOUBLE PRECISION":
        back = f"CAST(CAST(CAST(c AS {new}) AS text) AS numeric)"
        return f"SELECT ({back} IS DISTINCT FROM c)::text FROM {source}"
    if new.startswith(("VARCHAR", "TEXT")):
        return f"SELECT (CAST(c AS {new}) IS DISTINCT FROM c::text)::text FROM {source}"
    return f"SELECT (CAST(CAST(c AS {new}) AS {old}) IS DISTINCT FROM c)::text FROM {source}"


@pytest.mark.e2e
def test_every_check_condition_counts_exactly_the_rows_the_cast_would_change(
    database: Database,
) -> None:
    database.execute(TRY)
    cases: list[tuple[str, str, str, str | None]] = []
    queries = []
    for old, values in PROBES.items():
        for new in TARGETS:
            condition = unfit_condition(
                Column(name="c", type="-", sql=old, nullable=True),
                Column(name="c", type="-", sql=new, nullable=True),
            )
            for value in values:
                source = f"(SELECT CAST({value} AS {old}) AS c) AS t"
                flagged = (
                    f"SELECT ({condition})::text FROM {source}" if condition else "SELECT 'no'"
                )
                cases.append((old, new, value, condition))
                queries.append(
                    f"SELECT fit_probe({_literal(flagged)}), "
                    f"fit_probe({_literal(_changes(old, new, source))})"
                )
    answers = database.rows(" UNION ALL ".join(queries))
    wrong = []
    for (old, new, value, condition), (verdict, changes) in zip(cases, answers, strict=True):
        if changes == "parsed" or (verdict == "no" and changes == "error"):
            continue  # PostgreSQL converts by parsing the text, or refuses every row itself
        counted = verdict in ("true", "error")
        if counted != (changes in ("true", "error")):
            wrong.append(f"{old} -> {new}: {value}: {condition} is {verdict}, changes: {changes}")
    assert wrong == []
    assert len(cases) > 500


def test_update_prints_a_warning_where_an_existing_column_becomes_unique(
    generated: Path, tmp_path: Path
) -> None:
    project = tmp_path / "notes"
    shutil.copytree(generated, project, ignore=shutil.ignore_patterns(".venv"))
    spec = project / PROJECT_SPEC
    text = spec.read_text(encoding="utf-8")
    line = "          label: {type: str, max_length: 50, required: false}\n"
    spec.write_text(text.replace(line, line.replace("}", ", unique: true}")), encoding="utf-8")
    row = text.splitlines().index(line.rstrip("\n")) + 1
    done = subprocess.run(
        [sys.executable, "-m", "fastgen", "update", str(project), "--dry-run"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (
        f"{spec}:{row}:18: warning: domains.notes.entities.Note.fields.label: the column "
        "`notes.label` becomes unique, and the upgrade fails (as one transaction, nothing "
        "changed) if existing rows repeat a value — find them first with `SELECT label, "
        "count(*) FROM notes GROUP BY label HAVING count(*) > 1`"
    ) in done.stderr
    assert 'op.create_unique_constraint(op.f("uq_notes_label"), "notes", ["label"])' in done.stdout
