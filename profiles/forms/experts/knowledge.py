"""The "what you know" section: fields of knowledge, skills and the row formsets."""

import re
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from profiles.choices import LanguageLevel
from profiles.forms.choosers import SkillsTextarea, language_select
from profiles.forms.experts.fields import blank_choice, https_urls
from profiles.models import Education, ExpertProfile, FieldOfScience, PortfolioItem
from profiles.models.reference import normalize_term
from profiles.selectors.options import natural_key
from profiles.validators import validate_language_code

MAX_SKILLS = 30
MAX_SKILL_YEARS = 70
# ASCII digits only: str.isdigit() is also true for "²", "①" and other scripts' digits, which
# int() refuses or reads in ways a person did not mean.
YEARS = re.compile(r"[0-9]{1,3}")
EDUCATION_FIELDS = ["degree", "field", "institution", "year"]
PORTFOLIO_FIELDS = ["kind", "title", "summary", "year", "url"]


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
            if not YEARS.fullmatch(years_text) or int(years_text) > MAX_SKILL_YEARS:
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
        widget=SkillsTextarea(attrs={"rows": 5, "placeholder": "Machine learning: 5\nPython: 8"}),
        help_text=_(
            "Una por línea o separadas por comas, con los años de experiencia después de dos "
            "puntos. Escríbelas en español o en inglés: las reconocemos. Las que aún no estén "
            "en nuestro vocabulario quedan pendientes de revisión."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        majors: dict[int, tuple[str, list[tuple[str, str]]]] = {}
        fields = FieldOfScience.objects.select_related("parent")
        # Natural order of the codes: 2.1, 2.2 … 2.9, 2.10, 2.11 (issue 12).
        for f in sorted(fields, key=lambda f: natural_key(f.code)):
            if f.parent is None:
                majors.setdefault(f.pk, (f.name, []))
            else:
                majors.setdefault(f.parent.pk, (f.parent.name, []))[1].append((f.code, f.name))
        # self.fields holds plain Fields for type checkers; this one is declared above.
        fields_of_science = cast(forms.MultipleChoiceField, self.fields["fields_of_science"])
        fields_of_science.choices = [
            (name, options) for name, options in majors.values() if options
        ]

    def clean_skills(self) -> list[tuple[str, int]]:
        return parse_skills(self.cleaned_data["skills"])


class LanguageForm(forms.Form):
    # A select by name that posts the ISO 639-1 code; any valid code typed by a client is kept.
    code = forms.CharField(label=_("Idioma"), max_length=12, widget=language_select())
    # A blank first choice, so an untouched extra row stays empty (and is skipped).
    level = forms.ChoiceField(
        label=_("Nivel"), choices=blank_choice() + list(LanguageLevel.choices)
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip().lower()
        validate_language_code(code)
        return code


class BaseLanguageFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        seen: set[str] = set()
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE", False):
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
        fields = EDUCATION_FIELDS


class PortfolioForm(forms.ModelForm):
    class Meta:
        model = PortfolioItem
        formfield_callback = https_urls
        fields = PORTFOLIO_FIELDS
        widgets = {"summary": forms.Textarea(attrs={"rows": 2})}


def bounded_formset(
    form: type[forms.BaseForm], max_num: int, **kwargs: Any
) -> type[forms.BaseFormSet]:
    """A formset of at most `max_num` rows that never builds more: the page renders at most
    that many, and a POST whose *-TOTAL_FORMS says more (10**20…) gets the translated "too many
    forms" error after building only `max_num` forms. (Django's default absolute_max is
    max_num + 1000, which costs seconds and megabytes per request.)"""
    return formset_factory(
        form,
        extra=1,
        can_delete=True,
        max_num=max_num,
        absolute_max=max_num,
        validate_max=True,
        **kwargs,
    )


LanguageFormSet = bounded_formset(LanguageForm, 15, formset=BaseLanguageFormSet)
EducationFormSet = bounded_formset(EducationForm, 20)
PortfolioFormSet = bounded_formset(PortfolioForm, 30)


def formset_rows(formset: forms.BaseFormSet) -> list[dict[str, Any]]:
    """Cleaned rows of a formset, without blank extra rows and rows marked for deletion."""
    rows = []
    for form in formset.forms:
        if not form.cleaned_data or form.cleaned_data.get("DELETE", False):
            continue
        rows.append({k: v for k, v in form.cleaned_data.items() if k != "DELETE"})
    return rows
