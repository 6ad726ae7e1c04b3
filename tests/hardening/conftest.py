"""One world for the fuzz tests: the shared personas and, for each of them, the rows that make
every form of the site appear (a draft to edit, a pending interest to accept, a key to revoke…)."""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.utils import timezone

from chapters import calendar
from chapters import services as chapter_services
from chapters.models import Chapter
from conversations import services as conversation_services
from enquiries.services import intake, introductions, outcomes, shortlist
from imports import services as import_services
from imports.models import ImportedAccount, ImportMapping
from notifications.unsubscribe import token_for_user
from observatory.services import snapshot_compute
from partners.services import api_key_issue, webhook_subscription_create
from prefill import cv, orcid
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
from tests.factories.enquiries import EnquiryFactory
from tests.factories.imports import imported_job, people, person, validated_job
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
    enquiry_ids = _enquiries(expert, other_expert)
    thread = conversation_services.thread_open(engagement_id=engagement.pk)  # post, meet, report
    return World(
        users={
            "anonymous": None,
            "expert_owner": expert_owner,
            "liaison": liaison,
            "institution_admin": institution_admin,
            "newcomer": newcomer,
            "staff": staff,
            "coordinator": coordinator,
            "broker": enquiry_ids.pop("broker_user"),
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
            **enquiry_ids,
            **_import_ids(chapter, coordinator, staff),
            **_prefill_ids(),
            "thread": thread.pk,
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


def _enquiries(expert: ExpertProfile, other_expert: ExpertProfile) -> dict[str, Any]:
    """Enquiries in each status a broker's form needs, and the links e-mails carry."""
    broker = UserFactory(name="Beatriz Gestora", is_staff=True)
    broker.groups.add(broker.groups.model.objects.get_or_create(name="brokers")[0])
    fresh = EnquiryFactory()  # take, assign, decline, note
    assigned = EnquiryFactory(broker=broker, status="assigned")  # start the search
    searching = EnquiryFactory(broker=broker, status="searching")  # shortlist: ask, tag
    shortlist.candidate_add(enquiry=searching, expert=other_expert, by=broker)
    asked = shortlist.candidate_add(enquiry=searching, expert=expert, by=broker)
    introductions.candidate_ask(candidate=asked, by=broker)  # the expert's answer
    introduced = EnquiryFactory(broker=broker, status="introduced")  # close
    unconfirmed = EnquiryFactory(status="unconfirmed", confirmed_at=None)  # confirm
    return {
        "broker_user": broker,
        "enquiry_new": fresh.pk,
        "enquiry_assigned": assigned.pk,
        "enquiry_searching": searching.pk,
        "enquiry_introduced": introduced.pk,
        "confirm_token": intake.confirmation_token(unconfirmed),
        "requester_token": intake.requester_token(fresh),
        "answer_token": introductions.answer_token(asked),
        "outcome_token": outcomes.outcome_token(introduced, "requester"),
    }


def _import_ids(chapter: Chapter, coordinator: User, staff: User) -> dict[str, Any]:
    """A coordinator's validated import (start it, remap its columns, a saved mapping to apply,
    a rejected row) and the claim link of a person imported by staff."""
    job = validated_job(people(3, bad_every=3), coordinator, chapter=chapter)
    ImportMapping.objects.create(
        name="Plantilla", chapter=chapter, columns=job.mapping, created_by=coordinator
    )
    imported_job([person(900, email="reclamable@example.org")], staff)
    account = ImportedAccount.objects.get(user__email="reclamable@example.org")
    return {"import_job": job.pk, "claim_token": import_services.claim_token(account)}


ORCID_ID = "0000-0002-1825-0097"  # a record in tests/fixtures/orcid
CV_TEXT = """Carla Méndez Ruiz
Experiencia
Ingeniera de software sénior, Cabify, 2019 – presente
Formación
Maestría en Ciencias de la Computación, Universidad de Guadalajara, 2013
Habilidades
APIs REST con Node.js; bases de datos PostgreSQL; Scrum.
"""


def orcid_record() -> tuple[dict, dict[int, dict]]:
    """The recorded ORCID record and works, as orcid_fetch returns them (no network here)."""
    folder = Path(__file__).resolve().parent.parent / "fixtures" / "orcid" / ORCID_ID
    record = json.loads((folder / "record.json").read_text())
    bulk = json.loads((folder / "works.json").read_text())
    return record, {item["work"]["put-code"]: item["work"] for item in bulk["bulk"]}


def _prefill_ids() -> dict[str, Any]:
    """What the ORCID and CV pages leave in the session for the review page to show."""
    return {
        "orcid_proposals": [p.as_dict() for p in orcid.record_proposals(ORCID_ID, *orcid_record())],
        "cv_proposals": [p.as_dict() for p in cv.cv_proposals(CV_TEXT)],
    }
