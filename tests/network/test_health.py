import datetime

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from network.services import heartbeat_record

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_broker_ok(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "broker": "ok",
        "worker_last_seen_seconds": None,
        "workers": {
            kind: {"last_seen_seconds": None, "status": "missing"}
            for kind in ("mail", "matching", "housekeeping")
        },
    }


def test_healthz_is_503_when_the_broker_is_unreachable(client):
    with override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0"):
        response = client.get(reverse("healthz"))

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["database"] == "ok"
    assert body["broker"].startswith("error: ")


def test_healthz_reports_the_last_worker_heartbeat(client):
    for kind in ("mail", "matching", "housekeeping"):  # one heartbeat per queue
        heartbeat_record(name=kind, worker="w1@host")

    body = client.get(reverse("healthz")).json()

    assert body["worker_last_seen_seconds"] in (0, 1)


def test_healthz_reports_each_queues_heartbeat_and_a_stale_one(client, settings):
    settings.HEALTH_WORKER_STALE_SECONDS = 120
    with time_machine.travel(timezone.now() - datetime.timedelta(seconds=167)):
        heartbeat_record(name="housekeeping", worker="housekeeping@host")
    heartbeat_record(name="mail", worker="mail@host")

    response = client.get(reverse("healthz"))

    assert response.status_code == 200  # a lagging worker does not take the web down
    workers = response.json()["workers"]
    assert workers["mail"]["status"] == "ok"
    assert workers["housekeeping"]["status"] == "stale"
    assert 166 <= workers["housekeeping"]["last_seen_seconds"] <= 168
    assert workers["matching"] == {"last_seen_seconds": None, "status": "missing"}
    assert response.json()["worker_last_seen_seconds"] is None


def test_healthz_refuses_post(client):
    assert client.post(reverse("healthz")).status_code == 405


def test_healthz_answers_a_probe_addressed_to_the_container_not_to_an_allowed_host(
    client, settings
):
    # docker-compose's health check (and a load balancer's) asks http://127.0.0.1:8000/healthz,
    # a host production's ALLOWED_HOSTS never lists: that was a 400, so `web` never got healthy.
    settings.ALLOWED_HOSTS = ["puentes.example.org"]
    probe = {"HTTP_HOST": "127.0.0.1:8000", "HTTP_X_FORWARDED_PROTO": "https"}

    response = client.get("/healthz", **probe)

    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert client.get("/", **probe).status_code == 400
    assert client.get("/healthz/x", **probe).status_code == 400
