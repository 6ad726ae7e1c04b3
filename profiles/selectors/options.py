"""The long choice lists of the filter forms (skills, fields, countries, languages), built once
per language and taxonomy version and cached, so a page renders only the chosen option and the
browser loads the rest from `profiles:options` (static/js/options.js)."""

import hashlib
import re
from collections.abc import Callable

from django.core.cache import cache
from django.db.models import Count, Max
from django.utils.translation import get_language, get_language_info
from django_countries import countries

from profiles.choices import language_choices
from profiles.models import FieldOfScience, Skill
from profiles.models.reference import normalize_term

Options = list[tuple[str, str]]
CACHE_SECONDS = 3600


def natural_key(code: str) -> tuple[int | str, ...]:
    """ "2.10" after "2.9": the numeric parts of a code compare as numbers."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", code))


def _skills() -> Options:
    skills = Skill.objects.approved().only("slug", "name_es", "name_en")
    return sorted(((s.slug, s.name) for s in skills), key=lambda o: normalize_term(o[1]))


def _fields() -> Options:
    fields = sorted(FieldOfScience.objects.all(), key=lambda f: natural_key(f.code))
    return [(f.code, f"— {f.name}" if f.parent_id else f.name) for f in fields]


def _countries() -> Options:
    return [(str(code), str(name)) for code, name in countries]


def languages_by_name() -> Options:
    """By name in the reader's language, with the language's own name when it differs."""
    options = []
    for code, local in language_choices():
        translated = str(get_language_info(code)["name_translated"])
        label = (
            translated
            if normalize_term(translated) == normalize_term(local)
            else (f"{translated} ({local})")
        )
        options.append((code, label[:1].upper() + label[1:]))
    return sorted(options, key=lambda o: normalize_term(o[1]))


BUILDERS: dict[str, Callable[[], Options]] = {
    "habilidades": _skills,
    "campos": _fields,
    "paises": _countries,
    "idiomas": languages_by_name,
}


def taxonomy_version() -> str:
    """Changes when a skill or field is added, removed, approved or renamed (one cheap query)."""
    skills = Skill.objects.aggregate(n=Count("pk"), last=Max("pk"), at=Max("created_at"))
    names = Skill.objects.approved().order_by("pk").values_list("name_es", "name_en")
    text = repr((sorted(skills.items()), list(names), FieldOfScience.objects.count()))
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def option_list(*, kind: str, version: str) -> Options:
    """The options of `kind` in the active language (raises KeyError for an unknown kind)."""
    builder = BUILDERS[kind]
    key = f"profiles:options:{kind}:{get_language()}:{version}"
    options = cache.get(key)
    if options is None:
        options = builder()
        cache.set(key, options, CACHE_SECONDS)
    return options
