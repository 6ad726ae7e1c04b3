"""ORCID answers that break while being read (cut short, gzip that is not gzip) or come in a
shape ORCID does not send get the same clear message as any other ORCID error, never a 500; a
NUL character in a record (which PostgreSQL cannot store) is dropped."""

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import Client
from django.urls import reverse

from profiles.models import ExpertProfile, User

pytestmark = pytest.mark.django_db
HYDROLOGIST = "0000-0002-1825-0097"
RECORDS = {
    "nul": b'{"person": {"name": {"given-names": {"value": "Ana\\u0000"},'
    b' "family-name": {"value": "Ruiz"}}}}',
    "put-code": b'{"activities-summary": {"works": {"group": [{"work-summary":'
    b' [{"put-code": "abc"}]}]}}}',
    "groups": b'{"activities-summary": {"employments": {"affiliation-group": 5}}}',
}


class BrokenHandler(BaseHTTPRequestHandler):
    how = "cut"

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if BrokenHandler.how in RECORDS:
            body = RECORDS[BrokenHandler.how]
            self.send_response(200 if "/record" in self.path else 404)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
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


@pytest.mark.parametrize("how", ["cut", "gzip", "put-code", "groups"])
def test_an_orcid_answer_broken_mid_read_gets_a_clear_message(
    client: Client, expert_owner: User, expert: ExpertProfile, broken_orcid: None, how: str
) -> None:
    BrokenHandler.how = how
    client.force_login(expert_owner)
    response = client.post(reverse("prefill:orcid"), {"orcid": HYDROLOGIST})
    assert response.status_code == 400
    assert "ORCID respondió con un error. Inténtalo más tarde." in response.content.decode()


def test_a_nul_character_in_an_orcid_record_is_dropped_so_accepting_it_is_not_a_500(
    client: Client, expert_owner: User, expert: ExpertProfile, broken_orcid: None
) -> None:
    BrokenHandler.how = "nul"
    client.force_login(expert_owner)
    response = client.post(reverse("prefill:orcid"), {"orcid": HYDROLOGIST})
    assert response.status_code == 302
    page = client.get(reverse("prefill:review", args=["orcid"]))
    labels = [choice[1] for choice in page.context["form"].fields["accepted"].choices]
    wanted = labels.index("Nombre: Ana Ruiz")
    response = client.post(reverse("prefill:review", args=["orcid"]), {"accepted": [wanted]})
    assert response.status_code == 302
    expert_owner.refresh_from_db()
    assert expert_owner.name == "Ana Ruiz"
