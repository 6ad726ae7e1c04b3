"""What an API key may read of the matching engine's suggestions."""

from django.db.models import QuerySet

from api.experts.selectors import expert_list_visible_to_key
from matching.models import Match
from partners.models import ApiKey
from projects.models import Project


def match_list_of_key_project(*, key: ApiKey, project_pk: int) -> QuerySet[Match]:
    """The suggestions for one of the key's institution's projects, best first, without the
    ones the institution dismissed nor experts the key may not see. Raises
    Project.DoesNotExist for a project of another institution."""
    if key.institution_id is None:
        raise Project.DoesNotExist  # a partner organisation's key has no projects
    project = Project.objects.filter(institution_id=key.institution_id).get(pk=project_pk)
    return (
        Match.objects.filter(project=project)
        .for_institution_view()
        .filter(expert__in=expert_list_visible_to_key(key=key).filter(is_paused=False))
        .select_related("expert__user")
        .order_by("-rank_score", "pk")
    )
