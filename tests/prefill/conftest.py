"""A local stand-in for the ORCID public API, serving recorded v3.0 records from
tests/fixtures/orcid/<iD>/ (record.json, works.json), and a fast embedder."""

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "orcid"
# An iD (valid checksum) the local server answers only after the client gave up.
SLOW_ORCID = "0000-0002-9999-8880"
NOT_FOUND = {
    "response-code": 404,
    "developer-message": "404 Not Found: The resource was not found.",
    "user-message": "The resource was not found.",
    "error-code": 9016,
    "more-info": "https://members.orcid.org/api/resources/troubleshooting",
}


def load_record(orcid: str) -> tuple[dict, dict[int, dict]]:
    """A recorded record and its works keyed by put-code, as orcid_fetch returns them."""
    record = json.loads((FIXTURES / orcid / "record.json").read_text())
    bulk = json.loads((FIXTURES / orcid / "works.json").read_text())
    return record, {item["work"]["put-code"]: item["work"] for item in bulk["bulk"]}


class OrcidHandler(BaseHTTPRequestHandler):
    requests_seen: list[tuple[str, str]] = []

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, payload: object) -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/vnd.orcid+json; qs=4;charset=UTF-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        OrcidHandler.requests_seen.append((self.path, self.headers.get("Accept", "")))
        parts = self.path.strip("/").split("/")  # v3.0, <iD>, record | works, <put-codes>
        if len(parts) < 3 or parts[0] != "v3.0":
            return self._send(404, NOT_FOUND)
        orcid = parts[1]
        if orcid == SLOW_ORCID:
            time.sleep(1.5)
            return self._send(404, NOT_FOUND)
        folder = FIXTURES / orcid
        if not folder.is_dir():
            return self._send(404, NOT_FOUND)
        if parts[2] == "record":
            return self._send(200, json.loads((folder / "record.json").read_text()))
        if parts[2] == "works" and len(parts) == 4:
            wanted = {int(code) for code in parts[3].split(",")}
            bulk = json.loads((folder / "works.json").read_text())["bulk"]
            return self._send(200, {"bulk": [w for w in bulk if w["work"]["put-code"] in wanted]})
        return self._send(404, NOT_FOUND)


@pytest.fixture
def orcid_api(settings) -> Iterator[list[tuple[str, str]]]:
    """Point the app at a local ORCID API; yields the (path, Accept) requests it received."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), OrcidHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.PREFILL_ORCID_API_URL = f"http://127.0.0.1:{server.server_address[1]}/v3.0"
    settings.PREFILL_ORCID_TIMEOUT = 0.5
    OrcidHandler.requests_seen = []
    yield OrcidHandler.requests_seen
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _fast_embedder(settings) -> None:
    settings.MATCHING_EMBEDDER = "hashing"
