"""Reads for the engagement page."""

from dataclasses import dataclass

from profiles.models import User
from projects.models import Engagement
from projects.permissions import is_institution_member
from projects.selectors.contacts import attach_contacts, engagements_with_parties


@dataclass
class EngagementPage:
    engagement: Engagement
    is_expert: bool
    is_member: bool

    @property
    def can_act(self) -> bool:
        return self.is_expert or self.is_member


def engagement_page(*, user: User, pk: int) -> EngagementPage:
    """An engagement its parties (and platform staff) may open; else Engagement.DoesNotExist."""
    engagements = engagements_with_parties().prefetch_related("outcomes__recorded_by", "follow_ups")
    if not getattr(user, "is_staff", False):
        engagements = engagements.filter(pk__in=Engagement.objects.involving(user).values("pk"))
    engagement = engagements.get(pk=pk)
    attach_contacts([engagement])
    return EngagementPage(
        engagement=engagement,
        is_expert=engagement.expert.user_id == user.pk,
        is_member=is_institution_member(user, engagement.project.institution_id),
    )
