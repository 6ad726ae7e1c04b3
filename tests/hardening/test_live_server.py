"""The corpus over real HTTP: gunicorn with DEBUG off (production settings, except HTTPS
redirection, since the test speaks plain HTTP on the loopback) serving the test database. Each
hostile value goes through a few forms and API writes, raw bodies and headers go as bytes on a
socket (gunicorn refuses some before Django sees them: that is fine, a 500 is not)."""

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.test import Client

from partners.models import ApiScope
from partners.services import api_key_issue
from tests.conftest import BASE_DIR, TEST_CACHE_URL, _database_url
from tests.hardening.conftest import World
from tests.hardening.corpus import HOSTILE_VALUES, deep_json, oversized_body
from tests.hardening.htmlforms import HtmlForm, forms_of, urlencode_raw

CSRF = "a" * 32  # an unmasked CSRF secret: Django accepts it as cookie and token alike
MAX_SECONDS = 240


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LiveServer:
    def __init__(self, port: int) -> None:
        self.port = port

    def request(
        self,
        method: str,
        path: str,
        body: bytes = b"",
        headers: dict[str, str | bytes] | None = None,
    ) -> tuple[int, bytes]:
        """Raw HTTP/1.1 on a socket (http.client refuses NUL in headers; an attacker does not)."""
        lines = [f"{method} {path} HTTP/1.1".encode(), b"Host: 127.0.0.1", b"Connection: close"]
        for name, value in {**(headers or {}), "Content-Length": str(len(body))}.items():
            lines.append(
                name.encode() + b": " + (value if isinstance(value, bytes) else value.encode())
            )
        with socket.create_connection(("127.0.0.1", self.port), timeout=60) as sock:
            # Answered (413, 400) before reading the whole body: the answer is still there.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                sock.sendall(b"\r\n".join(lines) + b"\r\n\r\n" + body)
            chunks = []
            with contextlib.suppress(ConnectionResetError):
                while chunk := sock.recv(65536):
                    chunks.append(chunk)
        raw = b"".join(chunks)
        head, _sep, content = raw.partition(b"\r\n\r\n")
        return int(head.split(b" ", 2)[1]), content


@pytest.fixture(scope="session")
def static_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """DEBUG off serves hashed static files from a manifest: collect them once per run."""
    root = tmp_path_factory.mktemp("static")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env={
            **os.environ,
            "DEBUG": "0",
            "SECRET_KEY": settings.SECRET_KEY,
            "STATIC_ROOT": str(root),
        },
        check=True,
        timeout=180,
    )
    return root


@pytest.fixture
def gunicorn(transactional_db: None, static_root: Path, tmp_path: Path) -> Iterator[LiveServer]:
    port, queue = _free_port(), f"test-gunicorn-{uuid.uuid4().hex[:10]}"
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "0",
        "SECRET_KEY": settings.SECRET_KEY,  # the sessions this test signs in with
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": TEST_CACHE_URL,
        "CELERY_QUEUE": queue,
        "STATIC_ROOT": str(static_root),
        "EMAIL_URL": "consolemail://",
        "PARTNERS_API_RATE": "100000/minute",
        "PARTNERS_API_ANON_RATE": "100000/minute",
    }
    log = (tmp_path / "gunicorn.log").open("w+")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "network.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--timeout",
            "120",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server = LiveServer(port)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if server.request("GET", "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise RuntimeError("gunicorn did not start:\n" + log.read())
            time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        redis.Redis.from_url(settings.CELERY_BROKER_URL).delete(queue)


def _session(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _form(server: LiveServer, cookie: str, path: str, action: str) -> HtmlForm:
    status, content = server.request("GET", path, headers={"Cookie": cookie})
    assert status == 200, (path, status)
    [form] = [f for f in forms_of(content.decode(), f"http://127.0.0.1{path}") if f.path == action]
    return form


def _text_fields(form: HtmlForm) -> list[str]:
    return [n for n in form.text_kinds if n != "csrfmiddlewaretoken" and "-1-" not in n]


# Long but flat: one server start (the slow part) serves every family of cases in turn.
def test_the_hostile_corpus_over_real_http_never_gets_a_server_error(gunicorn, world: World):
    started = time.monotonic()
    users = world.users
    csrf = f"csrftoken={CSRF}"
    expert = f"{settings.SESSION_COOKIE_NAME}={_session(users['expert_owner'])}; {csrf}"
    liaison = f"{settings.SESSION_COOKIE_NAME}={_session(users['liaison'])}; {csrf}"
    key = api_key_issue(
        by=users["institution_admin"],
        institution=users["liaison"].memberships.get().institution,
        name="Contrato",
        scopes=list(ApiScope.values),
    ).plaintext
    forms = [
        (csrf, _form(gunicorn, csrf, "/accounts/login/", "/accounts/login/")),
        (expert, _form(gunicorn, expert, "/perfil/editar/que-sabes/", "/perfil/editar/que-sabes/")),
        (liaison, _form(gunicorn, liaison, "/proyectos/nuevo/", "/proyectos/nuevo/")),
        (expert, _form(gunicorn, expert, "/directorio/", "/directorio/")),
    ]
    form_headers = {"Content-Type": "application/x-www-form-urlencoded", "X-CSRFToken": CSRF}
    api = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    project = {
        "title": "Un proyecto",
        "summary": "Resumen",
        "description": "Descripción",
        "collaboration_type": "consulting",
        "modality": "remote",
        "state": "16",
        "required_skills": ["agronomy"],
        "languages": ["es"],
        "hours_per_month": 8,
        "duration_months": 3,
        "compensation": ["pro_bono"],
        "experts_sought": 1,
    }
    failures = []

    def check(label: str, status: int) -> None:
        if status >= 500:
            failures.append(f"{label} -> {status}")

    for hostile in HOSTILE_VALUES:
        for cookie, form in forms:
            fields = _text_fields(form)
            pairs = [(n, v) for n, v in form.submitted() if n not in fields]
            pairs += [(n, hostile.text) for n in fields] + [("csrfmiddlewaretoken", CSRF)]
            query = urlencode_raw(pairs)
            if form.method == "get":
                status, _ = gunicorn.request(
                    "GET", f"{form.path}?{query}", headers={"Cookie": cookie}
                )
            else:
                status, _ = gunicorn.request(
                    "POST", form.path, query.encode(), {**form_headers, "Cookie": cookie}
                )
            check(f"{form.method} {form.path} [{hostile.name}]", status)
        body = {
            **project,
            **{k: hostile.json for k in ("title", "summary", "municipality")},
            "required_skills": ["agronomy", hostile.json],
            "hours_per_month": hostile.json,
        }
        payload = json.dumps(body).encode()
        check(
            f"POST api project [{hostile.name}]",
            gunicorn.request("POST", "/api/v1/institution/projects/", payload, api)[0],
        )
        token = urlencode_raw([("t", hostile.text)])[2:]
        check(
            f"GET membership token [{hostile.name}]",
            gunicorn.request("GET", f"/instituciones/unirse/{token}/", headers={"Cookie": expert})[
                0
            ],
        )
    raw_cases = [
        ("deep-nesting", deep_json()),
        ("oversized", oversized_body(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)),
        ("invalid-utf8", b'{"title": "\xff\xfe"}'),
        ("truncated", b'{"title": '),
    ]
    for label, body in raw_cases:
        check(
            f"POST api raw [{label}]",
            gunicorn.request("POST", "/api/v1/institution/projects/", body, api)[0],
        )
    for header in (b"Bearer pnt_a\x00b00000_x", b"Bearer \xff\xfe", "Bearer " + "x" * 8000):
        check(
            f"GET api header [{header[:20]!r}]",
            gunicorn.request("GET", "/api/v1/projects/", headers={"Authorization": header})[0],
        )
    session = settings.SESSION_COOKIE_NAME.encode()
    for cookie in (session + b"=abcdefgh\x00x", session + b"=abcdefgh\xff\xfe", b"csrftoken=\x00"):
        check(
            f"GET cookie [{cookie!r}]",
            gunicorn.request("GET", "/perfil/", headers={"Cookie": cookie})[0],
        )
    check(
        "GET path %00",
        gunicorn.request("GET", "/instituciones/unirse/%00/", headers={"Cookie": expert})[0],
    )

    assert failures == []
    assert time.monotonic() - started < MAX_SECONDS
