"""The observatory in real Chromium: charts and maps at desktop and phone widths, in Spanish and
English, with no console error, nothing fetched from outside 127.0.0.1, and no serious or
critical accessibility violation (axe-core) on the observatory and the home page."""

import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from observatory import services
from tests.factories.observatory import experts_in
from tests.factories.projects import PublishedProjectFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def serious_violations(page: Page) -> list[str]:
    # Evaluated through the DevTools protocol, so the page's CSP does not apply to axe itself.
    page.evaluate(AXE + "\n;0")
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: {v['nodes'][0]['target']})"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def check_page(page: Page, url: str, heading: str | None = None) -> None:
    page.goto(url)
    expect(page.get_by_role("heading", level=1, name=heading).first).to_be_visible()
    assert serious_violations(page) == []


def test_the_observatory_renders_its_charts_and_maps_accessibly_from_this_machine_alone(
    page: Page, live_server
) -> None:
    experts_in("US", 8, onboarded_at=timezone.now() - datetime.timedelta(days=3))
    experts_in("ES", 2, onboarded_at=timezone.now() - datetime.timedelta(days=3))
    PublishedProjectFactory.create_batch(3)
    services.snapshot_compute(
        period=timezone.now().date().replace(day=1), now=timezone.now() + datetime.timedelta(days=1)
    )
    errors: list[str] = []
    requested: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda request: requested.append(request.url))
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)

    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        check_page(page, live_server.url + "/observatorio/", "Observatorio de la red")
        expect(page.get_by_test_id("map")).to_have_count(3)
        expect(page.get_by_test_id("chart")).to_have_count(7)
        assert page.get_by_test_id("map").first.bounding_box()["width"] > 300
        shapes = page.locator("svg[data-testid=map] use")
        assert shapes.count() > 200
        # Drawn from the static sprites: a shape not found there would have no size.
        drawn = shapes.evaluate_all("all => all.filter(s => s.getBBox().width > 0).length")
        assert drawn == shapes.count()
        check_page(page, live_server.url + "/")

    page.goto(live_server.url + "/observatorio/")
    page.select_option("#language-select", "en")
    page.get_by_test_id("switch-language").click()
    check_page(page, live_server.url + "/observatorio/", "Network observatory")
    expect(page.get_by_role("heading", name="People by country of residence")).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    check_page(page, live_server.url + "/observatorio/", "Network observatory")
    check_page(page, live_server.url + "/")

    # Every load succeeds, the icon Chromium asks every site for included (it was a 404).
    assert failed == []
    assert errors == []
    network = [u for u in requested if urlsplit(u).scheme in ("http", "https")]
    assert [u for u in network if urlsplit(u).hostname not in LOCAL_HOSTS] == []
