"""Facts matching derives from projects' rows, written in the transaction that changes them.

An invitation marks its suggestion "invited", an interest marks it "interested", and every
change to an expert's invitations or engagements updates the counts on their document (pending
invitations feed the ranking penalty, active engagements the capacity). These used to be tasks;
a task lost with the broker (a Redis restart) left the facts wrong until a person acted again.
Here they are a handful of indexed queries the receivers run synchronously inside the sender's
transaction: they commit with the invitation or not at all, with or without a worker.
"""

from __future__ import annotations

from collections.abc import Iterable

from matching.documents import expert_availability
from matching.models import ExpertIndex
from profiles.models import ExpertProfile
from projects.choices import RequestStatus
from projects.models import Engagement, Invitation


def expert_counts_refresh(*, profile_ids: Iterable[int]) -> int:
    """Rewrite the invitation and engagement counts (and the availability they decide) on the
    documents of these experts from projects' rows. Idempotent; three queries per expert that
    has a document, none for one without (its first full refresh counts). Returns how many
    documents changed."""
    changed = 0
    ids = sorted(set(profile_ids))
    profiles = ExpertProfile.objects.select_related("user").filter(
        pk__in=ids, match_index__isnull=False
    )
    for profile in profiles:
        active = Engagement.objects.active().filter(expert_id=profile.pk).count()
        pending = Invitation.objects.filter(
            expert_id=profile.pk, status=RequestStatus.PENDING
        ).count()
        available, capacity_left = expert_availability(profile, active_engagements=active)
        changed += ExpertIndex.objects.filter(profile_id=profile.pk).update(
            pending_invitations=pending, capacity_left=capacity_left, is_available=available
        )
    return changed


def expert_ids_for_project(project_id: int) -> set[int]:
    """Experts whose counts a project's bulk change (cancelled, completed) may have moved."""
    invited = Invitation.objects.filter(project_id=project_id).values_list("expert_id", flat=True)
    engaged = Engagement.objects.filter(project_id=project_id).values_list("expert_id", flat=True)
    return set(invited) | set(engaged)
