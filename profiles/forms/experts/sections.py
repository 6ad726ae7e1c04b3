"""One object per profile page (onboarding step or edit section), whatever forms it needs.

Section forms are built without an instance (initial values come from the profile), so an
invalid submission never touches the profile object; the views hand `payload()` to a service.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import model_to_dict

from profiles.forms.experts.knowledge import (
    EDUCATION_FIELDS,
    PORTFOLIO_FIELDS,
    EducationFormSet,
    KnowledgeForm,
    LanguageFormSet,
    PortfolioFormSet,
    formset_rows,
    skills_as_text,
)
from profiles.forms.experts.profile import (
    OFFER_FIELDS,
    WHERE_FIELDS,
    WHO_FIELDS,
    OfferForm,
    WhereForm,
    WhoForm,
)
from profiles.models import ExpertProfile, FieldOfScience
from profiles.services.experts import (
    SECTION_KNOWLEDGE,
    SECTION_OFFER,
    SECTION_WHERE,
    SECTION_WHO,
)


class SectionForms:
    """The form (and, for "what you know", the formsets) of one profile section."""

    FORM_CLASSES: dict[str, tuple[type[forms.ModelForm], list[str]]] = {
        SECTION_WHO: (WhoForm, WHO_FIELDS),
        SECTION_WHERE: (WhereForm, WHERE_FIELDS),
        SECTION_OFFER: (OfferForm, OFFER_FIELDS),
    }

    def __init__(
        self, *, section: str, profile: ExpertProfile, data: dict[str, Any] | None = None
    ) -> None:
        self.section = section
        self.form: forms.BaseForm
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
                        model_to_dict(e, fields=EDUCATION_FIELDS) for e in profile.education.all()
                    ],
                ),
                "portfolio": PortfolioFormSet(
                    data,
                    prefix="portfolio",
                    initial=[
                        model_to_dict(p, fields=PORTFOLIO_FIELDS) for p in profile.portfolio.all()
                    ],
                ),
            }
            return
        form_class, fields = self.FORM_CLASSES[section]
        initial = model_to_dict(profile, fields=fields)
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
            "languages": [
                (r["code"], r["level"]) for r in formset_rows(self.formsets["languages"])
            ],
            "education": formset_rows(self.formsets["education"]),
            "portfolio": formset_rows(self.formsets["portfolio"]),
        }
