"""Searchable pickers of the edit forms (profile, onboarding, project): plain <select>s that
static/js/choosers.js turns into Tom Select widgets (static/vendor/tom-select). Each option can
carry extra search text (the other language, synonyms, codes) in `data-search`, which Tom
Select reads as the option's `search` field. Without JavaScript the form is the plain select
and posts the same values."""

from collections import defaultdict
from collections.abc import Callable, Iterator
from functools import cache
from importlib import resources
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from profiles.choices import timezone_choices
from profiles.models import FieldOfScience, Skill
from profiles.models.reference import normalize_term
from profiles.selectors.options import languages_by_name as language_options
from profiles.selectors.options import natural_key

SearchText = Callable[[Any], str]


class ChooserMixin:
    """Marks the select for choosers.js and adds each option's search text."""

    def __init__(
        self, *, search: SearchText | None = None, attrs: dict[str, Any] | None = None, **kw: Any
    ) -> None:
        attrs = {
            "data-chooser": "1",
            "data-chooser-empty": _("Nada coincide con lo que escribiste."),
            "data-chooser-remove": _("Quitar"),
            **(attrs or {}),
        }
        super().__init__(attrs=attrs, **kw)  # type: ignore[call-arg]
        self.search = search

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option: dict[str, Any] = super().create_option(name, value, *args, **kwargs)  # type: ignore[misc]
        if self.search is not None and value not in ("", None):
            # A model choice's value carries its row (ModelChoiceIteratorValue.instance).
            subject = getattr(value, "instance", value)
            text = self.search(subject)
            if text:
                option["attrs"]["data-search"] = text
        return option


class ChooserSelect(ChooserMixin, forms.Select):
    pass


class ChooserSelectMultiple(ChooserMixin, forms.SelectMultiple):
    pass


# --- Skills and fields: both languages, synonyms, codes ----------------------------------------


def skill_search_text(skill: Skill) -> str:
    return " ".join([skill.name_es, skill.name_en, *skill.synonyms])


def field_search_text(field: FieldOfScience) -> str:
    return f"{field.code} {field.name_es} {field.name_en}"


class SortedIterator(ModelChoiceIterator):
    """The queryset's rows in the field's `sort_key` order (a few hundred rows at most)."""

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        sort_key = getattr(self.field, "sort_key")  # noqa: B009 - declared by the field classes below
        for obj in sorted(self.queryset, key=sort_key):
            yield self.choice(obj)


class SkillMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Approved skills by name in the reader's language, found by either name or a synonym."""

    iterator = SortedIterator

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", ChooserSelectMultiple(search=skill_search_text))
        super().__init__(queryset=Skill.objects.approved(), **kwargs)

    def label_from_instance(self, obj: Skill) -> str:
        return obj.name

    @staticmethod
    def sort_key(obj: Skill) -> str:
        return normalize_term(obj.name)


class FieldMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Fields of knowledge in the natural order of their codes: 2.9 before 2.10."""

    iterator = SortedIterator

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", ChooserSelectMultiple(search=field_search_text))
        super().__init__(queryset=FieldOfScience.objects.all(), **kwargs)

    def label_from_instance(self, obj: FieldOfScience) -> str:
        # Subfields are indented under their major field in the list.
        return f"{obj.code} {obj.name}" if obj.parent_id is None else f"— {obj.code} {obj.name}"

    @staticmethod
    def sort_key(obj: FieldOfScience) -> tuple[int | str, ...]:
        return natural_key(obj.code)


# --- Languages by name -------------------------------------------------------------------------


def language_search_text(code: str) -> str:
    info = get_language_info(code)
    return f"{code} {info['name']} {info['name_local']}"


def language_select(**attrs: Any) -> ChooserSelect:
    return ChooserSelect(
        search=language_search_text,
        choices=lambda: [("", "—"), *language_options()],
        attrs=attrs,
    )


def language_select_multiple(**attrs: Any) -> ChooserSelectMultiple:
    return ChooserSelectMultiple(search=language_search_text, choices=language_options, attrs=attrs)


# --- Time zones by country ---------------------------------------------------------------------


@cache
def _zones_by_country() -> dict[str, list[str]]:
    """Country code → its zones, from the tz database's zone.tab (the `tzdata` package)."""
    text = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
    zones: dict[str, list[str]] = defaultdict(list)
    for line in text.splitlines():
        if line and not line.startswith("#"):
            country, _coordinates, zone = line.split("\t")[:3]
            zones[country].append(zone)
    return dict(zones)


def zone_label(zone: str) -> str:
    """ "America/Argentina/Buenos_Aires" → "Buenos Aires (Argentina)"."""
    parts = [p.replace("_", " ") for p in zone.split("/")[1:]] or [zone]
    return f"{parts[-1]} ({parts[0]})" if len(parts) > 1 else parts[-1]


@cache
def _timezone_groups(language: str) -> list[tuple[str, list[tuple[str, str]]]]:
    known = dict(timezone_choices())
    groups = []
    with translation.override(language):
        for code, name in countries:
            zones = [z for z in _zones_by_country().get(code, []) if z in known]
            if zones:
                groups.append(
                    (str(name), sorted(((z, zone_label(z)) for z in zones), key=lambda o: o[1]))
                )
    return sorted(groups, key=lambda g: normalize_term(g[0]))


def timezone_groups() -> list[tuple[str, Any]]:
    """A blank choice, then the zones grouped by country name in the active language."""
    return [("", "—"), *_timezone_groups(get_language() or "es")]


@cache
def _zone_countries() -> dict[str, str]:
    return {zone: code for code, zones in _zones_by_country().items() for zone in zones}


def timezone_search_text(zone: str) -> str:
    return _zone_search_text(zone, get_language() or "es")


@cache
def _zone_search_text(zone: str, language: str) -> str:
    code = _zone_countries().get(zone, "")
    if not code:
        return zone
    with translation.override("en"):
        english = str(countries.name(code))
    with translation.override(language):
        local = str(countries.name(code))
    return " ".join(dict.fromkeys([zone, local, english]))


class TimezoneSelect(ChooserSelect):
    """Grouped by country; a zone outside zone.tab (an old alias such as "US/Pacific") that a
    profile already holds is kept, under "Otras zonas", so saving does not clear it."""

    def optgroups(
        self, name: str, value: list[Any], attrs: dict[str, Any] | None = None
    ) -> list[tuple[str | None, list[dict[str, Any]], int | None]]:
        groups = super().optgroups(name, value, attrs)
        chosen = next((v for v in value if v), None)
        shown = {o["value"] for _group, options, _index in groups for o in options}
        if chosen is not None and chosen not in shown:
            option = self.create_option(name, chosen, chosen, True, len(groups), attrs=attrs)
            groups.append((str(_("Otras zonas")), [option], len(groups)))
        return groups


class TimezoneChoiceField(forms.ChoiceField):
    """Any IANA zone the profile validator accepts; the browser's zone is proposed on an empty
    field (choosers.js, `data-browser-timezone`)."""

    def __init__(self, **kwargs: Any) -> None:
        widget = TimezoneSelect(search=timezone_search_text, attrs={"data-browser-timezone": "1"})
        super().__init__(choices=timezone_groups, widget=widget, **kwargs)

    def valid_value(self, value: str) -> bool:
        return value in dict(timezone_choices())


# --- The expert's typed skills, with a finder -------------------------------------------------


class SkillsTextarea(forms.Textarea):
    """The typed "skill: years" list, and under it (once JavaScript shows it) a searchable finder
    of the known skills that adds the chosen one as a line, for the person to type the years.
    The finder's select has an empty name, so browsers never post it: the list is what counts,
    and it still takes terms the vocabulary lacks (they go to review)."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        textarea = super().render(name, value, attrs, renderer)
        field_id = (attrs or {}).get("id") or f"id_{name}"
        skills = sorted(Skill.objects.approved(), key=lambda s: normalize_term(s.name))
        texts = {s.name: skill_search_text(s) for s in skills}
        finder = ChooserSelect(
            search=lambda skill_name: texts.get(skill_name, ""),
            choices=[("", "—"), *((s.name, s.name) for s in skills)],
            attrs={
                "id": f"{field_id}_finder",
                "data-skill-finder": field_id,
                "data-chooser-placeholder": _("Escribe en español o en inglés…"),
            },
        )
        return format_html(
            '{}<div class="skill-finder" hidden><label for="{}">{}</label>{}'
            '<span class="helptext">{}</span></div>',
            textarea,
            f"{field_id}_finder",
            _("Buscar en nuestro vocabulario"),
            finder.render("", None, renderer=renderer),
            _("Elige una habilidad para añadirla a la lista y escribe después sus años."),
        )
