"""The directory's filters."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from profiles.choices import CollaborationType, Sector, language_choices
from profiles.forms.experts.fields import FieldChoiceField, SkillChoiceField, blank_choice
from profiles.forms.search import SearchField
from profiles.forms.widgets import ChosenLabelsMixin, OnDemandSelect
from profiles.models import FieldOfScience, Skill, State


class DirectoryForm(ChosenLabelsMixin):
    q = SearchField(
        label=_("Buscar"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Nombre, habilidad, campo, puesto… en español o en inglés."),
    )
    field = FieldChoiceField(
        label=_("Campo de conocimiento"),
        queryset=FieldOfScience.objects.order_by("code"),
        to_field_name="code",
        required=False,
        empty_label=_("Todos"),
        widget=OnDemandSelect("campos"),
    )
    skill = SkillChoiceField(
        label=_("Habilidad"),
        queryset=Skill.objects.approved().order_by("name_es"),
        to_field_name="slug",
        required=False,
        empty_label=_("Todas"),
        widget=OnDemandSelect("habilidades"),
    )
    country = forms.ChoiceField(
        label=_("País de residencia"), required=False, widget=OnDemandSelect("paises")
    )
    origin_state = forms.ModelChoiceField(
        label=_("Estado de origen"),
        queryset=State.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("Todos"),
    )
    language = forms.ChoiceField(
        label=_("Idioma"),
        required=False,
        choices=blank_choice(_("Todos")) + language_choices(),
        widget=OnDemandSelect("idiomas"),
    )
    collaboration_type = forms.ChoiceField(
        label=_("Tipo de colaboración"),
        required=False,
        choices=blank_choice(_("Todos")) + list(CollaborationType.choices),
    )
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=blank_choice(_("Todos")) + list(Sector.choices)
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # self.fields holds plain Fields for type checkers; this one is declared above.
        country = cast(forms.ChoiceField, self.fields["country"])
        country.choices = blank_choice(_("Todos")) + list(countries)

    def filters(self) -> dict[str, Any]:
        """Valid filters only: a bad value in one box does not empty the whole directory."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            "text": cleaned.get("q") or "",
            "field": cleaned.get("field"),
            "skill": cleaned.get("skill"),
            "country": cleaned.get("country") or "",
            "origin_state": cleaned.get("origin_state"),
            "language": cleaned.get("language") or "",
            "collaboration_type": cleaned.get("collaboration_type") or "",
            "sector": cleaned.get("sector") or "",
        }
