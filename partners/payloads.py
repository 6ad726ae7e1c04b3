"""What each webhook event says, and who may hear it.

Payloads carry ids, a few descriptive fields and the API URL to fetch the rest; never contact
data. Project events go to every subscriber who may see the project (members-only projects
only to verified institutions); matches, accepted invitations and outcomes only to the
project's own institution.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse

from chapters.models import Chapter, ChapterMembership, ChapterVisibility, Event, EventStatus
from enquiries.models import Enquiry
from matching.models import Match
from partners.models import ApiKey, WebhookEvent, WebhookSubscription
from profiles.models import ExpertProfile, Institution
from projects.choices import ProjectVisibility
from projects.models import Invitation, Outcome, Project


@dataclass(frozen=True)
class EventContent:
    data: dict[str, Any]
    audience: QuerySet[WebhookSubscription]


def absolute(name: str, *args: Any) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def _project(project: Project, *, api_name: str = "api-project-detail") -> dict[str, Any]:
    return {
        "id": project.pk,
        "title": project.title,
        "status": project.status,
        "visibility": project.visibility,
        "institution": {"id": project.institution_id, "name": project.institution.name},
        "url": absolute(api_name, project.pk),
        "web_url": absolute("projects:detail", project.pk),
    }


def _subscribers(event: str) -> QuerySet[WebhookSubscription]:
    return (
        WebhookSubscription.objects.for_event(event)
        # A partner organisation's subscriptions stop with its key, by the API's own rule.
        .filter(Q(partner_key__isnull=True) | Q(partner_key__in=ApiKey.objects.usable()))
    )


def _project_audience(event: str, project: Project) -> QuerySet[WebhookSubscription]:
    subscribers = _subscribers(event)
    if project.visibility != ProjectVisibility.PUBLIC:
        subscribers = subscribers.filter(
            institution__verification_status=Institution.Verification.VERIFIED
        )
    return subscribers


def _institution_audience(event: str, institution_id: int) -> QuerySet[WebhookSubscription]:
    return _subscribers(event).filter(institution_id=institution_id)


def project_event(event: str, *, project_id: int, **_: Any) -> EventContent | None:
    project = Project.objects.select_related("institution").filter(pk=project_id).first()
    if project is None:
        return None
    return EventContent(
        data={"project": _project(project)}, audience=_project_audience(event, project)
    )


def match_event(
    event: str, *, project_id: int, expert_ids: list[int], **_: Any
) -> EventContent | None:
    project = Project.objects.select_related("institution").filter(pk=project_id).first()
    if project is None or not expert_ids:
        return None
    matches = list(
        Match.objects.filter(
            project=project,
            expert_id__in=expert_ids,
            # A profile hidden (or suspended) since the computation is not announced.
            expert__in=ExpertProfile.objects.available(),
        ).order_by("-score", "expert_id")
    )
    if not matches:
        return None
    return EventContent(
        data={
            "project": _project(project, api_name="api-own-project-detail"),
            "matches": [
                {
                    "id": m.pk,
                    "expert_id": m.expert_id,
                    "score": m.score,
                    "algorithm_version": m.algorithm_version,
                    "expert_url": absolute("api-expert-detail", m.expert_id),
                }
                for m in matches
            ],
            "url": absolute("api-own-project-matches", project.pk),
        },
        audience=_institution_audience(event, project.institution_id),
    )


def invitation_event(event: str, *, invitation_id: int, **_: Any) -> EventContent | None:
    invitation = (
        Invitation.objects.select_related("project__institution", "engagement")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None:
        return None
    engagement = getattr(invitation, "engagement", None)
    return EventContent(
        data={
            "invitation": {
                "id": invitation.pk,
                "status": invitation.status,
                "expert_id": invitation.expert_id,
                "responded_at": invitation.responded_at,
                "url": absolute("api-own-invitation-detail", invitation.pk),
            },
            "project": _project(invitation.project, api_name="api-own-project-detail"),
            "engagement": (
                {"id": engagement.pk, "url": absolute("api-own-engagement-detail", engagement.pk)}
                if engagement
                else None
            ),
        },
        audience=_institution_audience(event, invitation.project.institution_id),
    )


def outcome_event(event: str, *, outcome_id: int, **_: Any) -> EventContent | None:
    outcome = (
        Outcome.objects.select_related("engagement__project__institution")
        .filter(pk=outcome_id)
        .first()
    )
    if outcome is None:
        return None
    engagement = outcome.engagement
    return EventContent(
        data={
            "outcome": {
                "id": outcome.pk,
                "kind": outcome.kind,
                "description": outcome.description,
                "occurred_on": outcome.occurred_on,
                "url": outcome.url,
                "amount": str(outcome.amount) if outcome.amount is not None else None,
                "currency": outcome.currency,
            },
            "engagement": {
                "id": engagement.pk,
                "expert_id": engagement.expert_id,
                "status": engagement.status,
                "url": absolute("api-own-engagement-detail", engagement.pk),
            },
            "project": _project(engagement.project, api_name="api-own-project-detail"),
        },
        audience=_institution_audience(event, engagement.project.institution_id),
    )


def _chapter(chapter: Chapter) -> dict[str, Any]:
    return {
        "id": chapter.pk,
        "slug": chapter.slug,
        "kind": chapter.kind,
        "name_es": chapter.name_es,
        "name_en": chapter.name_en,
        "url": absolute("api-chapter-detail", chapter.pk),
        "web_url": absolute("chapters:detail", chapter.slug),
    }


def _visibility_audience(event: str, visibility: str) -> QuerySet[WebhookSubscription]:
    subscribers = _subscribers(event)
    if visibility != ChapterVisibility.PUBLIC:
        subscribers = subscribers.filter(
            institution__verification_status=Institution.Verification.VERIFIED
        )
    return subscribers


def chapter_event_published(event: str, *, event_id: int, **_: Any) -> EventContent | None:
    """A published event (chapter, node or network-wide): no attendees, no online link."""
    found = Event.objects.select_related("chapter").filter(pk=event_id).first()
    if found is None or found.status != EventStatus.PUBLISHED:
        return None
    stricter = found.chapter.visibility if found.chapter else ChapterVisibility.PUBLIC
    if found.visibility != ChapterVisibility.PUBLIC:
        stricter = found.visibility
    return EventContent(
        data={
            "event": {
                "id": found.pk,
                "kind": found.kind,
                "title_es": found.title_es,
                "title_en": found.title_en,
                "starts_at": found.starts_at,
                "ends_at": found.ends_at,
                "timezone": found.timezone,
                "capacity": found.capacity,
                "url": absolute("api-event-detail", found.pk),
                "web_url": absolute("chapters:event_detail", found.pk),
            },
            "chapter": _chapter(found.chapter) if found.chapter else None,
        },
        audience=_visibility_audience(event, stricter),
    )


def member_joined_event(
    event: str, *, chapter_id: int, membership_id: int, **_: Any
) -> EventContent | None:
    """Someone joined a chapter: the chapter and its new member count, never who (no
    personal data: a key's scopes give no access to chapter members)."""
    chapter = Chapter.objects.filter(pk=chapter_id).first()
    if chapter is None:
        return None
    return EventContent(
        data={
            "chapter": _chapter(chapter),
            "membership_id": membership_id,
            "member_count": ChapterMembership.objects.active().filter(chapter=chapter).count(),
        },
        audience=_visibility_audience(event, chapter.visibility),
    )


def enquiry_event(event: str, *, enquiry_id: int, **_: Any) -> EventContent | None:
    """A brokered enquiry changed status: told to the key that sent it (or its institution's
    subscriptions) and to the institution a member sent it for; never who was asked."""
    enquiry = Enquiry.objects.filter(pk=enquiry_id).first()
    if enquiry is None:
        return None
    owners = Q(pk__in=[])
    if enquiry.partner_key_id is not None:
        key = ApiKey.objects.filter(pk=enquiry.partner_key_id).first()
        owners |= Q(partner_key_id=enquiry.partner_key_id)
        if key is not None and key.institution_id is not None:
            owners |= Q(institution_id=key.institution_id)
    if enquiry.institution_id is not None:
        owners |= Q(institution_id=enquiry.institution_id)
    return EventContent(
        data={
            "enquiry": {
                "id": str(enquiry.public_id),
                "status": enquiry.status,
                "type": enquiry.type,
                "outcome": enquiry.outcome,
                "url": absolute("api-enquiry-detail", enquiry.public_id),
            }
        },
        audience=_subscribers(event).filter(owners),
    )


BUILDERS: dict[str, Callable[..., EventContent | None]] = {
    WebhookEvent.PROJECT_PUBLISHED: project_event,
    WebhookEvent.PROJECT_CLOSED: project_event,
    WebhookEvent.MATCH_CREATED: match_event,
    WebhookEvent.INVITATION_ACCEPTED: invitation_event,
    WebhookEvent.OUTCOME_RECORDED: outcome_event,
    WebhookEvent.EVENT_PUBLISHED: chapter_event_published,
    WebhookEvent.CHAPTER_MEMBER_JOINED: member_joined_event,
    WebhookEvent.ENQUIRY_STATUS_CHANGED: enquiry_event,
}


def event_content(event: str, refs: dict[str, Any]) -> EventContent | None:
    """The payload data and audience of `event`, or None when there is nothing to send."""
    return BUILDERS[WebhookEvent(event)](event, **refs)
