"""Collaboration requests (interests, invitations) as services: allowed and refused paths,
capacity when one is accepted, and expiry."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone

from projects import services
from projects.models import Engagement, EngagementFollowUp, Interest, Invitation
from tests.factories.profiles import ExpertProfileFactory
from tests.factories.projects import (
    EngagementFactory,
    InterestFactory,
    InvitationFactory,
    ProjectFactory,
    PublishedProjectFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(institution):
    return PublishedProjectFactory(institution=institution, title="Regulación COFEPRIS/FDA")


# --- Interests --------------------------------------------------------------------------------


@override_settings(PROJECTS_INVITATION_SLA_DAYS=7)
def test_expert_expresses_interest_in_a_published_project(project, expert, events_sent):
    interest = services.interest_create(
        project=project, expert=expert, message="  Trabajé en la FDA.  ", by=expert.user
    )

    interest.refresh_from_db()
    assert (interest.status, interest.message) == ("pending", "Trabajé en la FDA.")
    assert interest.expires_at - interest.created_at == datetime.timedelta(days=7)
    assert events_sent == [
        (
            "interest_created",
            {"interest_id": interest.pk, "project_id": project.pk, "expert_id": expert.pk},
        )
    ]


def test_interest_needs_a_message(project, expert):
    with pytest.raises(ValidationError) as error:
        services.interest_create(project=project, expert=expert, message=" ", by=expert.user)

    assert "message" in error.value.message_dict
    assert not Interest.objects.exists()


def test_nobody_expresses_interest_on_behalf_of_an_expert(project, expert, liaison):
    with pytest.raises(PermissionDenied):
        services.interest_create(project=project, expert=expert, message="Hola", by=liaison)


@pytest.mark.parametrize(
    ("profile_changes", "message"),
    [
        ({"onboarded_at": None}, "Completa tu perfil"),
        ({"is_paused": True}, "en pausa"),
    ],
)
def test_unfinished_or_paused_experts_cannot_express_interest(
    project, expert, profile_changes, message
):
    for name, value in profile_changes.items():
        setattr(expert, name, value)
    expert.save()

    with pytest.raises(ValidationError, match=message):
        services.interest_create(project=project, expert=expert, message="Hola", by=expert.user)


def test_interest_only_in_open_projects(expert, institution):
    draft = ProjectFactory(institution=institution)
    late = PublishedProjectFactory(deadline=timezone.localdate() - datetime.timedelta(days=1))

    for project in (draft, late):
        with pytest.raises(ValidationError, match="ya no recibe"):
            services.interest_create(project=project, expert=expert, message="Hola", by=expert.user)
    assert not Interest.objects.exists()


def test_members_cannot_express_interest_in_their_own_institutions_project(project, liaison):
    own_profile = ExpertProfileFactory(user=liaison)

    with pytest.raises(ValidationError, match="propia institución"):
        services.interest_create(project=project, expert=own_profile, message="Yo", by=liaison)


def test_a_second_pending_interest_is_refused(project, expert):
    services.interest_create(project=project, expert=expert, message="Hola", by=expert.user)

    with pytest.raises(ValidationError, match="Ya enviaste"):
        services.interest_create(project=project, expert=expert, message="Otra", by=expert.user)

    assert Interest.objects.count() == 1


def test_interest_is_refused_while_an_invitation_is_pending(project, expert):
    InvitationFactory(project=project, expert=expert)

    with pytest.raises(ValidationError, match="Ya tienes una invitación"):
        services.interest_create(project=project, expert=expert, message="Hola", by=expert.user)


def test_member_accepts_an_interest_and_an_engagement_starts(project, expert, liaison, events_sent):
    interest = InterestFactory(project=project, expert=expert)

    with time_machine.travel(datetime.datetime(2026, 1, 31, 12, tzinfo=datetime.UTC), tick=False):
        engagement = services.interest_accept(interest=interest, by=liaison)

    interest.refresh_from_db()
    assert (interest.status, interest.responded_by) == ("accepted", liaison)
    assert (engagement.project, engagement.expert, engagement.status) == (project, expert, "active")
    assert engagement.interest == interest
    assert engagement.institution_contact == liaison
    follow_ups = list(EngagementFollowUp.objects.filter(engagement=engagement))
    assert [(f.months, f.due_at.date(), f.sent_at) for f in follow_ups] == [
        (3, datetime.date(2026, 4, 30), None),
        (6, datetime.date(2026, 7, 31), None),
        (12, datetime.date(2027, 1, 31), None),
    ]
    names = [name for name, _kwargs in events_sent]
    assert names == ["engagement_started", "interest_accepted"]


def test_stranger_cannot_accept_an_interest(project, expert, stranger):
    interest = InterestFactory(project=project, expert=expert)

    with pytest.raises(PermissionDenied):
        services.interest_accept(interest=interest, by=stranger)

    assert Interest.objects.get(pk=interest.pk).status == "pending"
    assert not Engagement.objects.exists()


def test_declining_an_interest_needs_a_reason_from_the_list(project, expert, liaison):
    interest = InterestFactory(project=project, expert=expert)

    with pytest.raises(ValidationError) as error:
        services.interest_decline(interest=interest, by=liaison, reason="no_capacity")
    assert "reason" in error.value.message_dict

    with pytest.raises(ValidationError) as error:
        services.interest_decline(interest=interest, by=liaison, reason="other")
    assert "note" in error.value.message_dict

    services.interest_decline(interest=interest, by=liaison, reason="filled", note="Ya tenemos")
    interest.refresh_from_db()
    assert (interest.status, interest.decline_reason, interest.decline_note) == (
        "declined",
        "filled",
        "Ya tenemos",
    )


def test_an_answered_interest_cannot_be_answered_again(project, expert, liaison):
    interest = InterestFactory(project=project, expert=expert)
    services.interest_decline(interest=interest, by=liaison, reason="timing")

    with pytest.raises(ValidationError, match="ya fue respondida"):
        services.interest_accept(interest=interest, by=liaison)
    assert not Engagement.objects.exists()


# --- Invitations ------------------------------------------------------------------------------


def test_member_invites_an_available_expert(project, expert, institution_admin, events_sent):
    invitation = services.invitation_create(
        project=project, expert=expert, message="Te buscamos", by=institution_admin
    )

    assert (invitation.status, invitation.invited_by) == ("pending", institution_admin)
    assert events_sent == [
        (
            "invitation_created",
            {
                "invitation_id": invitation.pk,
                "project_id": project.pk,
                "expert_id": expert.pk,
                "round_id": None,
            },
        )
    ]


def test_stranger_cannot_invite_to_another_institutions_project(project, expert, stranger):
    with pytest.raises(PermissionDenied):
        services.invitation_create(project=project, expert=expert, message="Hola", by=stranger)


def test_drafts_take_no_invitations(institution, expert, liaison):
    draft = ProjectFactory(institution=institution)

    with pytest.raises(ValidationError, match="publicados o en curso"):
        services.invitation_create(project=draft, expert=expert, message="Hola", by=liaison)


@pytest.mark.parametrize(
    "changes", [{"is_paused": True}, {"visibility": "hidden"}, {"onboarded_at": None}]
)
def test_paused_hidden_or_unfinished_experts_cannot_be_invited(project, liaison, changes):
    unavailable = ExpertProfileFactory(**changes)

    with pytest.raises(ValidationError, match="no está disponible"):
        services.invitation_create(project=project, expert=unavailable, message="Hola", by=liaison)


def test_the_same_expert_is_not_invited_twice_while_pending(project, expert, liaison):
    services.invitation_create(project=project, expert=expert, message="Hola", by=liaison)

    with pytest.raises(ValidationError, match="Ya invitaste"):
        services.invitation_create(project=project, expert=expert, message="Otra", by=liaison)


def test_an_expert_who_showed_interest_is_accepted_not_invited(project, expert, liaison):
    InterestFactory(project=project, expert=expert)

    with pytest.raises(ValidationError, match="acepta su interés"):
        services.invitation_create(project=project, expert=expert, message="Hola", by=liaison)


@override_settings(PROJECTS_MAX_PENDING_INVITATIONS=2)
def test_pending_invitations_per_project_are_capped(project, liaison):
    experts = ExpertProfileFactory.create_batch(3)
    for expert in experts[:2]:
        services.invitation_create(project=project, expert=expert, message="Hola", by=liaison)

    with pytest.raises(ValidationError, match="2 invitaciones pendientes"):
        services.invitation_create(project=project, expert=experts[2], message="Hola", by=liaison)

    # An answer frees a place.
    Invitation.objects.filter(expert=experts[0]).update(status="declined", decline_reason="timing")
    services.invitation_create(project=project, expert=experts[2], message="Hola", by=liaison)
    assert Invitation.objects.filter(project=project, status="pending").count() == 2


def test_invited_expert_accepts_and_the_inviter_is_the_contact(
    project, expert, liaison, events_sent
):
    invitation = InvitationFactory(project=project, expert=expert, invited_by=liaison)

    engagement = services.invitation_accept(invitation=invitation, by=expert.user)

    invitation.refresh_from_db()
    assert invitation.status == "accepted"
    assert (engagement.invitation, engagement.institution_contact) == (invitation, liaison)
    assert engagement.follow_ups.count() == 3
    assert [name for name, _ in events_sent] == ["engagement_started", "invitation_accepted"]


def test_only_the_invited_expert_answers(project, expert, liaison):
    invitation = InvitationFactory(project=project, expert=expert)

    with pytest.raises(PermissionDenied):
        services.invitation_accept(invitation=invitation, by=liaison)


def test_an_expired_invitation_cannot_be_accepted(project, expert):
    invitation = InvitationFactory(project=project, expert=expert)

    with (
        time_machine.travel(invitation.expires_at + datetime.timedelta(minutes=1)),
        pytest.raises(ValidationError, match="venció"),
    ):
        services.invitation_accept(invitation=invitation, by=expert.user)

    assert not Engagement.objects.exists()


def test_expert_declines_an_invitation_with_a_reason(project, expert, events_sent):
    invitation = InvitationFactory(project=project, expert=expert)

    services.invitation_decline(
        invitation=invitation, by=expert.user, reason="no_capacity", note="Este semestre no"
    )

    invitation.refresh_from_db()
    assert (invitation.status, invitation.decline_reason) == ("declined", "no_capacity")
    assert events_sent == [
        ("invitation_declined", {"invitation_id": invitation.pk, "by_id": expert.user.pk})
    ]


def test_experts_cannot_use_the_institutions_reasons(project, expert):
    invitation = InvitationFactory(project=project, expert=expert)

    with pytest.raises(ValidationError):
        services.invitation_decline(invitation=invitation, by=expert.user, reason="filled")


# --- Capacity and fairness --------------------------------------------------------------------


def test_accepting_beyond_capacity_is_refused(institution, liaison):
    expert = ExpertProfileFactory(max_concurrent_engagements=1)
    EngagementFactory(expert=expert)
    invitation = InvitationFactory(expert=expert, project__institution=institution)

    with pytest.raises(ValidationError, match="colaboraciones activas, tu máximo"):
        services.invitation_accept(invitation=invitation, by=expert.user)

    assert Invitation.objects.get(pk=invitation.pk).status == "pending"
    assert Engagement.objects.filter(expert=expert).count() == 1


def test_the_institution_is_told_when_the_expert_has_no_capacity(project, liaison):
    expert = ExpertProfileFactory(max_concurrent_engagements=1)
    EngagementFactory(expert=expert)
    interest = InterestFactory(project=project, expert=expert)

    with pytest.raises(ValidationError, match="ya no tiene capacidad"):
        services.interest_accept(interest=interest, by=liaison)


def test_ended_engagements_free_capacity(project, expert):
    expert.max_concurrent_engagements = 1
    expert.save()
    done = EngagementFactory(expert=expert)
    services.engagement_end(engagement=done, by=expert.user, status="completed")
    invitation = InvitationFactory(project=project, expert=expert)

    engagement = services.invitation_accept(invitation=invitation, by=expert.user)

    assert engagement.status == "active"


def test_a_paused_expert_cannot_start_an_engagement(project, expert, liaison):
    interest = InterestFactory(project=project, expert=expert)
    expert.is_paused = True
    expert.save()

    with pytest.raises(ValidationError, match="pausó su participación"):
        services.interest_accept(interest=interest, by=liaison)


def test_a_project_takes_no_more_experts_than_it_seeks(institution, liaison):
    project = PublishedProjectFactory(institution=institution, experts_sought=1)
    EngagementFactory(project=project)
    interest = InterestFactory(project=project)

    with pytest.raises(ValidationError, match="ya cuenta con la persona experta"):
        services.interest_accept(interest=interest, by=liaison)


# --- Expiry -----------------------------------------------------------------------------------


def test_overdue_requests_expire_once_and_fresh_ones_stay(project, events_sent):
    now = timezone.now()
    old_interest = InterestFactory(project=project, expires_at=now - datetime.timedelta(hours=1))
    old_invitation = InvitationFactory(project=project, expires_at=now - datetime.timedelta(days=2))
    fresh = InvitationFactory(project=project)
    answered = InvitationFactory(
        project=project,
        status="declined",
        decline_reason="timing",
        expires_at=now - datetime.timedelta(days=2),
    )

    assert services.requests_expire() == (1, 1)
    assert services.requests_expire() == (0, 0)

    assert Interest.objects.get(pk=old_interest.pk).status == "expired"
    assert Invitation.objects.get(pk=old_invitation.pk).status == "expired"
    assert Invitation.objects.get(pk=fresh.pk).status == "pending"
    assert Invitation.objects.get(pk=answered.pk).status == "declined"
    assert events_sent == [
        (
            "requests_expired",
            {"interest_ids": [old_interest.pk], "invitation_ids": [old_invitation.pk]},
        )
    ]
