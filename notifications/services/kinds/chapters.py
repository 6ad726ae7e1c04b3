"""Notices about chapters and events: a request answered, an invitation, an announcement, a
need shared with a chapter, a seat freed from the waiting list, an event starting tomorrow, a
chapter left without coordination (to staff)."""

from django.urls import reverse
from django.utils import timezone

from chapters.models import (
    Announcement,
    Chapter,
    ChapterInvitation,
    ChapterMembership,
    Event,
    EventRegistration,
    MembershipState,
)
from notifications.models import Kind
from notifications.services.kinds.shared import excerpt, name_of, project_path
from notifications.services.notify import (
    email_only_create,
    notification_create,
    notifications_create,
)
from profiles.models import User
from projects.models import Project


def _members(chapter_id: int, *, exclude: int | None = None) -> list[User]:
    return list(
        User.objects.filter(
            chapter_memberships__chapter_id=chapter_id,
            chapter_memberships__state=MembershipState.ACTIVE,
            is_active=True,
        )
        .exclude(pk__in=[exclude] if exclude else [])
        .order_by("pk")
    )


def chapter_request_answered(*, membership_id: int, approved: bool) -> None:
    membership = ChapterMembership.objects.select_related("chapter", "user").get(pk=membership_id)
    chapter = membership.chapter
    notification_create(
        recipient=membership.user,
        kind=Kind.CHAPTER_REQUEST_ANSWERED,
        key=f"chapter_request:{membership.pk}:{membership.state}:{membership.state_changed_at}",
        target=chapter,
        payload={
            "chapter_name": chapter.name_es,
            "chapter_name_en": chapter.name_en,
            "approved": approved,
            "reason": "" if approved else membership.reason,
            "url": reverse("chapters:detail", args=[chapter.slug]),
        },
    )


def coordination_vacated(*, chapter_id: int, user_id: int) -> None:
    """Tell staff (who appoint coordinators, in the admin) that a chapter lost its last one."""
    chapter = Chapter.objects.get(pk=chapter_id)
    requests = ChapterMembership.objects.filter(
        chapter_id=chapter_id, state=MembershipState.REQUESTED
    ).count()
    notifications_create(
        recipients=User.objects.filter(is_staff=True, is_active=True).order_by("pk"),
        kind=Kind.CHAPTER_COORDINATION_VACATED,
        key=f"chapter_coordination_vacated:{chapter_id}:{user_id}",
        target=chapter,
        payload={
            "chapter_name": chapter.name_es,
            "chapter_name_en": chapter.name_en,
            "requests": requests,
            "url": reverse("admin:chapters_chaptermembership_changelist")
            + f"?chapter__id__exact={chapter_id}",
        },
    )


def chapter_invited(*, invitation_id: int, url: str) -> None:
    """E-mail the signed link; an existing account also sees the invitation in the site."""
    invitation = ChapterInvitation.objects.select_related("chapter", "invited_by").get(
        pk=invitation_id
    )
    payload = {
        "chapter_name": invitation.chapter.name_es,
        "chapter_name_en": invitation.chapter.name_en,
        "inviter_name": name_of(invitation.invited_by),
        "url": url,
    }
    key = f"chapter_invitation:{invitation.pk}"
    invitee = User.objects.filter(email__iexact=invitation.email, is_active=True).first()
    if invitee is not None:
        notification_create(
            recipient=invitee, kind=Kind.CHAPTER_INVITATION, key=key, payload=payload
        )
    else:
        email_only_create(
            email=invitation.email, kind=Kind.CHAPTER_INVITATION, key=key, payload=payload
        )


def announcement_sent(*, announcement_id: int) -> None:
    """One notice per active member (each e-mailed per their preference for announcements,
    nobody once they unsubscribed from them); the key makes a repeat write nothing."""
    announcement = Announcement.objects.select_related("chapter", "sent_by").get(pk=announcement_id)
    notifications_create(
        recipients=_members(announcement.chapter_id, exclude=announcement.sent_by_id),
        kind=Kind.CHAPTER_ANNOUNCEMENT,
        key=f"chapter_announcement:{announcement.pk}",
        target=announcement.chapter,
        payload={
            "chapter_name": announcement.chapter.name_es,
            "chapter_name_en": announcement.chapter.name_en,
            "subject": announcement.subject,
            "body": excerpt(announcement.body),
            "sender_name": name_of(announcement.sent_by),
            "url": reverse("chapters:detail", args=[announcement.chapter.slug]),
        },
    )


def project_shared(*, chapter_id: int, project_id: int, by_id: int | None) -> None:
    project = Project.objects.select_related("institution").get(pk=project_id)
    chapter = Chapter.objects.get(pk=chapter_id)
    notifications_create(
        recipients=_members(chapter_id, exclude=by_id),
        kind=Kind.CHAPTER_PROJECT_SHARED,
        key=f"chapter_project_shared:{chapter_id}:{project_id}",
        target=project,
        payload={
            "chapter_name": chapter.name_es,
            "chapter_name_en": chapter.name_en,
            "project_title": project.title,
            "institution_name": project.institution.name,
            "url": project_path(project.pk),
        },
    )


def _event_payload(event: Event) -> dict[str, object]:
    return {
        "event_title": event.title_es,
        "event_title_en": event.title_en,
        "starts_at": event.starts_at.isoformat(),
        "event_timezone": event.timezone,
        "url": reverse("chapters:event_detail", args=[event.pk]),
    }


def event_seat_promoted(*, registration_id: int) -> None:
    registration = EventRegistration.objects.select_related("event", "user").get(pk=registration_id)
    notification_create(
        recipient=registration.user,
        kind=Kind.EVENT_SEAT_PROMOTED,
        key=f"event_seat_promoted:{registration.pk}:{registration.promoted_at or timezone.now()}",
        target=registration.event,
        payload=_event_payload(registration.event),
    )


def event_reminder(*, event_id: int, user_ids: list[int]) -> None:
    event = Event.objects.get(pk=event_id)
    notifications_create(
        recipients=User.objects.filter(pk__in=user_ids).order_by("pk"),
        kind=Kind.EVENT_REMINDER,
        key=f"event_reminder:{event.pk}",
        target=event,
        payload=_event_payload(event),
    )
