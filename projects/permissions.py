"""Who may act for an institution's projects and for an engagement."""

from typing import cast

from profiles.models import Membership, User


def is_institution_member(user: object, institution_id: int) -> bool:
    """Any member (liaison or institution admin) acts for the institution's projects."""
    if not getattr(user, "is_authenticated", False):
        return False
    member = cast(User, user)  # only a logged-in User is authenticated
    return Membership.objects.filter(user=member, institution_id=institution_id).exists()
