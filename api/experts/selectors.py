"""What an API key may read of experts, ready to serialise (relations prefetched, so a page of
results costs a fixed number of queries)."""

from django.db.models import Prefetch, QuerySet

from partners.models import ApiKey
from profiles.choices import Visibility
from profiles.models import ExpertProfile, ExpertSkill, FieldOfScience, State


def expert_list_visible_to_key(*, key: ApiKey) -> QuerySet[ExpertProfile]:
    """Listed profiles (onboarded, active, never hidden): public ones for every key, and
    members-only ones too for keys of a verified institution, as its members see them."""
    audience = [Visibility.PUBLIC]
    if key.sees_members_content:
        audience.append(Visibility.MEMBERS)
    return ExpertProfile.objects.listed().filter(visibility__in=audience)


def expert_list_for_key(*, key: ApiKey) -> QuerySet[ExpertProfile]:
    return (
        expert_list_visible_to_key(key=key)
        .select_related("user", "origin_state")
        .prefetch_related(
            Prefetch("fields", queryset=FieldOfScience.objects.order_by("code")),
            Prefetch(
                "skill_links",
                queryset=ExpertSkill.objects.select_related("skill").order_by(
                    "-years", "skill__pk"
                ),
            ),
            "languages",
            "education",
            "portfolio",
            Prefetch("states_of_interest", queryset=State.objects.order_by("code")),
        )
    )
