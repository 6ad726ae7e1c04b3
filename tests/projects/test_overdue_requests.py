"""A request past its deadline but not yet swept (the expiry sweep runs hourly) no longer
blocks the pair: the new request expires it as the sweep would and goes through, instead of
sending the person to answer something nobody can answer any more."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.choices import RequestStatus
from projects.models import Interest, Invitation
from tests.factories.projects import InterestFactory, InvitationFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(institution, liaison):
    return PublishedProjectFactory(institution=institution, created_by=liaison)


def _overdue() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(hours=1)


def test_an_overdue_invitation_does_not_block_the_experts_interest(
    client, project, expert, events_sent
):
    invitation = InvitationFactory(project=project, expert=expert, expires_at=_overdue())
    client.force_login(expert.user)

    response = client.post(
        reverse("projects:interest_create", args=[project.pk]), {"message": "Sigo interesada"}
    )

    assert response.status_code == 302
    assert Interest.objects.get().expert == expert
    invitation.refresh_from_db()
    assert invitation.status == RequestStatus.EXPIRED
    assert ("requests_expired", {"interest_ids": [], "invitation_ids": [invitation.pk]}) in [
        (name, {k: v for k, v in kwargs.items() if k != "sender"}) for name, kwargs in events_sent
    ]


def test_an_overdue_interest_does_not_block_a_new_invitation(client, project, expert, liaison):
    interest = InterestFactory(project=project, expert=expert, expires_at=_overdue())
    client.force_login(liaison)

    response = client.post(
        reverse("projects:invite", args=[project.pk]), {"expert": expert.pk, "message": "Hola"}
    )

    assert response.status_code == 302
    assert Invitation.objects.get().expert == expert
    interest.refresh_from_db()
    assert interest.status == RequestStatus.EXPIRED


def test_a_pending_invitation_still_in_time_keeps_blocking(client, project, expert):
    InvitationFactory(project=project, expert=expert)
    client.force_login(expert.user)

    response = client.post(
        reverse("projects:interest_create", args=[project.pk]), {"message": "Hola"}
    )

    assert response.status_code == 400
    assert not Interest.objects.exists()
