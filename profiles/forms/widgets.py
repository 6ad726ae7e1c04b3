"""Widgets shared by the filter forms."""

from typing import Any

from django import forms
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
        if chosen:
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
