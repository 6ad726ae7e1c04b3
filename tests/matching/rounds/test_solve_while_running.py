"""Solving again is for a round that is solved or failed: a round already queued or running
is not queued a second time (two runs would build its candidates at once)."""

import pytest
from django.test import Client
from django.urls import reverse

from matching.models import MatchRound
from profiles.models import User

pytestmark = pytest.mark.django_db


def test_a_round_still_computing_is_not_queued_again(client: Client, staff: User) -> None:
    status = MatchRound.Status.RUNNING
    match_round = MatchRound.objects.create(name="Convocatoria", status=status, progress=2)
    client.force_login(staff)
    response = client.post(reverse("matching:rounds:solve", args=[match_round.pk]))
    assert response.status_code == 302
    match_round.refresh_from_db()
    assert (match_round.status, match_round.progress) == (status, 2)
