"""Programme health for staff: response times, SLA, acceptance by score, concentration."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from observatory.health import shares
from tests.factories.matching import MatchFactory
from tests.factories.projects import InvitationFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db


def test_shares_measure_how_concentrated_counts_are() -> None:
    assert shares([1] * 100) == {"top1": 0.01, "top10": 0.1, "gini": 0.0}
    assert shares([0] * 99 + [50]) == {"top1": 1.0, "top10": 1.0, "gini": 0.99}
    assert shares([]) == {"top1": 0.0, "top10": 0.0, "gini": 0.0}


def test_staff_see_response_times_acceptance_by_decile_and_waiting_institutions(
    client, staff
) -> None:
    long_ago = timezone.now() - datetime.timedelta(days=40)
    with time_machine.travel(long_ago):
        waiting = PublishedProjectFactory(institution__name="Instituto Sin Respuesta")
    project = PublishedProjectFactory()
    sent = timezone.now() - datetime.timedelta(days=3)
    accepted = InvitationFactory(
        project=project,
        created_at=sent,
        status="accepted",
        responded_at=sent + datetime.timedelta(hours=10),
    )
    MatchFactory(project=project, expert=accepted.expert, score=85)
    InvitationFactory(project=project, created_at=timezone.now() - datetime.timedelta(days=9))
    client.force_login(staff)

    response = client.get("/observatorio/equipo/salud/")

    page = response.context["page"]
    assert response.status_code == 200
    assert page["invitations"] == {
        "sent": 2,
        "answered": 1,
        "median_hours": 10.0,
        "p90_hours": 10.0,
        "sla_breaches": 1,
    }
    assert page["deciles"][8] == {"decile": "80–90", "answered": 1, "accepted": 1, "rate": 1.0}
    assert [row["institution__name"] for row in page["unanswered"]] == [waiting.institution.name]
    csv_text = client.get("/observatorio/equipo/salud/?format=csv").content.decode()
    assert "response,invitations,sla_breaches,1" in csv_text


def test_the_health_page_is_a_404_for_anyone_but_staff(client, stranger) -> None:
    assert client.get("/observatorio/equipo/salud/").status_code == 404
    client.force_login(stranger)
    assert client.get("/observatorio/equipo/salud/").status_code == 404


def test_a_backwards_period_is_a_form_error_not_a_500(client, staff) -> None:
    client.force_login(staff)
    response = client.get("/observatorio/equipo/salud/?start=2026-12-01&end=2026-01-01")

    assert response.status_code == 200
    assert "El periodo termina antes de empezar." in response.content.decode()
