"""What an API key may read of experts, ready to serialise (relations prefetched, so a page of
results costs a fixed number of queries)."""

from types import SimpleNamespace as Row

from django.db.models import Prefetch, QuerySet

from api.serializers import attach_fields, attach_rows, rows_of
from partners.models import ApiKey
from profiles.choices import Visibility
from profiles.models import (
    Education,
    ExpertLanguage,
    ExpertProfile,
    ExpertSkill,
    FieldOfScience,
    PortfolioItem,
    State,
)

# What the serializer reads: not the search vector and text, the largest columns of a row.
EXPERT_COLUMNS = (
    *(
        f.name
        for f in ExpertProfile._meta.concrete_fields  # noqa: SLF001 - Django's public model API
        if f.name not in ("search_vector", "search_text")
    ),
    "user__name",
    "user__is_active",
    "origin_state__code",
    "origin_state__name",
)


def expert_list_visible_to_key(*, key: ApiKey) -> QuerySet[ExpertProfile]:
    """Listed profiles (onboarded, active, never hidden): public ones for every key, and
    members-only ones too for keys of a verified institution, as its members see them."""
    audience = [Visibility.PUBLIC]
    if key.sees_members_content:
        audience.append(Visibility.MEMBERS)
    return ExpertProfile.objects.listed().filter(visibility__in=audience)


def expert_list_for_key(*, key: ApiKey) -> QuerySet[ExpertProfile]:
    profiles = (
        expert_list_visible_to_key(key=key)
        .select_related("user", "origin_state")
        .only(*EXPERT_COLUMNS)
        .prefetch_related(
            Prefetch(
                "fields",
                queryset=FieldOfScience.objects.order_by("code"),
                to_attr=rows_of("fields"),
            ),
            Prefetch(
                "skill_links",
                queryset=ExpertSkill.objects.select_related("skill")
                .only("profile_id", "years", "skill__slug", "skill__name_es", "skill__name_en")
                .order_by("-years", "skill__pk"),
                to_attr=rows_of("skill_links"),
            ),
            *(Prefetch(name, to_attr=rows_of(name)) for name in ("languages", "education")),
            Prefetch("portfolio", to_attr=rows_of("portfolio")),
        )
    )
    if key.sees_members_content:  # only the members-only availability lists them
        profiles = profiles.prefetch_related(
            Prefetch(
                "states_of_interest",
                queryset=State.objects.order_by("code"),
                to_attr=rows_of("states_of_interest"),
            )
        )
    return profiles


def expert_list_page_for_key(*, key: ApiKey) -> QuerySet[ExpertProfile]:
    """The list's rows without their relations: `expert_rows_attach` reads those for the page."""
    return (
        expert_list_visible_to_key(key=key)
        .select_related("user", "origin_state")
        .only(*EXPERT_COLUMNS)
    )


def expert_rows_attach(profiles: list[ExpertProfile], *, key: ApiKey) -> None:
    """What the serializer reads of each profile's relations, as plain values in the order the
    prefetches of `expert_list_for_key` give (one query per relation, no model instances)."""
    ids = [profile.pk for profile in profiles]
    attach_fields(profiles, ExpertProfile.fields.through.objects.all(), "expertprofile_id")
    skills = ExpertSkill.objects.filter(profile_id__in=ids).order_by("-years", "skill__pk")
    attach_rows(
        profiles,
        "skill_links",
        (
            (owner, Row(years=years, skill=Row(slug=slug, name_es=name_es, name_en=name_en)))
            for owner, years, slug, name_es, name_en in skills.values_list(
                "profile_id", "years", "skill__slug", "skill__name_es", "skill__name_en"
            )
        ),
    )
    for name, model, columns in (
        ("languages", ExpertLanguage, ("code", "level")),
        ("education", Education, ("degree", "field", "institution", "year")),
        ("portfolio", PortfolioItem, ("kind", "title", "summary", "year", "url")),
    ):
        rows = model.objects.filter(profile_id__in=ids).values_list("profile_id", *columns)
        attach_rows(
            profiles,
            name,
            ((owner, Row(**dict(zip(columns, values, strict=True)))) for owner, *values in rows),
        )
    if key.sees_members_content:
        states = ExpertProfile.states_of_interest.through.objects.filter(
            expertprofile_id__in=ids
        ).order_by("state__code")
        attach_rows(
            profiles,
            "states_of_interest",
            (
                (owner, Row(code=code))
                for owner, code in states.values_list("expertprofile_id", "state__code")
            ),
        )
