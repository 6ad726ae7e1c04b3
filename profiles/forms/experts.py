"""Forms of the expert screens: the four profile sections, the directory filters, my data.

Section forms are built without an instance (initial values come from the profile), so an
invalid submission never touches the profile object; the views hand `payload()` to a service.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms import formset_factory, model_to_dict
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from profiles.choices import (
    CollaborationType,
    LanguageLevel,
    Motivation,
    Sector,
    language_choices,
    timezone_choices,
)
from profiles.models import Education, ExpertProfile, FieldOfScience, PortfolioItem, Skill, State
from profiles.models.reference import normalize_term
from profiles.services.experts import (
    SECTION_KNOWLEDGE,
    SECTION_OFFER,
    SECTION_WHERE,
    SECTION_WHO,
)
from profiles.validators import normalize_orcid, validate_language_code, validate_orcid

MAX_SKILLS = 30
MAX_SKILL_YEARS = 70


def _blank(label: Any = "—") -> list[tuple[str, Any]]:
    return [("", label)]


def _https_urls(db_field: models.Field, **kwargs: Any) -> forms.Field | None:
    # People type "orcid.org/…" or "www.linkedin.com/…": assume https, not http.
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


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
        fields = ["headline", "bio", "current_position", "employer", "sector"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "bio": _("Qué haces, en qué has trabajado y qué te interesa de tu región de origen."),
        }

    field_order = ["name", "headline", "bio", "current_position", "employer", "sector"]


# --- 2. Where you are and where you come from ---------------------------------------------------


class WhereForm(forms.ModelForm):
    timezone = forms.ChoiceField(
        label=_("Zona horaria"), required=False, choices=_blank() + timezone_choices()
    )
    origin_state = forms.ModelChoiceField(
        label=_("Estado de origen"), queryset=State.objects.all(), required=False
    )

    class Meta:
        model = ExpertProfile
        fields = [
            "country",
            "city",
            "timezone",
            "origin_state",
            "origin_municipality",
            "origin_tie",
        ]
        help_texts = {
            "origin_state": _("El estado con el que tienes un vínculo."),
        }


# --- 3. What you know --------------------------------------------------------------------------


def parse_skills(text: str) -> list[tuple[str, int]]:
    """ "Machine learning: 5, Python: 3" or one per line → [(term, years)]; errors in Spanish."""
    entries = [e.strip() for line in text.splitlines() for e in line.split(",")]
    parsed: list[tuple[str, int]] = []
    seen: set[str] = set()
    errors: list[ValidationError] = []
    for entry in filter(None, entries):
        term, separator, years_text = entry.rpartition(":")
        if not separator:
            term, years_text = entry, ""
        term, years_text = " ".join(term.split()), years_text.strip()
        if not term:
            errors.append(
                ValidationError(
                    _("Falta el nombre de la habilidad en «%(entry)s»."), params={"entry": entry}
                )
            )
            continue
        if len(term) > 100:
            errors.append(
                ValidationError(
                    _("«%(term)s…» es demasiado largo para una habilidad."),
                    params={"term": term[:30]},
                )
            )
            continue
        years = 0
        if years_text:
            if not years_text.isdigit() or int(years_text) > MAX_SKILL_YEARS:
                errors.append(
                    ValidationError(
                        _(
                            "«%(entry)s»: los años de experiencia deben ser un número entero "
                            "entre 0 y 70."
                        ),
                        params={"entry": entry},
                    )
                )
                continue
            years = int(years_text)
        key = normalize_term(term)
        if key in seen:
            continue
        seen.add(key)
        parsed.append((term, years))
    if errors:
        raise ValidationError(errors)
    if len(parsed) > MAX_SKILLS:
        raise ValidationError(
            _("Indica como máximo %(max)s habilidades: las más importantes."),
            params={"max": MAX_SKILLS},
        )
    return parsed


def skills_as_text(profile: ExpertProfile) -> str:
    return "\n".join(f"{link.skill.name}: {link.years}" for link in profile.skill_links.all())


class KnowledgeForm(forms.Form):
    fields_of_science = forms.MultipleChoiceField(
        label=_("Campos de conocimiento"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Marca los subcampos en que trabajas (clasificación de la OCDE)."),
    )
    skills = forms.CharField(
        label=_("Habilidades y años de experiencia"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "placeholder": "Machine learning: 5\nPython: 8"}),
        help_text=_(
            "Una por línea o separadas por comas, con los años de experiencia después de dos "
            "puntos. Escríbelas en español o en inglés: las reconocemos. Las que aún no estén "
            "en nuestro vocabulario quedan pendientes de revisión."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        majors: dict[int, tuple[str, list[tuple[str, str]]]] = {}
        for f in FieldOfScience.objects.select_related("parent").order_by("code"):
            if f.parent_id is None:
                majors.setdefault(f.pk, (f.name, []))
            else:
                majors.setdefault(f.parent_id, (f.parent.name, []))[1].append((f.code, f.name))
        self.fields["fields_of_science"].choices = [
            (name, options) for name, options in majors.values() if options
        ]

    def clean_skills(self) -> list[tuple[str, int]]:
        return parse_skills(self.cleaned_data["skills"])


class LanguageForm(forms.Form):
    code = forms.CharField(
        label=_("Idioma (código ISO 639-1)"),
        max_length=12,
        widget=forms.TextInput(attrs={"list": "language-codes", "size": 4}),
        help_text=_("Dos letras: es, en, fr, de…"),
    )
    # A blank first choice, so an untouched extra row stays empty (and is skipped).
    level = forms.ChoiceField(label=_("Nivel"), choices=_blank() + list(LanguageLevel.choices))

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip().lower()
        validate_language_code(code)
        return code


class BaseLanguageFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        seen: set[str] = set()
        for form in self.forms:
            if self._should_delete_form(form) or not form.cleaned_data:
                continue
            code = form.cleaned_data.get("code")
            if code in seen:
                raise ValidationError(
                    _("Indicaste el idioma «%(code)s» dos veces."), params={"code": code}
                )
            seen.add(code)


class EducationForm(forms.ModelForm):
    class Meta:
        model = Education
        fields = ["degree", "field", "institution", "year"]


class PortfolioForm(forms.ModelForm):
    class Meta:
        model = PortfolioItem
        formfield_callback = _https_urls
        fields = ["kind", "title", "summary", "year", "url"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 2})}


LanguageFormSet = formset_factory(
    LanguageForm, formset=BaseLanguageFormSet, extra=1, can_delete=True, max_num=15
)
EducationFormSet = formset_factory(EducationForm, extra=1, can_delete=True, max_num=20)
PortfolioFormSet = formset_factory(PortfolioForm, extra=1, can_delete=True, max_num=30)


def _rows(formset: forms.BaseFormSet) -> list[dict[str, Any]]:
    """Cleaned rows of a formset, without blank extra rows and rows marked for deletion."""
    rows = []
    for form in formset.forms:
        if not form.cleaned_data or formset._should_delete_form(form):
            continue
        rows.append({k: v for k, v in form.cleaned_data.items() if k != "DELETE"})
    return rows


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
        formfield_callback = _https_urls
        fields = [
            "collaboration_types",
            "hours_per_month",
            "max_concurrent_engagements",
            "is_paused",
            "modality_preference",
            "willing_to_travel",
            "states_of_interest",
            "sectors_of_interest",
            "orcid",
            "linkedin_url",
            "website_url",
            "visibility",
            "motivations",
            "return_intention",
        ]
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


# --- Sections: one object per page, whatever forms it needs ------------------------------------


class SectionForms:
    """The form (and, for "what you know", the formsets) of one profile section."""

    FORM_CLASSES = {SECTION_WHO: WhoForm, SECTION_WHERE: WhereForm, SECTION_OFFER: OfferForm}

    def __init__(
        self, *, section: str, profile: ExpertProfile, data: dict[str, Any] | None = None
    ) -> None:
        self.section = section
        self.formsets: dict[str, forms.BaseFormSet] = {}
        if section == SECTION_KNOWLEDGE:
            self.form = KnowledgeForm(
                data,
                initial={
                    "fields_of_science": [f.code for f in profile.fields.all()],
                    "skills": skills_as_text(profile),
                },
            )
            self.formsets = {
                "languages": LanguageFormSet(
                    data,
                    prefix="languages",
                    initial=[{"code": x.code, "level": x.level} for x in profile.languages.all()],
                ),
                "education": EducationFormSet(
                    data,
                    prefix="education",
                    initial=[
                        model_to_dict(e, fields=EducationForm._meta.fields)
                        for e in profile.education.all()
                    ],
                ),
                "portfolio": PortfolioFormSet(
                    data,
                    prefix="portfolio",
                    initial=[
                        model_to_dict(p, fields=PortfolioForm._meta.fields)
                        for p in profile.portfolio.all()
                    ],
                ),
            }
            return
        form_class = self.FORM_CLASSES[section]
        initial = model_to_dict(profile, fields=form_class._meta.fields)
        if section == SECTION_WHO:
            initial["name"] = profile.user.name
            initial["privacy_consent"] = profile.privacy_consent_at is not None
        self.form = form_class(data, initial=initial)

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        for formset in self.formsets.values():
            valid = formset.is_valid() and valid
        return valid

    def add_error(self, error: ValidationError) -> None:
        self.form.add_error(None, error.messages)

    def payload(self) -> dict[str, Any]:
        """What the profile services take (call after is_valid())."""
        cleaned = dict(self.form.cleaned_data)
        if self.section != SECTION_KNOWLEDGE:
            return cleaned
        return {
            "fields": list(FieldOfScience.objects.filter(code__in=cleaned["fields_of_science"])),
            "skills": cleaned["skills"],
            "languages": [(r["code"], r["level"]) for r in _rows(self.formsets["languages"])],
            "education": _rows(self.formsets["education"]),
            "portfolio": _rows(self.formsets["portfolio"]),
        }


# --- Directory ---------------------------------------------------------------------------------


class FieldChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: FieldOfScience) -> str:
        return f"— {obj.name}" if obj.parent_id else obj.name


class SkillChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Skill) -> str:
        return obj.name


class DirectoryForm(forms.Form):
    q = forms.CharField(
        label=_("Buscar"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Nombre, habilidad, campo, puesto… en español o en inglés."),
    )
    field = FieldChoiceField(
        label=_("Campo de conocimiento"),
        queryset=FieldOfScience.objects.order_by("code"),
        to_field_name="code",
        required=False,
        empty_label=_("Todos"),
    )
    skill = SkillChoiceField(
        label=_("Habilidad"),
        queryset=Skill.objects.approved().order_by("name_es"),
        to_field_name="slug",
        required=False,
        empty_label=_("Todas"),
    )
    country = forms.ChoiceField(label=_("País de residencia"), required=False)
    origin_state = forms.ModelChoiceField(
        label=_("Estado de origen"),
        queryset=State.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("Todos"),
    )
    language = forms.ChoiceField(
        label=_("Idioma"), required=False, choices=_blank(_("Todos")) + language_choices()
    )
    collaboration_type = forms.ChoiceField(
        label=_("Tipo de colaboración"),
        required=False,
        choices=_blank(_("Todos")) + list(CollaborationType.choices),
    )
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=_blank(_("Todos")) + list(Sector.choices)
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = _blank(_("Todos")) + list(countries)

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


# --- My data -----------------------------------------------------------------------------------


class AccountDeleteForm(forms.Form):
    email = forms.EmailField(
        label=_("Escribe tu correo electrónico para confirmar"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        if email.casefold() != self.user.email.casefold():
            raise ValidationError(
                _("Ese no es el correo de tu cuenta. Escríbelo tal cual para confirmar."),
                code="email_mismatch",
            )
        return email
