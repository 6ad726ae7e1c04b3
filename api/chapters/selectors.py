"""What an API key may read of chapters and events: what the public sees, and members-only
ones too for keys of a verified institution (as its members see them on the site)."""

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from chapters.models import (
    Chapter,
    ChapterVisibility,
    Event,
    EventStatus,
    MembershipState,
)
from partners.models import ApiKey


def _audience(key: ApiKey) -> list[str]:
    if key.sees_members_content:
        return [ChapterVisibility.PUBLIC, ChapterVisibility.MEMBERS]
    return [ChapterVisibility.PUBLIC]


def chapter_list_for_key(*, key: ApiKey) -> QuerySet[Chapter]:
    return (
        Chapter.objects.filter(visibility__in=_audience(key))
        .select_related("state", "region")
        .annotate(
            member_count=Count("memberships", filter=Q(memberships__state=MembershipState.ACTIVE))
        )
    )


def event_list_for_key(*, key: ApiKey, upcoming_only: bool = False) -> QuerySet[Event]:
    events = (
        Event.objects.filter(status=EventStatus.PUBLISHED, visibility__in=_audience(key))
        .filter(Q(chapter__isnull=True) | Q(chapter__visibility__in=_audience(key)))
        .select_related("chapter")
        .with_counts()
    )
    if upcoming_only:
        events = events.filter(ends_at__gte=timezone.now())
    return events
