"""Who may not work with whom: the experts in conflict with an institution.

An expert is in conflict with an institution when they (their account) are a member of it, or
when either side declared a conflict. Every path that puts an expert in front of a need asks
here: suggestions, interests, invitations and match rounds.
"""

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from profiles.models import ConflictOfInterest, ExpertProfile, Membership, User


def _conflict_q(institution_id: int) -> Q:
    return Q(user__memberships__institution_id=institution_id) | Q(
        conflicts__institution_id=institution_id
    )


def conflicted_expert_ids(institution_id: int) -> frozenset[int]:
    """Ids of the expert profiles in conflict with the institution (one query)."""
    return frozenset(
        ExpertProfile.objects.filter(_conflict_q(institution_id)).values_list("pk", flat=True)
    )


def conflicted_expert_ids_by_institution(
    institution_ids: Iterable[int],
) -> dict[int, frozenset[int]]:
    """`conflicted_expert_ids` for many institutions, in two queries."""
    ids = set(institution_ids)
    found: dict[int, set[int]] = {i: set() for i in ids}
    members = ExpertProfile.objects.filter(user__memberships__institution_id__in=ids).values_list(
        "pk", "user__memberships__institution_id"
    )
    declared = ConflictOfInterest.objects.filter(institution_id__in=ids).values_list(
        "expert_id", "institution_id"
    )
    for expert_id, institution_id in [*members, *declared]:
        found[institution_id].add(expert_id)
    return {i: frozenset(v) for i, v in found.items()}


def is_conflicted(*, expert_id: int, institution_id: int) -> bool:
    return ExpertProfile.objects.filter(_conflict_q(institution_id), pk=expert_id).exists()


def conflict_list_for(user: User) -> QuerySet[ConflictOfInterest]:
    """The declarations the user may see: as the expert, or as a member of the institution."""
    return (
        ConflictOfInterest.objects.filter(
            Q(expert__user=user) | Q(institution__memberships__user=user)
        )
        .select_related("expert__user", "institution")
        .distinct()
    )


def conflicted_institution_ids(expert_id: int) -> frozenset[int]:
    """The institutions an expert is in conflict with (the other direction, one query each)."""
    members = Membership.objects.filter(user__expert_profile__pk=expert_id).values_list(
        "institution_id", flat=True
    )
    declared = ConflictOfInterest.objects.filter(expert_id=expert_id).values_list(
        "institution_id", flat=True
    )
    return frozenset([*members, *declared])
