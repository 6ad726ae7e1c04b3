import pytest
from django.test import override_settings
from django.urls import reverse

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
    heartbeat_record(name="worker", worker="w1@host")

    body = client.get(reverse("healthz")).json()

    assert body["worker_last_seen_seconds"] in (0, 1)


def test_healthz_refuses_post(client):
    assert client.post(reverse("healthz")).status_code == 405
