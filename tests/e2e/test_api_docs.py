"""The interactive API documentation renders in real Chromium from this server alone: Swagger
UI comes from drf-spectacular-sidecar's static files, never from a CDN."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def test_api_docs_render_without_any_request_leaving_the_machine(page: Page, live_server):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto(live_server.url + "/api/v1/docs/")

    expect(page.get_by_role("heading", name="Puentes API")).to_be_visible()
    expect(page.get_by_text("Proyectos publicados").first).to_be_visible()
    expect(page.get_by_text("/api/v1/projects/", exact=True).first).to_be_visible()
    expect(page.get_by_text("Cómo verificar la firma").first).to_be_visible()
    page.wait_for_load_state("networkidle")

    network = [url for url in requested if urlsplit(url).scheme in ("http", "https")]
    assert any(urlsplit(url).path == "/api/v1/schema/" for url in network)
    assert any("drf_spectacular_sidecar" in url for url in network)
    leaving = [url for url in network if urlsplit(url).hostname not in LOCAL_HOSTS]
    assert leaving == []
    assert {urlsplit(url).port for url in network} == {urlsplit(live_server.url).port}
