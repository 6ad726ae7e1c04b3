"""Fields and choice helpers the expert forms share."""

from typing import Any

from django import forms
from django.db import models

from profiles.forms.choosers import SortedIterator
from profiles.models import FieldOfScience, Skill
from profiles.models.reference import normalize_term


def blank_choice(label: Any = "—") -> list[tuple[str, Any]]:
    return [("", label)]


def https_urls(db_field: models.Field, **kwargs: Any) -> forms.Field | None:
    """A ModelForm's formfield_callback: URL fields assume https when the scheme is missing."""
    # People type "orcid.org/…" or "www.linkedin.com/…": assume https, not http.
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


class FieldChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: FieldOfScience) -> str:
        return f"— {obj.name}" if obj.parent_id else obj.name


class SkillChoiceField(forms.ModelChoiceField):
    """Skills by name in the reader's language, when the whole list is drawn."""

    iterator = SortedIterator

    def label_from_instance(self, obj: Skill) -> str:
        return obj.name

    @staticmethod
    def sort_key(obj: Skill) -> str:
        return normalize_term(obj.name)
