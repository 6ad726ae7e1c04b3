"""One world for the fuzz tests: the shared personas and, for each of them, the rows that make
every form of the site appear (a draft to edit, a pending interest to accept, a key to revoke…)."""

from dataclasses import dataclass, field
from typing import Any

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.utils import timezone

from chapters import calendar
from chapters import services as chapter_services
from chapters.models import Chapter
from notifications.unsubscribe import token_for_user
from observatory.services import snapshot_compute
from partners.services import api_key_issue, webhook_subscription_create
from profiles.models import (
    ConflictOfInterest,
    ExpertProfile,
    FieldOfScience,
    Institution,
    MembershipInvitation,
    Skill,
    User,
)
from tests.factories.chapters import EventFactory, RegistrationFactory
from tests.factories.chapters import MembershipFactory as ChapterMembershipFactory
from tests.factories.matching import MatchFactory, MatchRunFactory, match_round_with_candidate
from tests.factories.notifications import NotificationFactory
from tests.factories.partners import WebhookDeliveryFactory
from tests.factories.profiles import InstitutionFactory, UserFactory
from tests.factories.projects import (
    EngagementFactory,
    InterestFactory,
    InvitationFactory,
    ProjectFactory,
    PublishedProjectFactory,
)


@dataclass
class World:
    users: dict[str, User | None]
    ids: dict[str, Any] = field(default_factory=dict)


# Long but flat: one row per form to show, each line says which form it is for.
@pytest.fixture
def world(
    institution: Institution,
    liaison: User,
    institution_admin: User,
    expert: ExpertProfile,
    expert_owner: User,
    other_expert: ExpertProfile,
    staff: User,
    chapter: Chapter,
    coordinator: User,
    chapter_member: User,
) -> World:
    newcomer = UserFactory(name="Nora Nueva", email="nora.nueva@example.org")
    unverified = UserFactory(email="sin.verificar@example.org", verified=False)
    address = EmailAddress.objects.create(
        user=unverified, email=unverified.email, verified=False, primary=True
    )
    draft = ProjectFactory(institution=institution, created_by=liaison)  # edit, submit
    published = PublishedProjectFactory(institution=institution, created_by=liaison)
    invited_to = PublishedProjectFactory(institution=institution, created_by=liaison)
    engaged_in = PublishedProjectFactory(institution=institution, created_by=liaison)
    interest = InterestFactory(project=published, expert=other_expert)  # accept / decline
    invitation_to_expert = InvitationFactory(project=invited_to, expert=expert)
    running = PublishedProjectFactory(  # liaison: complete
        institution=institution, created_by=liaison, status="in_progress"
    )
    engagement = EngagementFactory(project=engaged_in, expert=expert)  # outcome, end
    MatchFactory(project=published, expert=other_expert)  # liaison: invite
    MatchFactory(project=engaged_in, expert=expert)  # expert: dismiss
    run = MatchRunFactory(object_id=published.pk)
    match_round = match_round_with_candidate(
        institution=institution, project=published, expert=other_expert
    )  # review, pin, publish
    conflict = ConflictOfInterest.objects.create(expert=expert, institution=InstitutionFactory())
    for user in (expert_owner, liaison):
        NotificationFactory(recipient=user)  # mark read
    invitation = MembershipInvitation.objects.create(
        institution=institution, email=newcomer.email, invited_by=institution_admin
    )
    api_key_issue(
        by=institution_admin, institution=institution, name="CRM", scopes=["projects:read"]
    )
    subscription = webhook_subscription_create(
        by=institution_admin,
        institution=institution,
        url="https://crm.example.org/hooks",
        events=["project.published"],
    )
    WebhookDeliveryFactory(subscription=subscription, status="failed")  # redeliver
    snapshot_compute(period=timezone.now().date().replace(day=1))  # observatory downloads
    return World(
        users={
            "anonymous": None,
            "expert_owner": expert_owner,
            "liaison": liaison,
            "institution_admin": institution_admin,
            "newcomer": newcomer,
            "staff": staff,
            "coordinator": coordinator,
        },
        ids={
            "slug": institution.slug,
            "draft": draft.pk,
            "published": published.pk,
            "engagement": engagement.pk,
            "interest": interest.pk,
            "invitation": invitation_to_expert.pk,
            "running": running.pk,
            "expert": expert.pk,
            "run": run.pk,
            "round": match_round.pk,
            "conflict": conflict.pk,
            "subscription": subscription.pk,
            "membership_token": invitation.token,
            "unsubscribe_token": token_for_user(user_id=expert_owner.pk, topic="interest_received"),
            "reset_uidb36": user_pk_to_url_str(expert_owner),
            "reset_key": default_token_generator.make_token(expert_owner),
            "confirm_key": EmailConfirmationHMAC(address).key,
            "skill": Skill.objects.get(slug="agronomy").pk,
            "field": FieldOfScience.objects.get(code="4.1").pk,
            **_chapter_ids(chapter, coordinator, newcomer, expert_owner),
        },
    )


def _chapter_ids(chapter: Chapter, coordinator: User, newcomer: User, expert: User) -> dict:
    """Chapter rows: a request to answer, an event with a seat to cancel and a person to check
    in, an invitation for the newcomer, the expert's calendar feed."""
    request = ChapterMembershipFactory(chapter=chapter, state="requested")
    event = EventFactory(chapter=chapter, capacity=5)
    draft = EventFactory(chapter=chapter, status="draft")
    RegistrationFactory(event=event, user=coordinator)
    invitation = chapter_services.invitation_create(
        chapter=chapter, email=newcomer.email, by=coordinator
    )
    return {
        "chapter": chapter.slug,
        "chapter_request": request.pk,
        "event": event.pk,
        "draft_event": draft.pk,
        "chapter_invitation": chapter_services.invitation_token(invitation),
        "feed_token": calendar.feed_token(expert.pk),
    }
