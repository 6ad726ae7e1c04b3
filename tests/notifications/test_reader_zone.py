"""Notice times in the reader's own time zone, named as event pages name it: a reader in Toronto
and one in Madrid each read their local time, not the site's (Mexico City)."""

import datetime

import pytest
from django.urls import reverse

from profiles.models import ExpertProfile
from tests.factories.notifications import EmailDeliveryFactory, NotificationFactory
from tests.notifications.conftest import html_of, render

pytestmark = pytest.mark.django_db

AT = datetime.datetime(2026, 11, 30, 15, 0, tzinfo=datetime.UTC)


def _notice_for(profile: ExpertProfile) -> None:
    NotificationFactory.create(
        recipient=profile.user,
        kind="project_approved",
        key="test:zone",
        payload={"project_title": "Proyecto", "institution_name": "ITM", "url": "/proyectos/1/"},
        created_at=AT,
    )


@pytest.mark.parametrize(
    ("zone", "local"),
    [("America/Toronto", "10:00"), ("Europe/Madrid", "16:00")],
)
def test_the_notice_list_shows_times_in_the_readers_zone_and_names_it(client, expert, zone, local):
    expert.timezone = zone
    expert.save(update_fields=["timezone"])
    _notice_for(expert)
    client.force_login(expert.user)

    html = client.get(reverse("notifications:list")).content.decode()

    assert f"30 Nov 2026, {local}" in html
    assert "30 Nov 2026, 09:00" not in html  # Mexico City, the site's zone
    assert f"({zone})" in html


def test_a_reader_without_an_expert_profile_reads_the_sites_zone(client, liaison):
    NotificationFactory.create(
        recipient=liaison,
        kind="project_approved",
        key="test:zone",
        payload={"project_title": "P", "institution_name": "ITM", "url": "/proyectos/1/"},
        created_at=AT,
    )
    client.force_login(liaison)

    html = client.get(reverse("notifications:list")).content.decode()

    assert "30 Nov 2026, 09:00" in html
    assert "(America/Mexico_City)" in html


@pytest.mark.parametrize(
    ("kind", "key"),
    [
        ("event_reminder", "starts_at"),
        ("event_seat_promoted", "starts_at"),
        ("enquiry_overdue", "due_at"),
    ],
)
@pytest.mark.parametrize("language", ["es", "en"])
def test_an_email_that_prints_a_time_names_the_readers_zone(other_expert, kind, key, language):
    delivery = EmailDeliveryFactory(
        kind=kind,
        recipient=other_expert.user,
        to_email=other_expert.user.email,
        payload={
            "event_title": "Cena anual",
            "event_title_en": "Annual dinner",
            "organisation": "Agave Azul",
            "url": "/eventos/1/",
            key: AT.isoformat(),
        },
    )

    message = render(delivery, language)

    for body in (message.body, html_of(message)):
        assert "16:00 (Europe/Madrid)" in body
