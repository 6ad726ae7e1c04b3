"""Facts matching derives from invitations, interests and engagements are written in the same
transaction as them: no task carries them, so a lost task (a Redis restart) cannot lose them."""

from typing import Any

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from matching import services as matching_services
from matching.models import ExpertIndex, MatchState
from network.celery import TransactionAwareTask
from projects import services
from projects.choices import DeclineReason, EngagementStatus
from tests.factories.matching import MatchFactory
from tests.factories.projects import InvitationFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent_tasks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the tasks queued (none reach a broker; no worker runs)."""
    names: list[str] = []

    def record(self: TransactionAwareTask, *args: Any, **kwargs: Any) -> None:
        names.append(self.name)

    monkeypatch.setattr(TransactionAwareTask, "apply_async", record)
    return names


@pytest.fixture
def project(institution):
    return PublishedProjectFactory(institution=institution, title="Cadena de frío")


@pytest.fixture
def suggestion(project, expert):
    matching_services.expert_index_refresh(profile_id=expert.pk)
    return MatchFactory(project=project, expert=expert)


def _document(expert) -> ExpertIndex:
    return ExpertIndex.objects.get(profile_id=expert.pk)


def _matching_tasks(names: list[str]) -> list[str]:
    return [name for name in names if name.startswith("matching.")]


def test_an_invitation_marks_its_suggestion_invited_and_counts_at_once_without_a_task(
    project, expert, liaison, suggestion, sent_tasks
):
    assert _document(expert).pending_invitations == 0

    services.invitation_create(project=project, expert=expert, message="Hola", by=liaison)

    suggestion.refresh_from_db()
    assert suggestion.state == MatchState.INVITED
    assert _document(expert).pending_invitations == 1
    assert _matching_tasks(sent_tasks) == []


def test_a_rolled_back_invitation_changes_no_suggestion_and_no_count(
    project, expert, liaison, suggestion, sent_tasks
):
    def invite_then_fail() -> None:
        with transaction.atomic():
            services.invitation_create(project=project, expert=expert, message="Hola", by=liaison)
            raise RuntimeError("the request failed after the invitation")

    with pytest.raises(RuntimeError):
        invite_then_fail()

    suggestion.refresh_from_db()
    assert suggestion.state == MatchState.NEW
    assert _document(expert).pending_invitations == 0


def test_an_interest_marks_its_suggestion_interested_without_a_task(
    project, expert, suggestion, sent_tasks
):
    services.interest_create(project=project, expert=expert, message="Me interesa", by=expert.user)

    suggestion.refresh_from_db()
    assert suggestion.state == MatchState.INTERESTED
    assert _matching_tasks(sent_tasks) == []


def test_accepting_an_invitation_moves_it_from_pending_to_capacity_in_the_same_transaction(
    project, expert, liaison, suggestion, sent_tasks
):
    invitation = services.invitation_create(
        project=project, expert=expert, message="Hola", by=liaison
    )
    before = _document(expert).capacity_left

    services.invitation_accept(invitation=invitation, by=expert.user)

    document = _document(expert)
    assert (document.pending_invitations, document.capacity_left) == (0, before - 1)
    assert _matching_tasks(sent_tasks) == []


def test_a_declined_invitation_no_longer_counts_as_pending(
    project, expert, liaison, suggestion, sent_tasks
):
    invitation = services.invitation_create(
        project=project, expert=expert, message="Hola", by=liaison
    )

    services.invitation_decline(
        invitation=invitation, by=expert.user, reason=DeclineReason.NOT_A_FIT
    )

    assert _document(expert).pending_invitations == 0
    assert _matching_tasks(sent_tasks) == []


def test_an_expired_invitation_no_longer_counts_as_pending(
    project, expert, liaison, suggestion, sent_tasks
):
    services.invitation_create(project=project, expert=expert, message="Hola", by=liaison)
    assert _document(expert).pending_invitations == 1

    with time_machine.travel(timezone.now() + timezone.timedelta(days=60)):
        services.requests_expire()

    assert _document(expert).pending_invitations == 0


def test_ending_an_engagement_frees_capacity_in_the_same_transaction(
    project, expert, liaison, suggestion, sent_tasks
):
    invitation = services.invitation_create(
        project=project, expert=expert, message="Hola", by=liaison
    )
    engagement = services.invitation_accept(invitation=invitation, by=expert.user)
    engaged = _document(expert).capacity_left

    services.engagement_end(engagement=engagement, by=liaison, status=EngagementStatus.COMPLETED)

    assert _document(expert).capacity_left == engaged + 1


def test_cancelling_a_project_lapses_its_invitations_in_the_counts(
    project, expert, liaison, suggestion, sent_tasks
):
    InvitationFactory(project=project, expert=expert)
    services.invitation_create(
        project=PublishedProjectFactory(institution=project.institution),
        expert=expert,
        message="Hola",
        by=liaison,
    )
    assert _document(expert).pending_invitations == 2

    services.project_cancel(project=project, by=liaison)

    assert _document(expert).pending_invitations == 1
