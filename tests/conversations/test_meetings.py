"""A proposed meeting: a card in the thread and an `.ics` file a calendar imports."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from conversations.models import Message

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 30, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def client_of(liaison) -> Client:
    client = Client()
    client.force_login(liaison)
    return client


def _propose(client: Client, thread, **data):
    fields = {
        "date": "2026-12-03",
        "time": "09:30",
        "minutes": "60",
        "timezone_name": "America/Chicago",
        "place": "https://meet.example.org/abc-defg",
        "note": "Revisemos el plan <b>juntos</b>",
        **data,
    }
    return client.post(reverse("conversations:meeting_create", args=[thread.engagement_id]), fields)


@time_machine.travel(NOW, tick=False)
def test_a_proposed_meeting_shows_as_a_card_and_downloads_as_ics(client_of, thread, expert):
    response = _propose(client_of, thread)
    message = Message.objects.get()

    assert response.status_code == 302
    assert message.is_meeting
    assert message.meeting_starts_at == datetime.datetime(2026, 12, 3, 15, 30, tzinfo=datetime.UTC)
    expert_client = Client()
    expert_client.force_login(expert.user)
    page = expert_client.get(reverse("conversations:thread", args=[thread.engagement_id]))
    html = page.content.decode()
    assert 'data-testid="meeting"' in html
    assert "09:30" in html
    assert "America/Chicago" in html
    assert "Revisemos el plan &lt;b&gt;juntos&lt;/b&gt;" in html

    ics = expert_client.get(
        reverse("conversations:meeting_ics", args=[thread.engagement_id, message.pk])
    )
    assert ics["Content-Type"] == "text/calendar; charset=utf-8"
    assert ics["Content-Disposition"] == f'attachment; filename="reunion-{message.pk}.ics"'
    [event] = Calendar.from_ical(ics.content).walk("VEVENT")
    assert event.decoded("dtstart") == datetime.datetime(2026, 12, 3, 15, 30, tzinfo=datetime.UTC)
    assert event.decoded("dtend") - event.decoded("dtstart") == datetime.timedelta(hours=1)
    assert str(event["summary"]) == "Reunión: Cadena de frío del aguacate"
    assert str(event["location"]) == "https://meet.example.org/abc-defg"
    assert str(event["url"]) == "https://meet.example.org/abc-defg"
    assert str(event["uid"]).startswith(f"meeting-{message.pk}@")
    assert "Revisemos el plan <b>juntos</b>" in str(event["description"])


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"date": "2026-11-01"}, "Propón una fecha y hora futuras."),
        ({"date": "mañana"}, "Escribe una fecha válida."),
        ({"timezone_name": "Mars/Olympus"}, "Elige una opción de la lista."),
        ({"minutes": "7"}, "Elige una opción de la lista."),
        ({"time": ""}, "Completa este dato."),
    ],
)
def test_a_meeting_in_the_past_or_with_bad_fields_is_refused(client_of, thread, data, error):
    response = _propose(client_of, thread, **data)

    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Message.objects.exists()


def test_a_text_message_has_no_ics(client_of, thread):
    client_of.post(reverse("conversations:thread", args=[thread.engagement_id]), {"body": "Hola"})
    message = Message.objects.get()

    url = reverse("conversations:meeting_ics", args=[thread.engagement_id, message.pk])
    assert client_of.get(url).status_code == 404
