"""Runtime benchmark (issue 14): generated services against hand-written ones, over HTTP.

Generates the example shop and ``library.yaml`` (heavier relations) into temporary
directories, installs each with ``uv sync`` into its own virtual environment, creates a
throwaway PostgreSQL database per project, migrates it (``alembic upgrade head``) and seeds a
deterministic data set (``seed_*.sql``). Then it starts, on loopback ports, one uvicorn worker
of the generated app (``app.main:serve --factory``, production settings) and of the
hand-written baseline (``baseline_*.py``, run from the same virtual environment), checks that
both answer every benchmarked request with the same status and byte-identical body, and drives
them with ``hey`` (32 connections) in alternating rounds: generated, baseline, generated,
baseline... It prints req/s, p50 and p99 of each side per endpoint with the ratios, the CPU
per request of each server and of its PostgreSQL backends (from /proc), the SQL statements and
database round trips per request (counted in process, ``app_side.py``), and a py-spy profile
of both servers under load on a few endpoints. Servers, stand-ins, databases, Redis keys and
RabbitMQ queues are removed at the end, also on Ctrl-C or SIGTERM.

Run from the repository root: ``uv run python benchmarks/runtime/bench_runtime.py``
(``--help`` for the options; ``--serve`` leaves both servers running for manual profiling).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastgen.api import new_project

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
HELPER = HERE / "app_side.py"
POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
REDIS = "redis://127.0.0.1:6379/0"
RABBITMQ = "amqp://guest:guest@127.0.0.1:5672/"
CONCURRENCY = 32
GOAL_RPS = 0.9
GOAL_P99 = 1.2
PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY")
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def seeded_uuid(text: str) -> str:
    """The id the seed gives a row: ``md5(text)::uuid``."""
    return str(uuid.UUID(hashlib.md5(text.encode()).hexdigest()))


@dataclass(frozen=True)
class Endpoint:
    """One benchmarked request.

    Attributes:
        title: Shown in the tables.
        path: The request (same on both sides).
        cache: The generated app's entity cache state: ``warm`` (a read hits) or ``miss``
            (every read goes to the database and writes back); ``None`` for uncached reads.
        profile: Profile both servers with py-spy under load on this request.
    """

    title: str
    path: str
    cache: str | None = None
    profile: bool = False


@dataclass(frozen=True)
class Project:
    """A spec to generate, its seed, its baseline and its benchmarked requests."""

    name: str
    spec: Path
    seed: Path
    baseline: str
    endpoints: tuple[Endpoint, ...]
    counted: tuple[tuple[str, str], ...]
    cached_table: str = ""
    cached_id: str = ""


SHOP_PRODUCT = seeded_uuid("product-2504")
LIBRARY_BOOK = seeded_uuid("book-2504")

PROJECTS = (
    Project(
        name="shop",
        spec=REPO / "examples" / "shop" / "fastgen.yaml",
        seed=HERE / "seed_shop.sql",
        baseline="baseline_shop",
        endpoints=(
            Endpoint("categories list, 20/page", "/api/v1/categories?limit=20"),
            Endpoint("categories list, 100/page", "/api/v1/categories?limit=100"),
            Endpoint("category by id", "/api/v1/categories/500", profile=True),
            Endpoint("products list, 20/page", "/api/v1/products?limit=20", profile=True),
            Endpoint("products list, 100/page", "/api/v1/products?limit=100"),
            Endpoint(
                "product by id, cached",
                f"/api/v1/products/{SHOP_PRODUCT}",
                cache="warm",
                profile=True,
            ),
            Endpoint("product by id, uncached", f"/api/v1/products/{SHOP_PRODUCT}", cache="miss"),
        ),
        counted=(
            ("categories ?limit=10", "/api/v1/categories?limit=10"),
            ("categories ?limit=100", "/api/v1/categories?limit=100"),
            ("category by id", "/api/v1/categories/500"),
            ("products ?limit=10", "/api/v1/products?limit=10"),
            ("products ?limit=100", "/api/v1/products?limit=100"),
        ),
        cached_table="products",
        cached_id=SHOP_PRODUCT,
    ),
    Project(
        name="library",
        spec=HERE / "library.yaml",
        seed=HERE / "seed_library.sql",
        baseline="baseline_library",
        endpoints=(
            Endpoint("books list (cursor), 20/page", "/api/v1/books?limit=20", profile=True),
            Endpoint("books list (cursor), 100/page", "/api/v1/books?limit=100"),
            Endpoint("book by id", f"/api/v1/books/{LIBRARY_BOOK}"),
            Endpoint("reviews list (offset), 20/page", "/api/v1/reviews?limit=20"),
            Endpoint("reviews list (offset), 100/page", "/api/v1/reviews?limit=100"),
            Endpoint("review by id", "/api/v1/reviews/12345"),
        ),
        counted=(
            ("books ?limit=10", "/api/v1/books?limit=10"),
            ("books ?limit=100", "/api/v1/books?limit=100"),
            ("book by id", f"/api/v1/books/{LIBRARY_BOOK}"),
            ("reviews ?limit=10", "/api/v1/reviews?limit=10"),
            ("reviews ?limit=100", "/api/v1/reviews?limit=100"),
            ("review by id", "/api/v1/reviews/12345"),
        ),
    ),
)


@dataclass
class Round:
    """What ``hey`` measured in one round."""

    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int
    cpu_ms: float = float("nan")
    db_cpu_ms: float = float("nan")


@dataclass
class Results:
    """Rounds per (project, endpoint title, side), in the order they ran."""

    rounds: dict[tuple[str, str, str], list[Round]] = field(default_factory=dict)
    counts: dict[str, dict[str, Any]] = field(default_factory=dict)
    profiles: dict[str, dict[str, Any]] = field(default_factory=dict)

    def add(self, key: tuple[str, str, str], measured: Round) -> None:
        self.rounds.setdefault(key, []).append(measured)


# --- processes -------------------------------------------------------------------------------


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} (1, 5, 15 min) on {os.cpu_count()} cores"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def clean_env(extra: dict[str, str]) -> dict[str, str]:
    """A child's environment: ours plus ``extra``, without proxies, virtualenv markers and
    nested settings (``DATABASE__URL``…) that would leak into the apps."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in PROXY_VARIABLES
        and key not in ("VIRTUAL_ENV", "PYTHONPATH")
        and "__" not in key
    }
    env.update(extra)
    return env


def stop(process: subprocess.Popen[bytes], name: str) -> None:
    """Stops a child we started, with its process group (uvicorn's own children too)."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        print(f"  {name} did not stop in 15 s: killed")
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


def spawn(
    stack: ExitStack, name: str, command: list[str], *, cwd: Path, env: dict[str, str], log: Path
) -> subprocess.Popen[bytes]:
    with log.open("wb") as output:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    stack.callback(stop, process, name)
    return process


def tail(log: Path, lines: int = 15) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def wait_for_port(process: subprocess.Popen[bytes], port: int, log: Path, name: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{name} exited with {process.returncode}:\n{tail(log)}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise SystemExit(f"{name} did not listen on {port} within 60 s:\n{tail(log)}")


def get(url: str) -> tuple[int, bytes]:
    try:
        with NO_PROXY.open(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def run(command: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        shown = " ".join(command[:4])
        raise SystemExit(f"{shown} … failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done.stdout


def ensure_hey() -> str:
    found = shutil.which("hey")
    if found:
        return found
    print("hey is missing: apt-get install -y hey")
    subprocess.run(["apt-get", "update", "-qq"], check=False, capture_output=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "hey"], check=True, capture_output=True)
    found = shutil.which("hey")
    if not found:
        raise SystemExit("hey could not be installed")
    return found


def uv_binary() -> str:
    """The real uv binary (the ``uv`` package fastgen depends on), not a pyenv shim."""
    from uv import find_uv_bin  # noqa: PLC0415 - only here

    return find_uv_bin()


# --- one generated project with its servers --------------------------------------------------


class Deployment:
    """A generated project, its database, its two servers and their stand-ins."""

    def __init__(self, project: Project, root: Path, stack: ExitStack, tag: str) -> None:
        self.project = project
        self.stack = stack
        self.dir = root / project.name
        self.logs = root / "logs"
        self.logs.mkdir(exist_ok=True)
        self.python = str(self.dir / ".venv" / "bin" / "python")
        self.database = f"fastgen_runtime_{project.name}_{tag}"
        self.database_url = POSTGRES.rsplit("/", 1)[0] + "/" + self.database
        self.prefix = f"fastgen-runtime-{tag}-{project.name}"
        self.namespace = f"fastgen-runtime-{tag}"
        self.env: dict[str, str] = {}
        self.ports: dict[str, int] = {}
        self.namespace_key = ""
        self.processes: dict[str, subprocess.Popen[bytes]] = {}

    def helper(self, *args: str, env: dict[str, str] | None = None) -> str:
        return run([self.python, str(HELPER), *args], env=env or clean_env({}))

    def redis(self, *commands: list[str]) -> list[Any]:
        result: list[Any] = json.loads(self.helper("redis", REDIS, json.dumps(list(commands))))
        return result

    def build(self) -> None:
        started = time.perf_counter()
        new_project(self.project.spec, self.dir)
        run([uv_binary(), "sync", "--quiet"], cwd=self.dir, env=clean_env({}))
        print(f"  generated and installed in {time.perf_counter() - started:.1f} s: {self.dir}")
        started = time.perf_counter()
        self.helper("createdb", self.database, "--server", POSTGRES)
        self.stack.callback(self._drop_database)
        self.env = self._app_env()
        run(
            [str(self.dir / ".venv" / "bin" / "alembic"), "upgrade", "head"],
            cwd=self.dir,
            env=clean_env(self.env),
        )
        self.helper("sql", self.database_url, str(self.project.seed))
        print(
            f"  database {self.database} migrated and seeded in "
            f"{time.perf_counter() - started:.1f} s"
        )

    def _drop_database(self) -> None:
        try:
            self.helper("dropdb", self.database, "--server", POSTGRES)
        except SystemExit as error:
            print(f"  could not drop {self.database}: {error}")

    def _settings(self) -> set[str]:
        example = (self.dir / ".env.example").read_text(encoding="utf-8")
        return set(re.findall(r"^#? ?([A-Z][A-Z0-9_]*)=", example, flags=re.MULTILINE))

    def _app_env(self) -> dict[str, str]:
        """Production settings; stand-ins and namespaces for what the project has."""
        known = self._settings()
        env = {
            "ENVIRONMENT": "prod",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "DATABASE__URL": self.database_url,
        }
        if "CACHE__URL" in known:
            env |= {"CACHE__URL": REDIS, "CACHE__PREFIX": self.prefix}
        if "MESSAGING__URL" in known:
            env |= {"MESSAGING__URL": RABBITMQ, "MESSAGING__NAMESPACE": self.namespace}
        if "STORAGE__ENDPOINT_URL" in known:  # prod refuses MinIO's default secret key
            env |= {
                "STORAGE__ACCESS_KEY": "bench",
                "STORAGE__SECRET_KEY": "bench-secret-key",
                "STORAGE__BUCKET": f"{self.project.name}-runtime",
            }
        if "RATE_LIMIT__ENABLED" in known:
            # 100/minute per IP would answer 429 to a load test; see benchmarks/README.md.
            env["RATE_LIMIT__ENABLED"] = "false"
        return env

    def start(self) -> None:
        known = self._settings()
        bin_dir = self.dir / ".venv" / "bin"
        if "STORAGE__ENDPOINT_URL" in known:
            port = free_port()
            log = self.logs / f"{self.project.name}-s3.log"
            command = [str(bin_dir / "moto_server"), "-H", "127.0.0.1", "-p", str(port)]
            moto = spawn(self.stack, "moto", command, cwd=self.dir, env=clean_env({}), log=log)
            wait_for_port(moto, port, log, "moto")
            self.env["STORAGE__ENDPOINT_URL"] = f"http://127.0.0.1:{port}"
        if "MAIL__HOST" in known:
            port = free_port()
            log = self.logs / f"{self.project.name}-smtp.log"
            command = [self.python, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}"]
            smtp = spawn(self.stack, "aiosmtpd", command, cwd=self.dir, env=clean_env({}), log=log)
            wait_for_port(smtp, port, log, "aiosmtpd")
            self.env |= {"MAIL__HOST": "127.0.0.1", "MAIL__PORT": str(port)}
        if "MESSAGING__URL" in known:
            self.stack.callback(self._clean_messaging)
        if "CACHE__URL" in known:
            self.stack.callback(self._clean_redis)
        uvicorn = ["-m", "uvicorn", "--host", "127.0.0.1", "--port"]
        sides: dict[str, tuple[list[str], dict[str, str]]] = {
            "generated": (["app.main:serve", "--factory"], self.env),
            "baseline": self.baseline_side(miss=False),
        }
        if self.project.cached_table:
            sides["baseline, cache miss"] = self.baseline_side(miss=True)
        processes = {}
        for side, (target, env) in sides.items():
            self.ports[side] = port = free_port()
            log = self.logs / f"{self.project.name}-{side.replace(', ', '-')}.log"
            command = [self.python, *uvicorn, str(port), *target]
            name = f"{self.project.name} {side}"
            process = spawn(self.stack, name, command, cwd=self.dir, env=clean_env(env), log=log)
            processes[side] = (process, log)
            self.processes[side] = process
        for side, (process, log) in processes.items():
            wait_for_port(process, self.ports[side], log, f"{self.project.name} {side}")

    def baseline_env(self) -> dict[str, str]:
        return {
            "BASELINE_DATABASE_URL": self.database_url,
            "BASELINE_REDIS_URL": REDIS,
            "BASELINE_CACHE_PREFIX": f"{self.prefix}-baseline",
        }

    def baseline_side(self, *, miss: bool) -> tuple[list[str], dict[str, str]]:
        env = self.baseline_env()
        if miss:
            env["BASELINE_CACHE_MISS"] = "1"
        return [f"{self.project.baseline}:create_app", "--factory", "--app-dir", str(HERE)], env

    def _clean_messaging(self) -> None:
        try:
            self.helper("mq-clean", str(self.dir), env=clean_env(self.env))
        except SystemExit as error:
            print(f"  could not delete the RabbitMQ queues of {self.namespace}: {error}")

    def _clean_redis(self) -> None:
        try:
            keys = self.redis(["SCAN", f"{self.prefix}*"])[0]
            for start in range(0, len(keys), 500):
                self.redis(["DEL", *keys[start : start + 500]])
        except SystemExit as error:
            print(f"  could not delete the Redis keys {self.prefix}*: {error}")

    def url(self, side: str, endpoint: Endpoint) -> str:
        return f"http://127.0.0.1:{self.ports[self.server(side, endpoint)]}{endpoint.path}"

    def pid(self, side: str, endpoint: Endpoint) -> int:
        return self.processes[self.server(side, endpoint)].pid

    @staticmethod
    def server(side: str, endpoint: Endpoint) -> str:
        return "baseline, cache miss" if endpoint.cache == "miss" and side == "baseline" else side

    # The generated app's entity cache: keys <prefix>:entity:<table>:<schema hash>:<id>, and a
    # per-entity generation counter <…>:generation (README, "Integrations"). A stored value is
    # kept only while the generation it was read under is unchanged; the generation "007"
    # parses as 7 but never equals the "7" a write is checked against, so with it every read
    # misses and its write-back is refused: each request pays the whole miss path.

    def cache_commands(self, mode: str) -> list[list[str]]:
        namespace, key = self.namespace_key, self.project.cached_id
        if mode == "warm":
            return [["DEL", f"{namespace}:generation", f"{namespace}:{key}"]]
        return [["SET", f"{namespace}:generation", "007"], ["DEL", f"{namespace}:{key}"]]

    def set_cache(self, endpoint: Endpoint) -> None:
        if endpoint.cache is None:
            return
        url = self.url("generated", endpoint)
        if not self.namespace_key:
            get(url)
            pattern = f"{self.prefix}:entity:{self.project.cached_table}:*:{self.project.cached_id}"
            found = self.redis(["SCAN", pattern])[0]
            if len(found) != 1:
                raise SystemExit(f"expected one cached value under {pattern}, found {found}")
            self.namespace_key = found[0].rsplit(":", 1)[0]
        self.redis(*self.cache_commands(endpoint.cache))
        get(url)
        get(url)
        value = f"{self.namespace_key}:{self.project.cached_id}"
        cached = self.redis(["EXISTS", value])[0] == 1
        if cached != (endpoint.cache == "warm"):
            raise SystemExit(f"could not put the cache in state {endpoint.cache}: {value}")


# --- checks and load -------------------------------------------------------------------------


def check_bodies(deployment: Deployment) -> None:
    for endpoint in deployment.project.endpoints:
        deployment.set_cache(endpoint)
        for attempt in (1, 2):  # a cached read: the first fills the cache, the second hits
            generated = get(deployment.url("generated", endpoint))
            baseline = get(deployment.url("baseline", endpoint))
            if generated[0] != 200 or generated != baseline:
                show(endpoint, generated, baseline)
                raise SystemExit(f"{deployment.project.name}: {endpoint.title} differs")
            if attempt == 1:
                size = len(generated[1])
        print(f"  identical: {endpoint.title} ({endpoint.path}, {size:,} bytes)")


def show(endpoint: Endpoint, generated: tuple[int, bytes], baseline: tuple[int, bytes]) -> None:
    print(f"  DIFFERENT: {endpoint.title} {endpoint.path}")
    print(f"    generated {generated[0]}: {generated[1][:300]!r}")
    print(f"    baseline  {baseline[0]}: {baseline[1][:300]!r}")
    first, second = generated[1], baseline[1]
    at = next((i for i, (a, b) in enumerate(zip(first, second, strict=False)) if a != b), None)
    if at is not None:
        print(f"    first difference at byte {at}: {first[at - 60 : at + 60]!r}")
        print(f"                                vs {second[at - 60 : at + 60]!r}")


def hey(binary: str, url: str, seconds: float) -> Round:
    command = [binary, "-z", f"{seconds}s", "-c", str(CONCURRENCY), "-cpus", "1", url]
    return parse_hey(run(command, env=clean_env({})))


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def process_cpu(pid: int) -> float:
    """User + system CPU seconds of a process, from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def backends_cpu(database: str) -> dict[int, float]:
    """CPU seconds of each PostgreSQL backend connected to ``database`` (by process title)."""
    found: dict[int, float] = {}
    needle = f" {database} ".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            title = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if title.startswith(b"postgres:") and needle in title:
            found[int(entry.name)] = process_cpu(int(entry.name))
    return found


def hey_with_cpu(binary: str, url: str, seconds: float, pid: int, database: str) -> Round:
    """One hey run, with the server's and its database backends' CPU per request."""
    app_before, db_before = process_cpu(pid), backends_cpu(database)
    measured = hey(binary, url, seconds)
    app_after, db_after = process_cpu(pid), backends_cpu(database)
    if measured.requests:
        db_used = sum(after - db_before.get(p, 0.0) for p, after in db_after.items())
        measured.cpu_ms = (app_after - app_before) * 1000 / measured.requests
        measured.db_cpu_ms = db_used * 1000 / measured.requests
    return measured


def parse_hey(output: str) -> Round:
    found = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if found is None:
        raise SystemExit(f"hey printed no summary:\n{output}")
    p50 = re.search(r"50%+ in ([\d.]+) secs", output)
    # hey leaves out a percentile it has fewer than 100 samples for: then the slowest request.
    p99 = re.search(r"99%+ in ([\d.]+) secs", output) or re.search(
        r"Slowest:\s+([\d.]+) secs", output
    )
    statuses = {int(code): int(n) for code, n in re.findall(r"\[(\d+)\]\s+(\d+) responses", output)}
    errors = sum(n for code, n in statuses.items() if code != 200)
    errors += sum(int(n) for n in re.findall(r"\[(\d+)\]\s+Get ", output))
    return Round(
        rps=float(found.group(1)),
        p50_ms=float(p50.group(1)) * 1000 if p50 else float("nan"),
        p99_ms=float(p99.group(1)) * 1000 if p99 else float("nan"),
        requests=sum(statuses.values()),
        errors=errors,
    )


def measure(
    deployment: Deployment, args: argparse.Namespace, results: Results, binary: str
) -> None:
    name = deployment.project.name
    endpoints = deployment.project.endpoints
    if args.rounds == 0:
        return
    for endpoint in endpoints:  # warm-up, not recorded
        deployment.set_cache(endpoint)
        for side in ("generated", "baseline"):
            hey(binary, deployment.url(side, endpoint), args.warmup)
    for number in range(1, args.rounds + 1):
        print(f"  round {number}/{args.rounds} (load {load()})")
        for endpoint in endpoints:
            deployment.set_cache(endpoint)
            line = []
            for side in ("generated", "baseline"):
                url, pid = deployment.url(side, endpoint), deployment.pid(side, endpoint)
                measured = hey_with_cpu(binary, url, args.duration, pid, deployment.database)
                results.add((name, endpoint.title, side), measured)
                flag = f" ERRORS {measured.errors}" if measured.errors else ""
                line.append(
                    f"{side} {measured.rps:5.0f} req/s p99 {measured.p99_ms:6.1f} ms "
                    f"CPU {measured.cpu_ms:4.1f}+{measured.db_cpu_ms:3.1f} ms{flag}"
                )
            print(f"    {endpoint.title:31} " + " | ".join(line))


def count_round_trips(deployment: Deployment, results: Results) -> None:
    """SQL statements and database and Redis round trips per request, counted in process."""
    project = deployment.project
    requests = [{"label": label, "path": path} for label, path in project.counted]
    generated_requests, baseline_requests = list(requests), list(requests)
    if project.cached_table:
        path = f"/api/v1/{project.cached_table}/{project.cached_id}"
        for mode, title in (("warm", "by id, cached"), ("miss", "by id, uncached")):
            label = f"{project.cached_table[:-1]} {title}"
            commands = deployment.cache_commands(mode)
            generated_requests.append(
                {"label": label, "path": path, "before": {"url": REDIS, "commands": commands}}
            )
            state = {"cache_miss": mode == "miss"}
            baseline_requests.append({"label": label, "path": path, "state": state})
    sides = (
        ("generated", ["--project", str(deployment.dir)], generated_requests, deployment.env),
        (
            "baseline",
            ["--baseline", project.baseline],
            baseline_requests,
            deployment.baseline_env(),
        ),
    )
    for side, side_args, side_requests, env in sides:
        output = deployment.logs / f"{project.name}-{side}-round-trips.json"
        deployment.helper(
            "inproc",
            *side_args,
            "--requests",
            json.dumps(side_requests),
            "--output",
            str(output),
            env=clean_env(env),
        )
        results.counts[f"{project.name}/{side}"] = json.loads(output.read_text(encoding="utf-8"))


GREENLET_ROOT = "<greenlet>"
"""Marks the samples taken inside SQLAlchemy's greenlet: their stacks start there."""

PROFILE_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("uvicorn, httptools (HTTP server)", ("/uvicorn/", "/httptools/")),
    ("generated: middlewares (own code)", ("/app/core/middlewares/",)),
    ("generated: app code (routes, services, data managers, security, cache)", ("/app/",)),
    ("baseline: app code", ("/baseline_",)),
    ("fastapi (routing, dependencies, serialization)", ("/fastapi/",)),
    ("starlette (routing, middleware plumbing)", ("/starlette/",)),
    ("pydantic", ("/pydantic/", "/pydantic_core/")),
    ("SQLAlchemy ORM", ("/sqlalchemy/orm/",)),
    ("SQLAlchemy Core, engine, pool, asyncpg dialect", ("/sqlalchemy/",)),
    ("asyncpg", ("/asyncpg/",)),
    ("logging (structlog, logging)", ("/structlog/", "/logging/")),
    ("metrics (prometheus_client)", ("/prometheus_client/",)),
    ("redis client", ("/redis/",)),
    ("event loop (asyncio, uvloop)", ("/asyncio/", "/uvloop/")),
    ("other (stdlib, typing, uuid, json…)", ("",)),
)
"""Own time: a sample counts for the library of its innermost frame."""

PROFILE_MARKERS: tuple[tuple[str, str], ...] = (
    ("FastAPI: solving dependencies (incl. their own code)", r"^solve_dependencies \(.*/fastapi/"),
    ("FastAPI: response validation and JSON", r"^serialize_response \(.*/fastapi/"),
    ("Pydantic model_validate (ORM object -> schema)", r"^\w+\.model_validate \(.*/pydantic/"),
    ("SQLAlchemy greenlet: compile, execute, ORM loading", GREENLET_ROOT),
    ("ORM: selectin load of to-many relations", r"^\w+\._load_for_path \(.*/sqlalchemy/orm/"),
    (
        "asyncpg: prepared statements (bind, execute, rows)",
        r"^PreparedStatement\.\w+ \(.*/asyncpg/",
    ),
    ("asyncpg: BEGIN, COMMIT, ROLLBACK", r"^Transaction\.\w+ \(.*/asyncpg/"),
    ("pool pre-ping (BEGIN, ping, ROLLBACK)", r"^\w+\._async_ping \(.*/sqlalchemy/"),
    ("request log line (structlog, logging)", r"\(.*/(structlog|logging)/"),
    ("metrics middleware (prometheus_client)", r"\(.*/prometheus_client/"),
    ("generated entity cache (Redis read-through)", r"\(.*/app/core/integrations/cache/"),
    ("Redis client", r"\(.*/redis/"),
)
"""Inclusive time: a sample counts for a marker if any of its frames matches."""


def py_spy_binary(root: Path) -> str:
    """py-spy from PyPI, in a virtual environment of its own."""
    tools = root / "tools"
    binary = tools / "bin" / "py-spy"
    if not binary.exists():
        run([uv_binary(), "venv", "--quiet", str(tools)], env=clean_env({}))
        python = str(tools / "bin" / "python")
        run([uv_binary(), "pip", "install", "--quiet", "--python", python, "py-spy>=0.4"])
    return str(binary)


def profile(
    deployment: Deployment, args: argparse.Namespace, results: Results, binary: str, spy: str
) -> None:
    """Samples each server with py-spy while hey loads it: where one request's CPU goes."""
    seconds = args.profile_seconds
    for endpoint in deployment.project.endpoints:
        if not endpoint.profile:
            continue
        deployment.set_cache(endpoint)
        for side in ("generated", "baseline"):
            url = deployment.url(side, endpoint)
            command = [binary, "-z", f"{seconds + 2}s", "-c", str(CONCURRENCY), "-cpus", "1", url]
            loader = subprocess.Popen(command, env=clean_env({}), stdout=subprocess.PIPE, text=True)
            raw = deployment.logs / f"{deployment.project.name}-{side}-{len(results.profiles)}.txt"
            pid = deployment.pid(side, endpoint)
            try:
                time.sleep(1)
                options = ["--duration", str(seconds), "--rate", "200", "--format", "raw", "--gil"]
                cpu_before, started = process_cpu(pid), time.perf_counter()
                run(
                    [spy, "record", "--pid", str(pid), *options, "--full-filenames", "-o", str(raw)]
                )
                cpu, elapsed = process_cpu(pid) - cpu_before, time.perf_counter() - started
            finally:
                output, _ = loader.communicate(timeout=seconds + 60)
            measured = parse_hey(output)
            requests = measured.rps * seconds
            results.profiles[f"{deployment.project.name}: {endpoint.title}|{side}"] = {
                "rps": measured.rps,
                "process_cpu_ms": cpu * 1000 / (measured.rps * elapsed),
                **summarize_samples(raw, rate=200, requests=requests),
            }


def summarize_samples(raw: Path, *, rate: int, requests: float) -> dict[str, Any]:
    """Milliseconds of CPU per request: own time by library and inclusive markers."""
    groups: dict[str, float] = {}
    markers: dict[str, float] = {}
    functions: dict[str, float] = {}
    total = 0
    patterns = [(title, re.compile(pattern)) for title, pattern in PROFILE_MARKERS]
    for line in raw.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = stack.split(";")
        total += count
        leaf = frames[-1]
        group = next(name for name, needles in PROFILE_GROUPS if any(n in leaf for n in needles))
        groups[group] = groups.get(group, 0) + count
        functions[leaf] = functions.get(leaf, 0) + count
        for title, pattern in patterns:
            if pattern.pattern == GREENLET_ROOT:
                matched = "runpy" not in frames[0]
            else:
                matched = any(pattern.search(frame) for frame in frames)
            if matched:
                markers[title] = markers.get(title, 0) + count
    scale = 1000 / rate / requests if requests else 0.0
    top = sorted(functions.items(), key=lambda item: -item[1])[:12]
    return {
        "cpu_ms": total * scale,
        "groups_ms": {name: count * scale for name, count in groups.items()},
        "markers_ms": {name: count * scale for name, count in markers.items()},
        "top_ms": [(short_frame(name), count * scale) for name, count in top],
    }


def short_frame(frame: str) -> str:
    for marker in ("site-packages/", "/runtime/"):
        if marker in frame:
            head, _, tail = frame.partition("(")
            return f"{head}({tail.split(marker, 1)[1]}"
    return re.sub(r"\(/.*?/(app/)", r"(\1", frame)


def serve(deployment: Deployment) -> None:
    """Leaves both servers running for manual profiling until Enter (or Ctrl-C)."""
    for side, port in deployment.ports.items():
        pid = deployment.processes[side].pid
        print(f"  {side}: http://127.0.0.1:{port} (pid {pid})")
    print(f"  database {deployment.database_url}; logs in {deployment.logs}")
    input("  press Enter to stop and clean up… ")


# --- report ----------------------------------------------------------------------------------


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def medians(rounds: list[Round]) -> list[float]:
    """Medians of req/s, p50, p99, app CPU and database CPU per request."""
    fields = ("rps", "p50_ms", "p99_ms", "cpu_ms", "db_cpu_ms")
    return [median([getattr(r, f) for r in rounds]) for f in fields]


def print_table(results: Results) -> None:
    titles = list(dict.fromkeys((name, title) for name, title, _ in results.rounds))
    if not titles:
        return
    print("\n## req/s, p50, p99 (medians of the rounds; ratio = generated / baseline)\n")
    print(
        "| endpoint | generated req/s | p50 ms | p99 ms | baseline req/s | p50 ms | p99 ms "
        "| req/s ratio | p99 ratio | goal ≥0.9x, ≤1.2x |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    met_rps = met_p99 = 0
    cpu_rows = []
    for name, title in titles:
        gen = results.rounds[(name, title, "generated")]
        base = results.rounds[(name, title, "baseline")]

        g, b = medians(gen), medians(base)
        rps_ratio, p99_ratio = g[0] / b[0], g[2] / b[2]
        met_rps += rps_ratio >= GOAL_RPS
        met_p99 += p99_ratio <= GOAL_P99
        verdict = "met" if rps_ratio >= GOAL_RPS and p99_ratio <= GOAL_P99 else "missed"
        if sum(r.errors for r in gen + base):
            verdict += " (non-200 responses!)"
        print(
            f"| {name}: {title} | {g[0]:.0f} | {g[1]:.1f} | {g[2]:.1f} | {b[0]:.0f} | "
            f"{b[1]:.1f} | {b[2]:.1f} | {rps_ratio:.2f}x | {p99_ratio:.2f}x | {verdict} |"
        )
        cpu_rows.append((f"{name}: {title}", g[3], b[3], g[4], b[4]))
    print(
        f"\nverdict: req/s >= {GOAL_RPS}x the baseline on {met_rps}/{len(titles)} endpoints, "
        f"p99 <= {GOAL_P99}x on {met_p99}/{len(titles)}"
    )
    print("\n## CPU per request under load (medians; /proc of the server and its DB backends)\n")
    print(
        "| endpoint | app generated ms | app baseline ms | ratio | PostgreSQL generated ms "
        "| PostgreSQL baseline ms |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for title, g_app, b_app, g_db, b_db in cpu_rows:
        print(
            f"| {title} | {g_app:.2f} | {b_app:.2f} | {g_app / b_app:.2f}x | {g_db:.2f} | "
            f"{b_db:.2f} |"
        )


TRIP_KEYS = ("statements", "prepare", "begin", "commit", "rollback", "pre-ping")


def describe_trips(counts: dict[str, float]) -> str:
    total = sum(counts.get(key, 0) for key in TRIP_KEYS)
    parts = [f"{counts[key]:g} {key}" for key in TRIP_KEYS[1:] if counts.get(key)]
    redis = f"; Redis {counts['redis']:g}" if counts.get("redis") else ""
    detail = f" ({', '.join(parts)})" if parts else ""
    return f"{counts.get('statements', 0):g} SQL; {total:g} DB round trips{detail}{redis}"


def print_counts(results: Results) -> None:
    print("\n## SQL statements and round trips per request (in process, after warm-up)\n")
    print("| request | generated | baseline |")
    print("| --- | --- | --- |")
    for project in PROJECTS:
        generated = results.counts.get(f"{project.name}/generated")
        baseline = results.counts.get(f"{project.name}/baseline")
        if not generated or not baseline:
            continue
        for label, counted in generated.items():
            other = baseline.get(label)
            shown = describe_trips(other["counts"]) if other else "-"
            print(f"| {project.name}: {label} | {describe_trips(counted['counts'])} | {shown} |")
    print("\nStatements of the generated apps (one request each):")
    for project in PROJECTS:
        for label, counted in results.counts.get(f"{project.name}/generated", {}).items():
            if label.endswith("=100"):
                continue
            print(f"  {project.name}: {label}")
            for statement in counted["statements"]:
                print(f"    {statement[:150]}{'…' if len(statement) > 150 else ''}")


def print_profiles(results: Results) -> None:
    keys = list(dict.fromkeys(key.rsplit("|", 1)[0] for key in results.profiles))
    for key in keys:
        generated = results.profiles[f"{key}|generated"]
        baseline = results.profiles.get(f"{key}|baseline")
        if baseline is None:
            continue
        print(f"\n## Where the time goes: {key} (py-spy under load, ms of CPU per request)\n")
        print(
            f"req/s while sampled: generated {generated['rps']:.0f}, "
            f"baseline {baseline['rps']:.0f}; sampled busy time (GIL held) per request: "
            f"generated {generated['cpu_ms']:.2f} ms, baseline {baseline['cpu_ms']:.2f} ms; "
            f"process CPU per request (/proc): generated {generated['process_cpu_ms']:.2f} ms, "
            f"baseline {baseline['process_cpu_ms']:.2f} ms\n"
        )
        print("| own time in | generated ms | baseline ms |")
        print("| --- | ---: | ---: |")
        names = sorted(
            set(generated["groups_ms"]) | set(baseline["groups_ms"]),
            key=lambda name: -generated["groups_ms"].get(name, 0.0),
        )
        for name in names:
            g, b = generated["groups_ms"].get(name, 0.0), baseline["groups_ms"].get(name, 0.0)
            print(f"| {name} | {g:.2f} | {b:.2f} |")
        print("\n| inclusive (a frame of the stack matches) | generated ms | baseline ms |")
        print("| --- | ---: | ---: |")
        for title, _ in PROFILE_MARKERS:
            g = generated["markers_ms"].get(title, 0.0)
            b = baseline["markers_ms"].get(title, 0.0)
            if g or b:
                print(f"| {title} | {g:.2f} | {b:.2f} |")
        print("\nTop own time, generated:")
        for function, ms in generated["top_ms"]:
            print(f"  {ms:6.3f} ms  {function}")


# --- main ------------------------------------------------------------------------------------


@contextmanager
def interruptible() -> Iterator[None]:
    """SIGTERM unwinds like Ctrl-C, so every cleanup runs."""

    def terminate(signum: int, _: object) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per round (5)")
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="rounds per side and endpoint (3); 0: checks, counts, profile",
    )
    parser.add_argument("--warmup", type=float, default=1.0, help="untimed seconds per side (1)")
    parser.add_argument("--only", choices=[p.name for p in PROJECTS], help="one project only")
    parser.add_argument("--no-profile", dest="profile", action="store_false", help="skip py-spy")
    parser.add_argument("--profile-seconds", type=int, default=5, help="py-spy sampling (5)")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects")
    parser.add_argument(
        "--serve", action="store_true", help="start the servers, print their URLs, wait for Enter"
    )
    args = parser.parse_args()

    print(f"load at start: {load()}")
    binary = ensure_hey()
    tag = f"{os.getpid()}"
    results = Results()
    started = time.perf_counter()
    root = Path(tempfile.mkdtemp(prefix="fastgen-runtime-"))
    with interruptible(), ExitStack() as outer:
        if not args.keep:
            outer.callback(shutil.rmtree, root, ignore_errors=True)
        else:
            print(f"projects kept in {root}")
        for project in PROJECTS:
            if args.only and project.name != args.only:
                continue
            print(f"\n# {project.name} ({project.spec.relative_to(REPO)})")
            with ExitStack() as stack:
                deployment = Deployment(project, root, stack, tag)
                deployment.build()
                deployment.start()
                check_bodies(deployment)
                if args.serve:
                    serve(deployment)
                    continue
                measure(deployment, args, results, binary)
                count_round_trips(deployment, results)
                if args.profile:
                    profile(deployment, args, results, binary, py_spy_binary(root))
    if args.serve:
        return
    print_table(results)
    print_counts(results)
    print_profiles(results)
    print(f"\nload at end: {load()}; wall time {time.perf_counter() - started:.0f} s")
    print(
        f"hey: -z {args.duration:g}s -c {CONCURRENCY} -cpus 1, {args.rounds} rounds per side, "
        f"alternating generated/baseline; one uvicorn worker each"
    )


if __name__ == "__main__":
    main()
