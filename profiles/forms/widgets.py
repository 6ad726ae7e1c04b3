"""Widgets shared by the filter forms."""

import hashlib
from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.cache import caches
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import get_language


class OnDemandSelect(forms.Select):
    """A <select> that renders only its blank choice and the chosen value; static/js/options.js
    loads the other options from the cached JSON list `profiles:options` for `kind`. Hundreds of
    <option>s per page cost more than the rest of the page (issue 20). Validation is the form
    field's, as with any select."""

    def __init__(self, kind: str, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.kind = kind
        # Labels of the chosen values, set by a form that cleaned them (ChosenLabelsMixin):
        # rendering then costs no query, so a cached form and a fresh one cost the same.
        self.known_labels: dict[str, str] | None = None

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        url = reverse("profiles:options", args=[self.kind])
        context["widget"]["attrs"]["data-options"] = f"{url}?lang={get_language() or 'es'}"
        return context

    def _shown_choices(self, chosen: set[str]) -> list[tuple[Any, Any]]:
        field = getattr(self.choices, "field", None)
        if field is None:  # a plain list of choices: keep the blank one and the chosen ones
            return [(v, label) for v, label in self.choices if v == "" or str(v) in chosen]
        shown: list[tuple[Any, Any]] = []
        if field.empty_label is not None:
            shown.append(("", field.empty_label))
        if chosen and self.known_labels is not None:
            shown.extend((v, label) for v, label in self.known_labels.items() if v in chosen)
        elif chosen:
            key = field.to_field_name or "pk"
            for obj in field.queryset.filter(**{f"{key}__in": chosen}):
                shown.append((str(getattr(obj, key)), field.label_from_instance(obj)))
        return shown

    def optgroups(
        self, name: str, value: list[Any], attrs: dict[str, Any] | None = None
    ) -> list[tuple[str | None, list[dict[str, Any]], int | None]]:
        chosen = {str(v) for v in value if v not in ("", None)}
        options = [
            self.create_option(name, v, label, str(v) in chosen, index, attrs=attrs)
            for index, (v, label) in enumerate(self._shown_choices(chosen))
        ]
        return [(None, options, 0)]


def _small_choices(field: forms.ModelChoiceField) -> list[tuple[Any, Any]]:
    """A small reference list's choices (the states), shared by each process for a few minutes:
    no event announces an edit in the admin, so the time limit bounds how long it shows late."""
    queryset = cast(QuerySet, field.queryset)
    query = hashlib.sha256(str(queryset.query).encode()).hexdigest()[:16]
    key = f"choices:{query}:{field.empty_label}:{get_language()}"
    choices = caches["fragments"].get(key)
    if choices is None:
        # Iterated, not list(): list() asks the iterator's length first, a COUNT query.
        iterator = cast(Iterable[tuple[Any, Any]], field.choices)
        choices = [(str(value), str(label)) for value, label in iterator]
        caches["fragments"].set(key, choices, settings.PAGES_FRAGMENT_SECONDS)
    return choices


class ChosenLabelsMixin(forms.Form):
    """Hands the cleaned objects' labels to its OnDemandSelect widgets, and lists every plain
    model select (a few dozen states) when the form is built, so rendering makes no query."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField) and not isinstance(
                field.widget, OnDemandSelect
            ):
                field.choices = _small_choices(field)

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelChoiceField) and isinstance(
                field.widget, OnDemandSelect
            ):
                chosen = self.cleaned_data.get(name)
                key = field.to_field_name or "pk"
                field.widget.known_labels = (
                    {str(getattr(chosen, key)): field.label_from_instance(chosen)}
                    if chosen is not None
                    else {}
                )
        return cleaned
