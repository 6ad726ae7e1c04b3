"""A deleted account leaves no request pending: an invitation waiting for the person's answer
is declined as they would have declined it (the inviter is told), and their interests lapse,
so no liaison keeps waiting on, or accepts, someone who no longer exists."""

import pytest

from notifications.models import Notification
from profiles.services.account import account_delete
from projects.choices import DeclineReason, RequestStatus
from projects.models import Interest, Invitation
from tests.factories.projects import InterestFactory, InvitationFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db


def test_a_deleted_account_closes_its_pending_interests_and_invitations(
    institution, liaison, expert, expert_owner, other_expert
):
    project = PublishedProjectFactory(institution=institution, created_by=liaison)
    interest = InterestFactory(project=project, expert=expert)
    invitation = InvitationFactory(
        project=PublishedProjectFactory(institution=institution, created_by=liaison),
        expert=expert,
        invited_by=liaison,
    )
    others = InterestFactory(project=project, expert=other_expert)

    account_delete(user=expert_owner)

    assert Interest.objects.get(pk=interest.pk).status == RequestStatus.EXPIRED
    assert Interest.objects.get(pk=others.pk).status == RequestStatus.PENDING
    invitation = Invitation.objects.get(pk=invitation.pk)
    assert (invitation.status, invitation.decline_reason) == (
        RequestStatus.DECLINED,
        DeclineReason.OTHER,
    )
    assert invitation.decline_note
    assert Notification.objects.filter(recipient=liaison, kind="invitation_declined").exists()
