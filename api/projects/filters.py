"""Query filters of the project, invitation and engagement lists (django-filter)."""

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from api.filters import SinceFilter
from profiles.choices import CollaborationType, language_choices
from profiles.models import FieldOfScience, Institution, Skill, State
from projects.choices import EngagementStatus, ProjectModality, ProjectStatus, RequestStatus
from projects.models import Engagement, Invitation, Project, ProjectSkill
from projects.models.projects import ProjectQuerySet


class IdFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_text",
        max_length=200,
        help_text=_("Texto en el título, el resumen o la descripción (sin importar acentos)."),
    )
    field = django_filters.ModelChoiceFilter(
        queryset=FieldOfScience.objects.all(),
        to_field_name="code",
        method="filter_field",
        help_text=_("Clave de un campo; un campo principal incluye sus subcampos."),
    )
    skill = django_filters.ModelChoiceFilter(
        queryset=Skill.objects.all(),
        to_field_name="slug",
        method="filter_skill",
        help_text=_("Identificador (slug) de una habilidad que el proyecto pide."),
    )
    state = django_filters.ModelChoiceFilter(
        queryset=State.objects.all(), to_field_name="code", help_text=_("Clave del estado.")
    )
    collaboration_type = django_filters.ChoiceFilter(choices=CollaborationType.choices)
    modality = django_filters.ChoiceFilter(choices=ProjectModality.choices)
    language = django_filters.ChoiceFilter(
        choices=language_choices,
        method="filter_language",
        help_text=_("Código ISO 639-1 de un idioma de trabajo."),
    )
    institution = django_filters.ModelChoiceFilter(
        queryset=Institution.objects.verified(), help_text=_("Id de una institución verificada.")
    )
    published_after = SinceFilter(
        field_name="published_at",
        lookup_expr="gte",
        help_text=_("Solo proyectos publicados desde esta fecha y hora (ISO 8601)."),
    )

    class Meta:
        model = Project
        fields: list[str] = []

    def filter_text(self, queryset: ProjectQuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value)

    def filter_field(self, queryset: QuerySet, name: str, value: FieldOfScience) -> QuerySet:
        chosen = Project.objects.filter(Q(fields=value) | Q(fields__parent=value))
        return queryset.filter(pk__in=chosen.values("pk"))

    def filter_skill(self, queryset: QuerySet, name: str, value: Skill) -> QuerySet:
        return queryset.filter(pk__in=ProjectSkill.objects.filter(skill=value).values("project_id"))

    def filter_language(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(languages__contains=[value])


class OwnProjectFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ProjectStatus.choices)
    updated_after = SinceFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text=_("Solo proyectos cambiados desde esta fecha y hora (ISO 8601)."),
    )

    class Meta:
        model = Project
        fields: list[str] = []


class InvitationFilter(django_filters.FilterSet):
    project = IdFilter(field_name="project_id", help_text=_("Id del proyecto."))
    status = django_filters.ChoiceFilter(choices=RequestStatus.choices)

    class Meta:
        model = Invitation
        fields: list[str] = []


class EngagementFilter(django_filters.FilterSet):
    project = IdFilter(field_name="project_id", help_text=_("Id del proyecto."))
    status = django_filters.ChoiceFilter(choices=EngagementStatus.choices)

    class Meta:
        model = Engagement
        fields: list[str] = []
