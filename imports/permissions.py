"""Who may import members: platform staff anywhere, chapter coordinators into their chapter."""

from django.db.models import QuerySet

from chapters.models import Chapter, ChapterMembership
from profiles.permissions import signed_in


def chapters_coordinated(user: object) -> QuerySet[Chapter]:
    if not signed_in(user):
        return Chapter.objects.none()
    ids = ChapterMembership.objects.coordinating().filter(user=user).values("chapter_id")
    return Chapter.objects.filter(pk__in=ids)


def may_import(user: object) -> bool:
    if not signed_in(user):
        return False
    return bool(user.is_staff) or chapters_coordinated(user).exists()
