"""Who may act for an institution's projects and for an engagement."""

from profiles.models import Membership


def is_institution_member(user: object, institution_id: int) -> bool:
    """Any member (liaison or institution admin) acts for the institution's projects."""
    if not getattr(user, "is_authenticated", False):
        return False
    return Membership.objects.filter(user=user, institution_id=institution_id).exists()
