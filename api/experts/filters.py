"""Query filters of the expert list (django-filter)."""

import django_filters
from django.contrib.postgres.search import SearchQuery
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from api.filters import SinceFilter
from profiles.choices import CollaborationType, Sector, language_choices
from profiles.models import (
    ExpertLanguage,
    ExpertProfile,
    ExpertSkill,
    FieldOfScience,
    Skill,
    State,
)
from profiles.selectors.experts import search_terms
from profiles.services.experts import SEARCH_CONFIG


def _field_and_subfields(field: FieldOfScience) -> Q:
    return Q(fieldofscience=field) | Q(fieldofscience__parent=field)


class ExpertFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_text",
        max_length=200,
        help_text=_(
            "Texto libre: nombre, titular, semblanza, habilidades (prefijos, sin acentos)."
        ),
    )
    skill = django_filters.ModelChoiceFilter(
        queryset=Skill.objects.all(),
        to_field_name="slug",
        method="filter_skill",
        help_text=_("Identificador (slug) de una habilidad; incluye sus habilidades hijas."),
    )
    field = django_filters.ModelChoiceFilter(
        queryset=FieldOfScience.objects.all(),
        to_field_name="code",
        method="filter_field",
        help_text=_("Clave de un campo (p. ej. «2.6»); un campo principal incluye sus subcampos."),
    )
    country = django_filters.CharFilter(
        field_name="country",
        lookup_expr="iexact",
        max_length=2,
        help_text=_("País de residencia, código ISO 3166-1 alfa-2 (p. ej. «US»)."),
    )
    origin_state = django_filters.ModelChoiceFilter(
        queryset=State.objects.all(),
        to_field_name="code",
        field_name="origin_state",
        help_text=_("Clave del estado de origen (p. ej. «16»)."),
    )
    language = django_filters.ChoiceFilter(
        choices=language_choices,
        method="filter_language",
        help_text=_("Código ISO 639-1 de un idioma que habla."),
    )
    collaboration_type = django_filters.ChoiceFilter(
        choices=CollaborationType.choices,
        method="filter_collaboration_type",
        help_text=_("Un tipo de colaboración que ofrece."),
    )
    sector = django_filters.ChoiceFilter(choices=Sector.choices)
    updated_after = SinceFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text=_("Solo perfiles cambiados desde esta fecha y hora (ISO 8601)."),
    )

    class Meta:
        model = ExpertProfile
        fields: list[str] = []

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        terms = search_terms(value)
        if not terms:
            return queryset
        query = SearchQuery(
            " & ".join(f"{term}:*" for term in terms), config=SEARCH_CONFIG, search_type="raw"
        )
        return queryset.filter(
            Q(search_vector=query) | Q(search_text__trigram_word_similar=" ".join(terms))
        )

    def filter_skill(self, queryset: QuerySet, name: str, value: Skill) -> QuerySet:
        links = ExpertSkill.objects.filter(Q(skill=value) | Q(skill__parent=value))
        return queryset.filter(pk__in=links.values("profile_id"))

    def filter_field(self, queryset: QuerySet, name: str, value: FieldOfScience) -> QuerySet:
        through = ExpertProfile.fields.through.objects.filter(_field_and_subfields(value))
        return queryset.filter(pk__in=through.values("expertprofile_id"))

    def filter_language(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            pk__in=ExpertLanguage.objects.filter(code=value).values("profile_id")
        )

    def filter_collaboration_type(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(collaboration_types__contains=[value])
