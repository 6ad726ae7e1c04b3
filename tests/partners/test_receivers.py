"""Domain events become signed webhooks: the services send events, the receivers enqueue the
fan-out on commit, and the receiver on 127.0.0.1 gets the POST (tasks run in-process here)."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from matching import events as matching_events
from matching.models import Match
from partners.services import webhook_subscription_create
from projects import services as project_services
from tests.factories.profiles import (
    ExpertProfileFactory,
)
from tests.factories.projects import (
    EngagementFactory,
    InvitationFactory,
    ProjectFactory,
    PublishedProjectFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscribed(institution, institution_admin, receiver, allow_loopback, eager_tasks):
    return webhook_subscription_create(
        by=institution_admin,
        institution=institution,
        url=receiver.url,
        events=[
            "project.published",
            "project.closed",
            "match.created",
            "invitation.accepted",
            "engagement.outcome_recorded",
        ],
    )


def events_received(receiver) -> list[str]:
    return [r.headers["Puentes-Event"] for r in receiver.requests]


def test_publishing_a_project_sends_project_published(
    subscribed, receiver, institution, institution_admin, staff, django_capture_on_commit_callbacks
):
    project = ProjectFactory(
        institution=institution, status="submitted", created_by=institution_admin
    )

    with django_capture_on_commit_callbacks(execute=True):
        project_services.project_publish(project=project, by=staff)

    assert events_received(receiver) == ["project.published"]
    assert receiver.requests[0].json["data"]["project"]["id"] == project.pk


def test_closing_a_project_past_its_deadline_sends_project_closed(
    subscribed, receiver, institution, django_capture_on_commit_callbacks
):
    project = PublishedProjectFactory(
        institution=institution, deadline=timezone.localdate() - datetime.timedelta(days=1)
    )

    with django_capture_on_commit_callbacks(execute=True):
        project_services.projects_close_past_deadline()

    assert events_received(receiver) == ["project.closed"]
    assert receiver.requests[0].json["data"]["project"]["status"] == "closed"
    assert receiver.requests[0].json["data"]["project"]["id"] == project.pk


def test_an_accepted_invitation_sends_invitation_accepted(
    subscribed, receiver, institution, institution_admin, django_capture_on_commit_callbacks
):
    project = PublishedProjectFactory(institution=institution)
    invitation = InvitationFactory(project=project, invited_by=institution_admin)

    with django_capture_on_commit_callbacks(execute=True):
        engagement = project_services.invitation_accept(
            invitation=invitation, by=invitation.expert.user
        )

    assert events_received(receiver) == ["invitation.accepted"]
    data = receiver.requests[0].json["data"]
    assert data["invitation"]["id"] == invitation.pk
    assert data["invitation"]["status"] == "accepted"
    assert data["engagement"]["id"] == engagement.pk


def test_a_recorded_outcome_sends_engagement_outcome_recorded(
    subscribed, receiver, institution, institution_admin, django_capture_on_commit_callbacks
):
    engagement = EngagementFactory(project=PublishedProjectFactory(institution=institution))

    with django_capture_on_commit_callbacks(execute=True):
        outcome = project_services.outcome_record(
            engagement=engagement,
            by=institution_admin,
            kind="grant",
            description="Financiamiento estatal.",
            occurred_on=timezone.localdate(),
            amount=100000,
            currency="MXN",
        )

    assert events_received(receiver) == ["engagement.outcome_recorded"]
    data = receiver.requests[0].json["data"]
    assert data["outcome"] == {
        "id": outcome.pk,
        "kind": "grant",
        "description": "Financiamiento estatal.",
        "occurred_on": timezone.localdate().isoformat(),
        "url": "",
        "amount": "100000.00",
        "currency": "MXN",
    }
    assert data["engagement"]["id"] == engagement.pk


def test_new_matches_send_match_created(
    subscribed, receiver, institution, django_capture_on_commit_callbacks
):
    project = PublishedProjectFactory(institution=institution)
    expert = ExpertProfileFactory()
    Match.objects.create(
        project=project,
        expert=expert,
        score=75,
        rank_score=75,
        algorithm_version="2026.1",
        computed_at=timezone.now(),
    )

    with django_capture_on_commit_callbacks(execute=True):
        matching_events.matches_computed.send(
            sender=Match, project_id=project.pk, expert_ids=[expert.pk]
        )

    assert events_received(receiver) == ["match.created"]
    assert receiver.requests[0].json["data"]["matches"][0]["expert_id"] == expert.pk


def test_nothing_is_sent_for_work_that_is_rolled_back(
    subscribed, receiver, institution, institution_admin, staff, django_capture_on_commit_callbacks
):
    project = ProjectFactory(
        institution=institution, status="submitted", created_by=institution_admin
    )

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                project_services.project_publish(project=project, by=staff)
                raise RuntimeError("the request failed after publishing")
        except RuntimeError:
            pass

    assert callbacks == []
    assert receiver.requests == []
