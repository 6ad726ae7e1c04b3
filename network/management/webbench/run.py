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
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import connection

from network.management.webbench.load import Result, drive, get

TRIVIAL = "/__bench__/ok/"
HEADER = (
    f"{'page':<32}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'trivial/s':>11}{'ratio':>9}{'errors':>7}"
)
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
    return subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def gunicorn(env: dict[str, str], port: int, workers: int) -> Iterator[None]:
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
        yield
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
        ("project detail (liaison)", f"/proyectos/{project}/", liaison),
        ("suggestions (liaison)", f"/proyectos/{project}/sugerencias/", liaison),
        ("directory search (liaison)", "/directorio/?q=ingenieria", liaison),
        ("directory, no filter (liaison)", "/directorio/", liaison),
        ("/api/v1/projects/", "/api/v1/projects/", api),
        ("/api/v1/experts/", "/api/v1/experts/", api),
    ]


def _row(name: str, page: Result, trivial: Result) -> str:
    ratio = page.per_second / trivial.per_second if trivial.per_second else 0.0
    return (
        f"{name:<32}{page.per_second:>9.1f}{page.median:>9.1f}{page.percentile(95):>9.1f}"
        f"{trivial.per_second:>11.1f}{ratio:>9.1%}{page.errors:>7}"
    )


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
    with gunicorn(env, port, workers):
        log(
            f"gunicorn: {workers} sync workers, DEBUG off; {seconds:g} s per page and as much for "
            f"the trivial view, alternated in {rounds} rounds, at concurrency {concurrency}; "
            f"load {_load()} at start"
        )
        for name, path, headers in targets(creds):
            status, body = get(port, path, headers)
            if status != 200:
                raise RuntimeError(f"{name}: {path} answered {status}: {body[:200]!r}")
        log(HEADER)
        for name, path, headers in targets(creds):
            # Alternated in short rounds: on a shared machine the load drifts within seconds,
            # and each ratio compares the page with the trivial view under the same drift.
            trivial, page = Result(0, 0, 0.0, []), Result(0, 0, 0.0, [])
            for _ in range(rounds):
                step = seconds / rounds
                trivial += drive(port, TRIVIAL, {}, seconds=step, concurrency=concurrency)
                page += drive(port, path, headers, seconds=step, concurrency=concurrency)
            log(_row(name, page, trivial))
    log(f"load average at the end: {_load()}")


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())
