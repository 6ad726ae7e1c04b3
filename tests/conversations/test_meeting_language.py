"""A proposed meeting's date reads in the reader's language (no Spanish "de" in English)."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import translation

from conversations.models import Thread
from profiles.models import User

pytestmark = pytest.mark.django_db


@time_machine.travel(datetime.datetime(2026, 11, 30, 12, 0, tzinfo=datetime.UTC), tick=False)
@pytest.mark.parametrize(
    ("language", "written"),
    [("es", "jueves 3 de diciembre de 2026, 09:30"), ("en", "Thursday Dec. 3, 2026, 09:30")],
)
def test_a_meetings_date_is_written_in_the_readers_language(
    client: Client, thread: Thread, liaison: User, language: str, written: str
) -> None:
    client.force_login(liaison)
    url = reverse("conversations:meeting_create", args=[thread.engagement_id])
    meeting = {"date": "2026-12-03", "time": "09:30", "minutes": "60"}
    client.post(url, {**meeting, "timezone_name": "America/Chicago"})
    client.cookies["django_language"] = language

    # The middleware activates the page's language in this thread: restore it afterwards.
    with translation.override(translation.get_language()):
        page = client.get(reverse("conversations:thread", args=[thread.engagement_id]))

    assert written in page.content.decode()
