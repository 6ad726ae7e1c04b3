"""Query filters of the institution and skill lists (django-filter)."""

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from profiles.models import FieldOfScience, Institution, Skill, State
from profiles.models.reference import normalize_term


class InstitutionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        field_name="name",
        lookup_expr="unaccent__icontains",
        max_length=200,
        help_text=_("Parte del nombre (sin importar acentos ni mayúsculas)."),
    )
    state = django_filters.ModelChoiceFilter(
        queryset=State.objects.all(),
        to_field_name="code",
        help_text=_("Clave del estado."),
    )
    kind = django_filters.ChoiceFilter(choices=Institution.Kind.choices)

    class Meta:
        model = Institution
        fields: list[str] = []


class SkillFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_text",
        max_length=200,
        help_text=_("Parte del nombre en español o inglés, o un sinónimo."),
    )
    field = django_filters.ModelChoiceFilter(
        queryset=FieldOfScience.objects.all(),
        to_field_name="code",
        method="filter_field",
        help_text=_("Clave de un campo; un campo principal incluye sus subcampos."),
    )

    class Meta:
        model = Skill
        fields: list[str] = []

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name_es__unaccent__icontains=value)
            | Q(name_en__unaccent__icontains=value)
            | Q(search_keys__contains=[normalize_term(value)])
        )

    def filter_field(self, queryset: QuerySet, name: str, value: FieldOfScience) -> QuerySet:
        return queryset.filter(Q(field=value) | Q(field__parent=value))
