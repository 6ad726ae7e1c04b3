"""What an API key may read of projects and collaborations, ready to serialise (a fixed number
of queries per page)."""

from types import SimpleNamespace as Row

from django.db.models import Count, Prefetch, QuerySet

from api.experts.selectors import expert_list_visible_to_key
from api.serializers import attach_fields, attach_rows, rows_of
from partners.models import ApiKey
from projects.choices import ProjectVisibility
from projects.models import Engagement, Invitation, Outcome, Project, ProjectSkill
from projects.models.projects import PUBLIC_STATUSES


def _audience(key: ApiKey) -> list[str]:
    """Members-only projects are for keys of a verified institution, like for members."""
    if key.sees_members_content:
        return [ProjectVisibility.PUBLIC, ProjectVisibility.MEMBERS]
    return [ProjectVisibility.PUBLIC]


def _with_card_data(queryset: QuerySet[Project]) -> QuerySet[Project]:
    return queryset.select_related("institution", "state").prefetch_related(
        Prefetch(
            "skill_links",
            queryset=ProjectSkill.objects.select_related("skill").order_by("skill__slug"),
            to_attr=rows_of("skill_links"),
        ),
        Prefetch("fields", to_attr=rows_of("fields")),
    )


def project_list_published_for_key(*, key: ApiKey) -> QuerySet[Project]:
    """The public list: published projects the key may see that still look for people (a
    staffed or paused need leaves it; its page stays). Without the skills and fields:
    `project_rows_attach` reads those for the page."""
    return (
        Project.objects.taking_experts()
        .filter(visibility__in=_audience(key))
        .select_related("institution", "state")
    )


def project_list_public_for_key(*, key: ApiKey) -> QuerySet[Project]:
    """A project page: past moderation (published, closed, in progress, completed)."""
    return _with_card_data(
        Project.objects.filter(status__in=PUBLIC_STATUSES, visibility__in=_audience(key))
    )


def project_list_of_key_institution(*, key: ApiKey) -> QuerySet[Project]:
    """Every project of the key's institution, in any status (drafts included); none for a
    partner organisation's key."""
    if key.institution_id is None:
        return Project.objects.none()
    return _with_card_data(Project.objects.filter(institution_id=key.institution_id))


def invitation_list_of_key_institution(*, key: ApiKey) -> QuerySet[Invitation]:
    if key.institution_id is None:
        return Invitation.objects.none()
    # An invitation to a profile hidden since (or of a suspended or deleted account) drops
    # out when read; engagements stay (both sides agreed and exchanged contacts).
    return Invitation.objects.filter(
        project__institution_id=key.institution_id,
        expert__in=expert_list_visible_to_key(key=key),
    ).select_related("project", "expert__user")


def engagement_list_of_key_institution(*, key: ApiKey) -> QuerySet[Engagement]:
    if key.institution_id is None:
        return Engagement.objects.none()
    return (
        Engagement.objects.filter(project__institution_id=key.institution_id)
        .select_related("project", "expert__user")
        .annotate(outcomes_count=Count("outcomes"))
    )


def outcome_list_of_engagement(*, engagement: Engagement) -> QuerySet[Outcome]:
    return Outcome.objects.filter(engagement=engagement).order_by("-occurred_on", "-pk")


def project_rows_attach(projects: list[Project]) -> None:
    """What the serializer reads of each project's skills and fields, as plain values in the
    order `_with_card_data`'s prefetches give (one query each, no model instances)."""
    ids = [project.pk for project in projects]
    skills = ProjectSkill.objects.filter(project_id__in=ids).order_by("skill__slug")
    attach_rows(
        projects,
        "skill_links",
        (
            (owner, Row(required=required, skill=Row(slug=slug, name_es=name_es, name_en=name_en)))
            for owner, required, slug, name_es, name_en in skills.values_list(
                "project_id", "required", "skill__slug", "skill__name_es", "skill__name_en"
            )
        ),
    )
    attach_fields(projects, Project.fields.through.objects.all(), "project_id")
