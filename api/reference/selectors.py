"""Reference data and verified institutions as the API lists them (any valid key reads them)."""

from django.db.models import QuerySet

from profiles.models import FieldOfScience, Institution, Skill, State


def state_list() -> QuerySet[State]:
    return State.objects.order_by("code")


def field_list() -> QuerySet[FieldOfScience]:
    return FieldOfScience.objects.select_related("parent").order_by("code")


def skill_list_approved() -> QuerySet[Skill]:
    return Skill.objects.approved().select_related("parent", "field").order_by("slug")


def institution_list_verified() -> QuerySet[Institution]:
    return Institution.objects.verified().select_related("state")
