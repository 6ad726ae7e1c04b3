"""What the chapters app does when other apps announce something (connected in
ChaptersConfig.ready())."""

from typing import Any

from django.utils import timezone

from chapters.models import (
    ChapterMembership,
    EventRegistration,
    MembershipState,
    RegistrationState,
)
from chapters.services import membership_leave, registration_cancel
from profiles.models import User


def on_account_deleted(sender: Any, user_id: int, **kwargs: Any) -> None:
    """A deleted account leaves its chapters and gives up its places at upcoming events (a
    freed seat goes to the first person waiting), as if the person had done it."""
    user = User.objects.get(pk=user_id)
    memberships = ChapterMembership.objects.filter(
        user_id=user_id, state__in=[MembershipState.ACTIVE, MembershipState.REQUESTED]
    )
    for membership in memberships:
        membership_leave(membership=membership, by=user, account_deleted=True)
    registrations = (
        EventRegistration.objects.filter(
            user_id=user_id, event__ends_at__gt=timezone.now(), checked_in_at__isnull=True
        )
        .exclude(state=RegistrationState.CANCELLED)
        .select_related("event")
    )
    for registration in registrations:
        registration_cancel(registration=registration, by=user)
