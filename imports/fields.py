"""The profile fields a column can fill, guessing them from headers in Spanish or English, and
turning one row's cells into clean data or errors (pure once the references are loaded)."""

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from profiles.choices import LanguageLevel, language_choices
from profiles.models import FieldOfScience, State
from profiles.models.reference import normalize_term
from profiles.validators import normalize_orcid, validate_orcid

# Field name -> label shown in the mapping form.
FIELDS: dict[str, Any] = {
    "name": gettext_lazy("Nombre"),
    "email": gettext_lazy("Correo electrónico"),
    "orcid": gettext_lazy("ORCID iD"),
    "country": gettext_lazy("País de residencia"),
    "city": gettext_lazy("Ciudad de residencia"),
    "origin_state": gettext_lazy("Estado de origen"),
    "origin_municipality": gettext_lazy("Municipio de origen"),
    "employer": gettext_lazy("Organización"),
    "current_position": gettext_lazy("Puesto"),
    "headline": gettext_lazy("Titular"),
    "skills": gettext_lazy("Habilidades"),
    "fields": gettext_lazy("Campos de conocimiento"),
    "languages": gettext_lazy("Idiomas"),
    "linkedin_url": gettext_lazy("LinkedIn"),
    "website_url": gettext_lazy("Sitio web"),
}
REQUIRED = ("name", "email")
# Normalised header words (no accents, lower case) that name each field.
ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("nombre", "nombre completo", "name", "full name", "nombre y apellidos"),
    "email": ("correo", "correo electronico", "email", "e mail", "mail", "email address"),
    "orcid": ("orcid", "orcid id", "id orcid"),
    "country": ("pais", "pais de residencia", "country", "country of residence"),
    "city": ("ciudad", "ciudad de residencia", "city", "city of residence"),
    "origin_state": ("estado de origen", "estado", "origin state", "home state", "state"),
    "origin_municipality": ("municipio", "municipio de origen", "municipality"),
    "employer": (
        "organizacion",
        "institucion",
        "empleador",
        "empresa",
        "organisation",
        "organization",
        "employer",
        "institution",
        "company",
    ),
    "current_position": ("puesto", "cargo", "puesto actual", "position", "job title", "title"),
    "headline": ("titular", "headline"),
    "skills": ("habilidades", "competencias", "skills"),
    "fields": ("campos", "areas", "campo de conocimiento", "fields", "fields of knowledge"),
    "languages": ("idiomas", "lenguas", "languages"),
    "linkedin_url": ("linkedin",),
    "website_url": ("sitio web", "pagina web", "website", "web"),
}
MAX_LENGTHS = {
    "name": 200,
    "city": 120,
    "origin_municipality": 120,
    "employer": 200,
    "current_position": 200,
    "headline": 160,
}
EMAIL_MAX_LENGTH = 254
SPLIT = re.compile(r"[;,|\n]")
LEVEL_WORDS = {
    normalize_term(word): level
    for level, words in {
        LanguageLevel.NATIVE: ("nativo", "native", "materna", "c2"),
        LanguageLevel.FLUENT: ("fluido", "fluent", "avanzado", "advanced", "c1"),
        LanguageLevel.WORKING: ("de trabajo", "working", "intermedio", "intermediate", "b1", "b2"),
        LanguageLevel.BASIC: ("basico", "basic", "a1", "a2"),
    }.items()
    for word in words
}


def header_key(header: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", normalize_term(header)).split())


def mapping_guess(headers: list[str]) -> dict[str, str]:
    """Column index (str) -> field, for the headers that name a field; each field once."""
    by_alias = {alias: name for name, aliases in ALIASES.items() for alias in aliases}
    guessed: dict[str, str] = {}
    for index, header in enumerate(headers):
        name = by_alias.get(header_key(header))
        if name and name not in guessed.values():
            guessed[str(index)] = name
    return guessed


@dataclass
class References:
    """Lookups loaded once per job: names and codes (both languages) to ids and codes."""

    countries: dict[str, str] = field(default_factory=dict)
    states: dict[str, int] = field(default_factory=dict)
    fields: dict[str, int] = field(default_factory=dict)
    languages: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls) -> "References":
        refs = cls()
        for state in State.objects.all():
            for key in (state.name, state.code, state.abbreviation):
                if key:
                    refs.states[normalize_term(key)] = state.pk
        for item in FieldOfScience.objects.all():
            for key in (item.name_es, item.name_en, item.code):
                refs.fields[normalize_term(key)] = item.pk
        for language in ("es", "en"):
            with translation.override(language):
                refs.countries.update(_country_keys())
                refs.languages.update(_language_keys())
        refs.languages.update({"espanol": "es", "ingles": "en", "spanish": "es", "english": "en"})
        return refs


def _country_keys() -> dict[str, str]:
    keys = {normalize_term(str(name)): code for code, name in countries}
    keys.update({code.lower(): code for code, _name in countries})
    return keys


def _language_keys() -> dict[str, str]:
    """Codes, and names in English, in the language itself and in the active language."""
    keys = {}
    for code, _name in language_choices():
        info = translation.get_language_info(code)
        for name in (code, info["name"], info["name_local"], info["name_translated"]):
            keys[normalize_term(str(name))] = code
    return keys


def _terms(text: str) -> list[str]:
    return [term.strip() for term in SPLIT.split(text) if term.strip()]


def _language(term: str, refs: References) -> tuple[str, str]:
    """ "en (C1)", "inglés: fluido", "es" -> (code, level); ValidationError when unknown."""
    name, _sep, rest = re.sub(r"[():\-]", " ", term).partition(" ")
    level = LEVEL_WORDS.get(normalize_term(rest.strip()), LanguageLevel.WORKING)
    code = refs.languages.get(normalize_term(name)) or refs.languages.get(normalize_term(term))
    if code is None:
        raise ValidationError(_("Idioma desconocido: «%(term)s».") % {"term": term})
    return code, level


def _clean_lookups(raw: dict[str, str], refs: References, data: dict, errors: list) -> None:
    data["country"], data["origin_state"] = "", None
    if raw.get("country"):
        code = refs.countries.get(normalize_term(raw["country"]))
        if code is None:
            errors.append(_("País desconocido: «%(value)s».") % {"value": raw["country"]})
        data["country"] = code or ""
    if raw.get("origin_state"):
        state = refs.states.get(normalize_term(raw["origin_state"]))
        if state is None:
            errors.append(_("Estado desconocido: «%(value)s».") % {"value": raw["origin_state"]})
        data["origin_state"] = state
    fields_found = []
    for term in _terms(raw.get("fields", "")):
        pk = refs.fields.get(normalize_term(term))
        if pk is None:
            errors.append(_("Campo de conocimiento desconocido: «%(value)s».") % {"value": term})
        else:
            fields_found.append(pk)
    data["fields"] = sorted(set(fields_found))
    languages: dict[str, str] = {}
    for term in _terms(raw.get("languages", "")):
        try:
            code, level = _language(term, refs)
        except ValidationError as error:
            errors.extend(error.messages)
            continue
        languages[code] = level
    data["languages"] = sorted(languages.items())
    data["skills"] = sorted({" ".join(t.split())[:100] for t in _terms(raw.get("skills", ""))})


def _clean_email(value: str, errors: list) -> str:
    email = value.strip().lower()
    try:
        validate_email(email)
        if len(email) > EMAIL_MAX_LENGTH:  # the validator allows 320, an account keeps 254
            raise ValidationError("too long")
    except ValidationError:
        errors.append(
            _("Correo electrónico inválido: «%(value)s».") % {"value": email}
            if email
            else _("Falta el correo electrónico.")
        )
    return email


def _clean_texts(raw: dict[str, str], data: dict, errors: list) -> None:
    for name in ("name", "city", "origin_municipality", "employer", "current_position", "headline"):
        value = raw.get(name, "")
        if len(value) > MAX_LENGTHS[name]:
            errors.append(
                _("%(field)s: máximo %(limit)s caracteres.")
                % {"field": FIELDS[name], "limit": MAX_LENGTHS[name]}
            )
        data[name] = value[: MAX_LENGTHS[name]]
    if not data["name"]:
        errors.append(_("Falta el nombre."))
    data["email"] = _clean_email(raw.get("email", ""), errors)
    orcid = normalize_orcid(raw.get("orcid", ""))
    if orcid:
        try:
            validate_orcid(orcid)
        except ValidationError:
            errors.append(_("ORCID iD inválido: «%(value)s».") % {"value": raw["orcid"]})
    data["orcid"] = orcid
    for name in ("linkedin_url", "website_url"):
        url = raw.get(name, "")
        if url and not url.startswith(("http://", "https://")):
            url = "https://" + url
        try:
            URLValidator()(url) if url else None
        except ValidationError:
            errors.append(_("%(field)s: enlace inválido.") % {"field": FIELDS[name]})
        data[name] = url[:200]


def row_clean(values: list[str], mapping: dict[str, str], refs: References) -> tuple[dict, list]:
    """(clean data, errors) of one row: errors are sentences; data always has every field."""
    raw = {name: values[int(index)] for index, name in mapping.items() if int(index) < len(values)}
    data: dict[str, Any] = {}
    errors: list[str] = []
    _clean_texts(raw, data, errors)
    _clean_lookups(raw, refs, data, errors)
    # Only mapped columns are written: a file without a column leaves that field as it is.
    mapped = set(mapping.values())
    return {name: value for name, value in data.items() if name in mapped}, errors


def data_hash(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()
