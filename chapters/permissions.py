"""Who may do what in a chapter: questions about a person and a chapter, no writes."""

from chapters.models import Chapter, ChapterMembership
from profiles.permissions import signed_in


def membership_of(user: object, chapter: Chapter) -> ChapterMembership | None:
    if not signed_in(user):
        return None
    return ChapterMembership.objects.filter(chapter=chapter, user=user).first()


def coordinates(user: object, chapter: Chapter | None) -> bool:
    """Staff, or an active coordinator or co-coordinator of `chapter` (network-wide events,
    `chapter=None`, are staff's)."""
    if not signed_in(user):
        return False
    if user.is_staff:
        return True
    if chapter is None:
        return False
    return ChapterMembership.objects.coordinating().filter(chapter=chapter, user=user).exists()


def is_active_member(user: object, chapter: Chapter) -> bool:
    if not signed_in(user):
        return False
    return ChapterMembership.objects.active().filter(chapter=chapter, user=user).exists()
