"""A meeting years away is a typo; near year 9999 its calendar file could not even be built."""

import pytest
from django.test import Client
from django.urls import reverse

from conversations.models import Message
from profiles.models import User
from projects.models import Engagement

pytestmark = pytest.mark.django_db


def test_a_meeting_proposed_for_the_year_9999_is_refused_with_a_clear_message(
    client: Client, engagement: Engagement, liaison: User
) -> None:
    client.force_login(liaison)
    response = client.post(
        reverse("conversations:meeting_create", args=[engagement.pk]),
        {"date": "9999-12-31", "time": "23:59", "minutes": 120, "timezone_name": "UTC"},
    )
    assert response.status_code == 400
    assert "Propón una fecha dentro de los próximos diez años." in response.content.decode()
    assert not Message.objects.filter(kind=Message.Kind.MEETING).exists()
