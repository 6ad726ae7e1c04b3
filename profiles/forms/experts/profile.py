"""The plain sections of a profile: who you are, where you are, what you can offer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from profiles.choices import CollaborationType, Motivation, Sector
from profiles.forms.choosers import TimezoneChoiceField
from profiles.forms.experts.fields import https_urls
from profiles.models import ExpertProfile, State
from profiles.validators import normalize_orcid, validate_orcid

# The profile attributes each form edits (its Meta.fields, and the initial values it shows).
WHO_FIELDS = ["headline", "bio", "current_position", "employer", "sector"]
WHERE_FIELDS = ["country", "city", "timezone", "origin_state", "origin_municipality", "origin_tie"]
OFFER_FIELDS = [
    "collaboration_types",
    "hours_per_month",
    "max_concurrent_engagements",
    "is_paused",
    "open_to_introductions",
    "introductions_per_quarter",
    "modality_preference",
    "willing_to_travel",
    "states_of_interest",
    "sectors_of_interest",
    "orcid",
    "linkedin_url",
    "website_url",
    "visibility",
    "allows_aggregate_statistics",
    "motivations",
    "return_intention",
]


# --- 1. Who you are ----------------------------------------------------------------------------


class WhoForm(forms.ModelForm):
    name = forms.CharField(
        label=_("Nombre completo"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    privacy_consent = forms.BooleanField(
        label=_("He leído y acepto el aviso de privacidad."),
        error_messages={"required": _("Para continuar debes aceptar el aviso de privacidad.")},
    )

    class Meta:
        model = ExpertProfile
        fields = WHO_FIELDS
        widgets = {"bio": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "bio": _("Qué haces, en qué has trabajado y qué te interesa de tu región de origen."),
        }

    field_order = ["name", "headline", "bio", "current_position", "employer", "sector"]


# --- 2. Where you are and where you come from ---------------------------------------------------


class WhereForm(forms.ModelForm):
    timezone = TimezoneChoiceField(
        label=_("Zona horaria"),
        required=False,
        help_text=_("Agrupadas por país: escribe tu ciudad o tu país para buscarla."),
    )
    origin_state = forms.ModelChoiceField(
        label=_("Estado de origen"), queryset=State.objects.all(), required=False
    )

    class Meta:
        model = ExpertProfile
        fields = WHERE_FIELDS
        help_texts = {
            "origin_state": _("El estado con el que tienes un vínculo."),
        }


# --- 4. What you can offer ---------------------------------------------------------------------


class OfferForm(forms.ModelForm):
    collaboration_types = forms.MultipleChoiceField(
        label=_("Tipos de colaboración que ofrezco"),
        choices=CollaborationType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    hours_per_month = forms.IntegerField(
        label=_("Horas al mes"),
        min_value=0,
        max_value=200,
        initial=0,
        error_messages={
            "min_value": _("Las horas al mes no pueden ser negativas."),
            "max_value": _("Como máximo 200 horas al mes."),
        },
        help_text=_("Cuánto tiempo podrías dedicar a la red, en promedio."),
    )
    max_concurrent_engagements = forms.IntegerField(
        label=_("Máximo de colaboraciones simultáneas"),
        min_value=1,
        max_value=20,
        initial=1,
        error_messages={
            "min_value": _("Al menos una colaboración a la vez."),
            "max_value": _("Como máximo 20 colaboraciones a la vez."),
        },
    )
    # Brokered introductions: left out of a post, the limit keeps its current value.
    introductions_per_quarter = forms.IntegerField(
        label=_("Presentaciones por trimestre"),
        min_value=0,
        max_value=20,
        required=False,
        help_text=_("Cuántas veces por trimestre puede preguntarte el equipo de Puentes."),
    )
    states_of_interest = forms.ModelMultipleChoiceField(
        label=_("Estados de interés"),
        queryset=State.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sectors_of_interest = forms.MultipleChoiceField(
        label=_("Sectores de interés"),
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    orcid = forms.CharField(
        label=_("ORCID iD"),
        required=False,
        max_length=60,
        validators=[validate_orcid],
        help_text=_("Por ejemplo 0000-0002-1825-0097 o https://orcid.org/0000-0002-1825-0097."),
    )
    motivations = forms.MultipleChoiceField(
        label=_("¿Qué te motiva a participar? (opcional)"),
        choices=Motivation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ExpertProfile
        formfield_callback = https_urls
        fields = OFFER_FIELDS
        widgets = {
            "modality_preference": forms.RadioSelect,
            "visibility": forms.RadioSelect,
        }
        labels = {"return_intention": _("¿Piensas regresar a México? (opcional)")}
        help_texts = {
            "linkedin_url": _("Solo lo ven las instituciones cuando aceptan colaborar contigo."),
            "website_url": _("Solo lo ven las instituciones cuando aceptan colaborar contigo."),
        }

    def clean_orcid(self) -> str:
        value = self.cleaned_data["orcid"]
        return normalize_orcid(value) if value else ""

    def clean_introductions_per_quarter(self) -> int:
        value = self.cleaned_data.get("introductions_per_quarter")
        if value is None:
            return int(self.initial.get("introductions_per_quarter") or 2)
        return int(value)
