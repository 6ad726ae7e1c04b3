"""Orchestrates `make bench-web`: the bench database, gunicorn with DEBUG off, the page table."""

import json
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import redis
from django.conf import settings
from django.db import connection

from network.management.webbench.cpu import Meter, postmaster_pid
from network.management.webbench.load import Result, drive, get

TRIVIAL = "/__bench__/ok/"
LOCAL_HOSTS = {"", "localhost", "127.0.0.1", "::1"}
HEADER = (
    f"{'page':<31}{'req/s':>7}{'p50':>7}{'p95':>7}{'triv/s':>8}{'ratio':>7}"
    f"{'cpu ms':>8}{'app+db':>12}{'triv cpu':>9}{'idle share':>11}{'err':>5}"
)
LEGEND = (
    "req/s, p50/p95 (ms) and ratio: the load client's view, which on a shared machine measures "
    "the neighbours too.\ncpu ms: server CPU per request (gunicorn workers + PostgreSQL and "
    "Redis); idle share = trivial view's CPU / page's CPU, the ratio an idle machine would give."
)
NO_DATA = "\n(PostgreSQL is not on this machine: its CPU is not counted.)"
Log = Callable[[str], None]


def bench_database_url() -> str:
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_webbench"))


def ensure_database(url: str) -> None:
    name = urlsplit(url).path.lstrip("/")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')


def bench_env(url: str) -> dict[str, str]:
    """The server's environment: production-like (DEBUG off), its own database and cache keys,
    throttles out of the way (the bench is one client hammering the API)."""
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "network.management.webbench.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "CACHE_KEY_PREFIX": "webbench",
        "PARTNERS_API_RATE": "1000000/second",
        "PARTNERS_API_ANON_RATE": "1000000/second",
        "LOG_LEVEL": "WARNING",
        "STATIC_ROOT": str(Path(settings.BASE_DIR) / "var" / "webbench-static"),
    }


def manage(env: dict[str, str], *args: str) -> str:
    command = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), *args]
    done = subprocess.run(command, env=env, check=False, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def gunicorn(env: dict[str, str], port: int, workers: int) -> Iterator[int]:
    binary = Path(sys.executable).with_name("gunicorn")
    command = [str(binary), "network.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{port}"]
    server = subprocess.Popen([*command, "--log-level", "warning"], env=env)
    try:
        for _ in range(300):
            try:
                if get(port, TRIVIAL, {})[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not answer in 30 s")
        yield server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)


def targets(creds: dict[str, object]) -> list[tuple[str, str, dict[str, str]]]:
    liaison = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={creds['session']}"}
    api = {"Authorization": f"Bearer {creds['api_key']}", "Accept": "application/json"}
    project = creds["project"]
    return [
        ("home", "/", {}),
        ("project list", "/proyectos/", {}),
        ("project detail (anonymous)", f"/proyectos/{project}/", {}),
        ("chapter directory", "/capitulos/", {}),
        ("chapter page", f"/capitulos/{creds['chapter']}/", {}),
        ("event list", "/eventos/", {}),
        ("event page", f"/eventos/{creds['event']}/", {}),
        ("observatory", "/observatorio/", {}),
        ("project detail (liaison)", f"/proyectos/{project}/", liaison),
        ("suggestions (liaison)", f"/proyectos/{project}/sugerencias/", liaison),
        ("directory search (liaison)", "/directorio/?q=ingenieria", liaison),
        ("directory, no filter (liaison)", "/directorio/", liaison),
        ("/api/v1/projects/", "/api/v1/projects/", api),
        ("/api/v1/experts/", "/api/v1/experts/", api),
    ]


@dataclass
class Run:
    """One side of a comparison: the load client's result and the server CPU it cost."""

    result: Result = field(default_factory=lambda: Result(0, 0, 0.0, []))
    app_seconds: float = 0.0
    data_seconds: float = 0.0

    def add(self, meter: Meter, port: int, path: str, headers: dict[str, str], **load: Any) -> None:
        before = meter.read()
        self.result += drive(port, path, headers, **load)
        app, data = meter.spent(before, meter.read())
        self.app_seconds += app
        self.data_seconds += data

    def cpu_ms(self) -> tuple[float, float]:
        """Server CPU milliseconds per answered request: (gunicorn workers, PostgreSQL + Redis)."""
        answered = max(1, self.result.requests + self.result.errors)
        return self.app_seconds * 1000 / answered, self.data_seconds * 1000 / answered


def _row(name: str, page: Run, trivial: Run) -> str:
    ratio = page.result.per_second / trivial.result.per_second if trivial.result.requests else 0.0
    app, data = page.cpu_ms()
    trivial_cpu = sum(trivial.cpu_ms())
    share = trivial_cpu / (app + data) if app + data else 0.0
    return (
        f"{name:<31}{page.result.per_second:>7.1f}{page.result.median:>7.1f}"
        f"{page.result.percentile(95):>7.1f}{trivial.result.per_second:>8.1f}{ratio:>7.1%}"
        f"{app + data:>8.2f}{f'{app:.2f}+{data:.2f}':>12}{trivial_cpu:>9.2f}{share:>11.1%}"
        f"{page.result.errors:>5}"
    )


def _meter(server_pid: int) -> Meter:
    """The server's processes on this machine: gunicorn's workers, the database cluster the
    bench database lives in (found through our own backend) and Redis."""
    postmaster = None
    if connection.settings_dict.get("HOST", "") in LOCAL_HOSTS:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            postmaster = postmaster_pid(cursor.fetchone()[0])
    redis_pid = None
    if (urlsplit(settings.REDIS_URL).hostname or "") in LOCAL_HOSTS:
        redis_pid = int(redis.Redis.from_url(settings.REDIS_URL).info("server")["process_id"])
    return Meter(server_pid, postmaster, redis_pid)


def run(
    *,
    experts: int,
    projects: int,
    seconds: float,
    rounds: int,
    concurrency: int,
    workers: int,
    log: Log,
) -> None:
    url = bench_database_url()
    ensure_database(url)
    env = bench_env(url)
    log(f"database {urlsplit(url).path.lstrip('/')}: migrate, collectstatic, seed (cached)…")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    out = manage(env, "bench_web", "--prepare", f"--experts={experts}", f"--projects={projects}")
    creds = json.loads(out.strip().splitlines()[-1])
    port = free_port()
    with gunicorn(env, port, workers) as server_pid:
        meter = _meter(server_pid)
        log(
            f"gunicorn: {workers} sync workers, DEBUG off; {seconds:g} s per page and as much for "
            f"the trivial view, alternated in {rounds} rounds, at concurrency {concurrency}; "
            f"load {_load()} at start"
        )
        for name, path, headers in targets(creds):
            status, body = get(port, path, headers)
            if status != 200:
                raise RuntimeError(f"{name}: {path} answered {status}: {body[:200]!r}")
        log(LEGEND if meter.reads_data else LEGEND + NO_DATA)
        log(HEADER)
        load = {"seconds": seconds / rounds, "concurrency": concurrency}
        for name, path, headers in targets(creds):
            # Alternated in short rounds: on a shared machine the load drifts within seconds,
            # and each ratio compares the page with the trivial view under the same drift.
            trivial, page = Run(), Run()
            for _ in range(rounds):
                trivial.add(meter, port, TRIVIAL, {}, **load)
                page.add(meter, port, path, headers, **load)
            log(_row(name, page, trivial))
    log(f"load average at the end: {_load()}")


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())
