"""A real HTTP receiver on 127.0.0.1 for webhook tests, and the settings that allow it."""

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from network.celery import app as celery_app
from partners import events


@dataclass
class ReceivedRequest:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> dict:
        return json.loads(self.body)


@dataclass
class Receiver:
    """Answers each POST with the next status of `statuses` (the last one repeats)."""

    server: ThreadingHTTPServer
    statuses: list[int] = field(default_factory=lambda: [200])
    delay: float = 0.0
    requests: list[ReceivedRequest] = field(default_factory=list)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/hooks/puentes"


def _handler(receiver_ref: list[Receiver]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            receiver = receiver_ref[0]
            length = int(self.headers.get("Content-Length", 0))
            body = self.rfile.read(length)
            receiver.requests.append(
                ReceivedRequest(path=self.path, headers=dict(self.headers.items()), body=body)
            )
            if receiver.delay:
                time.sleep(receiver.delay)
            index = min(len(receiver.requests) - 1, len(receiver.statuses) - 1)
            status = receiver.statuses[index]
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"ok" if status < 300 else b"receiver exploded")

        def log_message(self, *args: object) -> None:  # keep test output clean
            return

    return Handler


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    ref: list[Receiver] = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(ref))
    receiver = Receiver(server=server)
    ref.append(receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def allow_loopback(settings):
    """Tests may deliver to 127.0.0.1 over plain http; production settings refuse both."""
    settings.PARTNERS_WEBHOOK_ALLOW_LOOPBACK = True
    settings.PARTNERS_WEBHOOK_REQUIRE_HTTPS = False
    settings.PARTNERS_WEBHOOK_CONNECT_TIMEOUT = 2
    settings.PARTNERS_WEBHOOK_READ_TIMEOUT = 2
    return settings


@pytest.fixture
def eager_tasks() -> Iterator[None]:
    """Run Celery tasks in-process (retries too, without waiting) for fast service tests.
    One test (test_worker.py) goes through a real worker instead."""
    previous = celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates
    celery_app.conf.task_always_eager = True
    # Propagating would raise the Retry itself instead of running the retry eagerly.
    celery_app.conf.task_eager_propagates = False
    try:
        yield
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = previous


@pytest.fixture(autouse=True)
def _site_url(settings) -> None:
    settings.SITE_URL = "https://puentes.example.org"


@pytest.fixture
def webhook_disabled_heard() -> Iterator[list[int]]:
    """The subscription_id of every `webhook_disabled` event sent during the test."""
    heard: list[int] = []

    def hear(sender: object, subscription_id: int, **kwargs: object) -> None:
        heard.append(subscription_id)

    events.webhook_disabled.connect(hear, dispatch_uid="tests.webhook_disabled_heard")
    try:
        yield heard
    finally:
        events.webhook_disabled.disconnect(dispatch_uid="tests.webhook_disabled_heard")
