"""ORCID answers that break while being read (cut short, or gzip that is not gzip) get the
same clear message as any other ORCID error, never a 500."""

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import Client
from django.urls import reverse

from profiles.models import ExpertProfile, User

pytestmark = pytest.mark.django_db
HYDROLOGIST = "0000-0002-1825-0097"


class BrokenHandler(BaseHTTPRequestHandler):
    how = "cut"

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/vnd.orcid+json")
        if BrokenHandler.how == "gzip":
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", "20")
            self.end_headers()
            self.wfile.write(b"esto no es gzip \x00\x01\x02\x03")
        else:
            self.send_header("Content-Length", "5000")
            self.end_headers()
            self.wfile.write(b'{"person": {')  # then the connection closes
        self.close_connection = True


@pytest.fixture
def broken_orcid(settings) -> Iterator[None]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), BrokenHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.PREFILL_ORCID_API_URL = f"http://127.0.0.1:{server.server_address[1]}/v3.0"
    yield
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("how", ["cut", "gzip"])
def test_an_orcid_answer_broken_mid_read_gets_a_clear_message(
    client: Client, expert_owner: User, expert: ExpertProfile, broken_orcid: None, how: str
) -> None:
    BrokenHandler.how = how
    client.force_login(expert_owner)
    response = client.post(reverse("prefill:orcid"), {"orcid": HYDROLOGIST})
    assert response.status_code == 400
    assert "ORCID respondió con un error. Inténtalo más tarde." in response.content.decode()
