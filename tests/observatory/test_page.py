"""The public page and its downloads read the stored snapshot, in both languages."""

import csv
import datetime
import io
import json
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from observatory import charts, services
from tests.factories.observatory import experts_in
from tests.factories.projects import PublishedProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def snapshot():
    experts_in("US", 7)
    experts_in("ES", 5)
    experts_in("FR", 2)
    PublishedProjectFactory.create_batch(2)
    month = timezone.now().date().replace(day=1)
    return services.snapshot_compute(period=month, now=timezone.now() + datetime.timedelta(days=1))


def test_the_page_says_there_are_no_figures_yet_before_the_first_snapshot(client) -> None:
    response = client.get("/observatorio/")

    assert response.status_code == 200
    assert "Aún no hay cifras publicadas" in response.content.decode()


def test_anyone_sees_the_headline_figures_charts_and_maps(
    client, snapshot, django_assert_max_num_queries
) -> None:
    with django_assert_max_num_queries(12):
        response = client.get("/observatorio/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('data-testid="map"') == 3
    assert html.count('data-testid="chart"') == 7
    assert "<title>Estados Unidos: 7</title>" in html
    assert "Otros países o sin indicar" in html
    assert '>14</span> <span class="figure-label">personas expertas' in html


def test_the_maps_place_shapes_from_the_static_sprites_and_keep_the_page_light(
    client, snapshot
) -> None:
    html = client.get("/observatorio/").content.decode()

    hrefs = re.findall(r'<use class="map-[\w-]+" href="([^"#]+)#([\w-]+)"', html)
    sprites = {url: (charts.SPRITES / Path(url).name).read_text() for url, _ in hrefs}
    assert len(hrefs) > 200
    assert set(sprites) == {
        "/static/observatory/maps/world.svg",
        "/static/observatory/maps/mexico.svg",
    }
    assert all(f'<path id="{shape}" d="' in sprites[url] for url, shape in hrefs)
    assert len(html) < 60_000  # 260 KB with the shapes written in the page


def test_the_static_sprites_hold_the_shapes_of_maps_json() -> None:
    """They are built files: `manage.py observatory_build_maps` writes them beside maps.json."""
    for which, source in json.loads(charts.MAPS.read_text()).items():
        assert (charts.SPRITES / f"{which}.svg").read_text() == charts.sprite(which, source), which


def test_the_page_speaks_english_when_asked(client, snapshot) -> None:
    response = client.get("/observatorio/", headers={"accept-language": "en"})

    assert "<title>United States of America: 7</title>" in response.content.decode()


def test_a_csv_download_holds_exactly_the_rows_of_the_table(client, snapshot) -> None:
    response = client.get(reverse("observatory:download", args=["experts_by_country", "csv"]))

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        ["key", "label", "shown", "value"],
        ["ES", "España", "oculta", ""],
        ["US", "Estados Unidos", "7", "7"],
        ["other", "Otros países o sin indicar", "<5", ""],
    ]


def test_a_json_download_marks_hidden_cells_without_their_number(client, snapshot) -> None:
    response = client.get(reverse("observatory:download", args=["experts_by_country", "json"]))

    body = json.loads(response.content)
    assert body["min_cell"] == 5
    assert body["rows"][2] == {
        "key": "other",
        "label": "Otros países o sin indicar",
        "value": None,
        "shown": "<5",
    }


def test_an_unknown_table_is_not_found(client, snapshot) -> None:
    assert client.get("/observatorio/datos/secret_table.csv").status_code == 404


def test_the_public_stats_api_answers_the_same_suppressed_rows_without_a_key(
    client, snapshot
) -> None:
    response = client.get("/api/v1/stats/")

    assert response.status_code == 200
    body = response.json()
    assert body["min_cell"] == 5
    assert body["headline"]["experts"] == {"value": 14, "hidden": None}
    assert body["tables"]["experts_by_country"] == {
        "title": "Personas expertas por país de residencia",
        "rows": [
            {
                "key": "ES",
                "label": "España",
                "value": None,
                "hidden": "secondary",
                "shown": "oculta",
            },
            {"key": "US", "label": "Estados Unidos", "value": 7, "hidden": None, "shown": "7"},
            {
                "key": "other",
                "label": "Otros países o sin indicar",
                "value": None,
                "hidden": "primary",
                "shown": "<5",
            },
        ],
        "total": {"value": 14, "hidden": None},
    }


def test_the_stats_api_is_throttled_per_address(client, snapshot, settings) -> None:
    settings.OBSERVATORY_STATS_RATE = "2/minute"
    statuses = [client.get("/api/v1/stats/").status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


def test_the_stats_api_is_in_the_openapi_schema(client) -> None:
    schema = client.get("/api/v1/schema/", headers={"accept": "application/json"})

    assert "/api/v1/stats/" in schema.json()["paths"]


def test_snapshots_and_reports_open_read_only_in_the_admin(admin_client, snapshot) -> None:
    assert admin_client.get("/admin/observatory/snapshot/").status_code == 200
    assert admin_client.get(f"/admin/observatory/snapshot/{snapshot.pk}/change/").status_code == 200
    assert admin_client.get("/admin/observatory/snapshot/add/").status_code == 403
    assert admin_client.get("/admin/observatory/funderreport/").status_code == 200
