"""Reads of chapters: the directory, a chapter's page, suggestions, the roster."""

import datetime
import zoneinfo
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.postgres.lookups import Unaccent
from django.db.models import Count, F, Min, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils import timezone
from django.utils.translation import get_language

from chapters.models import (
    Chapter,
    ChapterKind,
    ChapterMembership,
    Event,
    MembershipState,
    SharedProject,
    bilingual,
)
from chapters.models.chapters import ChapterQuerySet
from chapters.permissions import coordinates
from profiles.choices import Sector
from profiles.models import ExpertProfile, FieldOfScience, User
from profiles.models.reference import normalize_term
from profiles.permissions import signed_in
from projects.models import Project

UPCOMING_ON_PAGE = 5


def viewer_zone(user: object) -> zoneinfo.ZoneInfo:
    """The viewer's time zone: their expert profile's, else the site's."""
    name = ""
    if signed_in(user):
        profile = ExpertProfile.objects.filter(user=user).only("timezone").first()
        name = profile.timezone if profile else ""
    try:
        return zoneinfo.ZoneInfo(name or settings.TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def next_event_end(*, now: datetime.datetime) -> datetime.datetime | None:
    """The end of the next event to end (of any chapter, published or not): the moment the
    anonymous chapter and event pages kept whole stop being true (chapters.fragments)."""
    found: datetime.datetime | None = Event.objects.filter(ends_at__gte=now).aggregate(
        end=Min("ends_at")
    )["end"]
    return found


def coordinates_own(user: object, chapter: Chapter) -> bool:
    """A coordinator of this very chapter (staff are not, unless they coordinate it): the only
    people who see its members' hidden profiles."""
    return (
        signed_in(user)
        and ChapterMembership.objects.coordinating().filter(chapter=chapter, user=user).exists()
    )


def _shown_name_key() -> Lower:
    """The name a chapter shows (`Chapter.name`) without case or accents, to sort the directory
    by in SQL as normalize_term sorts the other lists (the collation puts "Á" after "z")."""
    english = (get_language() or "es").startswith("en")
    shown = Coalesce(NullIf("name_en", Value("")), "name_es") if english else F("name_es")
    return Lower(Unaccent(shown))


def chapter_list(*, user: object, filters: dict[str, Any]) -> ChapterQuerySet:
    chapters = Chapter.objects.visible_to(user).select_related("state", "region")
    if filters.get("kind"):
        chapters = chapters.filter(kind=filters["kind"])
    if filters.get("country"):
        chapters = chapters.filter(country=filters["country"])
    if filters.get("state"):
        chapters = chapters.filter(state=filters["state"])
    annotated: ChapterQuerySet = chapters.annotate(
        member_count=Count("memberships", filter=Q(memberships__state=MembershipState.ACTIVE))
    ).order_by("kind", _shown_name_key(), "pk")
    return annotated


def chapter_get(*, user: object, slug: str) -> Chapter:
    return Chapter.objects.visible_to(user).select_related("state", "region").get(slug=slug)


def chapter_get_coordinated(*, user: object, slug: str) -> Chapter:
    """A chapter `user` coordinates (staff: any); DoesNotExist otherwise."""
    chapter = Chapter.objects.select_related("state").get(slug=slug)
    if not coordinates(user, chapter):
        raise Chapter.DoesNotExist
    return chapter


@dataclass
class ChapterPage:
    chapter: Chapter
    membership: ChapterMembership | None
    is_coordinator: bool
    coordinators: list[ChapterMembership]
    member_count: int
    by_sector: list[dict[str, Any]]
    by_field: list[dict[str, Any]]
    events: list[Event]
    shared: list[SharedProject]
    pending_count: int


def chapter_page(*, user: object, chapter: Chapter) -> ChapterPage:
    """Everything the chapter page shows, in a fixed number of queries."""
    active = ChapterMembership.objects.active().filter(chapter=chapter)
    membership = (
        ChapterMembership.objects.filter(chapter=chapter, user=user).first()
        if signed_in(user)
        else None
    )
    sectors = dict(Sector.choices)  # shown by name in the reader's language, not by code
    language = "en" if (get_language() or "es").startswith("en") else "es"
    by_sector = [
        {**row, "sector": sectors.get(row["sector"], row["sector"])}
        for row in active.exclude(user__expert_profile__sector__isnull=True)
        .values(sector=F("user__expert_profile__sector"))
        .annotate(count=Count("pk"))
        .order_by("-count", "sector")
    ]
    by_field = [
        {"name": bilingual(row["es"], row["en"]), "count": row["count"]}
        for row in ExpertProfile.fields.through.objects.filter(
            expertprofile__user__chapter_memberships__chapter=chapter,
            expertprofile__user__chapter_memberships__state=MembershipState.ACTIVE,
        )
        .values(es=F("fieldofscience__name_es"), en=F("fieldofscience__name_en"))
        .annotate(count=Count("pk"))
        .order_by("-count", Lower(Unaccent(F(f"fieldofscience__name_{language}"))))[:10]
    ]
    events = list(
        Event.objects.visible_to(user)
        .filter(chapter=chapter)
        .upcoming(timezone.now())
        .with_counts()
        .order_by("starts_at")[:UPCOMING_ON_PAGE]
    )
    shared = list(
        SharedProject.objects.filter(
            chapter=chapter, project__in=Project.objects.listed_for(user)
        ).select_related("project", "project__institution")[:10]
    )
    is_coordinator = coordinates(user, chapter)
    return ChapterPage(
        chapter=chapter,
        membership=membership,
        is_coordinator=is_coordinator,
        coordinators=list(
            active.filter(role__in=["coordinator", "co_coordinator"]).select_related("user")
        ),
        member_count=active.count(),
        by_sector=by_sector,
        by_field=by_field,
        events=events,
        shared=shared,
        pending_count=(
            ChapterMembership.objects.requested().filter(chapter=chapter).count()
            if is_coordinator
            else 0
        ),
    )


def chapter_list_suggested(*, user: User) -> list[Chapter]:
    """Chapters to suggest: abroad where the person lives (same city first, then the same
    country), and the state node of their state of origin; not those they are already in, nor
    those whose coordinators removed them (they cannot join again by themselves)."""
    profile = ExpertProfile.objects.filter(user=user).first()
    if profile is None:
        return []
    wanted = Q(pk__in=[])
    if profile.country:
        wanted |= Q(kind=ChapterKind.ABROAD, country=profile.country)
    if profile.origin_state_id:
        wanted |= Q(kind=ChapterKind.STATE_NODE, state_id=profile.origin_state_id)
    chapters = (
        Chapter.objects.visible_to(user)
        .active()
        .filter(wanted)
        .exclude(
            memberships__user=user,
            memberships__state__in=[
                MembershipState.ACTIVE,
                MembershipState.REQUESTED,
                MembershipState.REMOVED,
            ],
        )
        .select_related("state")
    )
    city = (profile.city or "").strip().lower()
    return sorted(
        chapters[:20],
        key=lambda c: (
            c.kind != ChapterKind.ABROAD or c.city.strip().lower() != city,
            normalize_term(c.name),
        ),
    )[:5]


def membership_list_requested(*, chapter: Chapter) -> QuerySet[ChapterMembership]:
    return (
        ChapterMembership.objects.requested()
        .filter(chapter=chapter)
        .select_related("user", "user__expert_profile")
        .order_by("requested_at")
    )


def membership_list_roster(
    *, user: object, chapter: Chapter, filters: dict[str, Any]
) -> QuerySet[ChapterMembership]:
    """Active members with their profiles, as `user` may see them: a coordinator of this
    chapter sees every member (hidden profiles included); a member sees the profiles the
    directory would show them."""
    memberships = ChapterMembership.objects.active().filter(
        chapter=chapter, user__expert_profile__isnull=False
    )
    if not coordinates_own(user, chapter):
        memberships = memberships.filter(
            user__expert_profile__in=ExpertProfile.objects.visible_to(user)  # type: ignore[arg-type]
        )
    profile = "user__expert_profile__"
    for key, lookup in (
        ("sector", "sector"),
        ("field", "fields"),
        ("skill", "skills"),
        ("origin_state", "origin_state"),
        ("language", "languages__code"),
    ):
        if filters.get(key):
            memberships = memberships.filter(**{profile + lookup: filters[key]})
    return (
        memberships.distinct()
        .select_related("user", "user__expert_profile", "user__expert_profile__origin_state")
        .prefetch_related(
            Prefetch(
                "user__expert_profile__fields",
                queryset=FieldOfScience.objects.order_by("code"),
            )
        )
        .order_by("user__name", "pk")
    )
