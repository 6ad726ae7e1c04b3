"""Words the reasons are made of: language names, filter messages, lists in each language."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from matching.scoring.rules import (
    FILTER_CANNOT_BE_ON_SITE,
    FILTER_CONFLICT,
    FILTER_INACTIVE,
    FILTER_NO_CAPACITY,
    FILTER_NO_SHARED_LANGUAGE,
    FILTER_NOT_VISIBLE,
    FILTER_PAUSED,
    FILTER_TYPE_NOT_OFFERED,
    ProjectData,
)

LANGUAGE_NAMES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "es": ("español", "Spanish"),
        "en": ("inglés", "English"),
        "fr": ("francés", "French"),
        "de": ("alemán", "German"),
        "pt": ("portugués", "Portuguese"),
        "it": ("italiano", "Italian"),
        "zh": ("chino", "Chinese"),
        "ja": ("japonés", "Japanese"),
        "ko": ("coreano", "Korean"),
        "ar": ("árabe", "Arabic"),
        "ru": ("ruso", "Russian"),
        "nl": ("neerlandés", "Dutch"),
    }
)

# What the reasons call the need they explain: (the, of the) in Spanish, then in English.
NEED_WORDS: Mapping[str, tuple[str, str, str, str]] = MappingProxyType(
    {
        "project": ("el proyecto", "del proyecto", "the project", "the project's"),
        "enquiry": ("la consulta", "de la consulta", "the enquiry", "the enquiry's"),
    }
)


def need_words(project: ProjectData) -> tuple[str, str, str, str]:
    return NEED_WORDS.get(project.kind, NEED_WORDS["project"])


FILTER_MESSAGES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        FILTER_INACTIVE: ("La cuenta no está activa", "The account is not active"),
        FILTER_NOT_VISIBLE: (
            "El perfil no es visible para instituciones",
            "The profile is not visible to institutions",
        ),
        FILTER_PAUSED: ("Pausó las invitaciones", "Has paused invitations"),
        FILTER_NO_CAPACITY: (
            "No tiene cupo para más colaboraciones",
            "Has no room for more collaborations",
        ),
        FILTER_NO_SHARED_LANGUAGE: (
            "No habla a nivel de trabajo ningún idioma del proyecto",
            "Does not speak any of the project's languages at working level",
        ),
        FILTER_TYPE_NOT_OFFERED: (
            "No ofrece este tipo de colaboración",
            "Does not offer this type of collaboration",
        ),
        FILTER_CONFLICT: (
            "Tiene un conflicto de interés con la institución",
            "Has a conflict of interest with the institution",
        ),
        FILTER_CANNOT_BE_ON_SITE: (
            "El proyecto es presencial y no vive en el estado ni puede viajar",
            "The project is on site and they neither live in the state nor can travel",
        ),
    }
)


def join_es(items: list[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    last = items[-1]
    lowered = last.lower()
    # "y" becomes "e" before an /i/ sound: "español e inglés", but "agua y hielo".
    sounds_i = lowered.startswith(("i", "í")) or (
        lowered.startswith(("hi", "hí")) and not lowered.startswith(("hia", "hie", "hio", "hiu"))
    )
    return f"{', '.join(items[:-1])} {'e' if sounds_i else 'y'} {last}"


def join_en(items: list[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def in_sentence(label: str) -> str:
    # Choice labels start with a capital ("Co-dirección de tesis"); mid-sentence they should
    # not, unless the first word is an acronym or a name like "PhD".
    first = label.split(" ", 1)[0]
    if first[:1].isupper() and (first[1:].islower() or len(first) == 1):
        return label[:1].lower() + label[1:]
    return label


def language_name(code: str, index: int) -> str:
    names = LANGUAGE_NAMES.get(code)
    return names[index] if names else code


def language_order(code: str) -> tuple[int, str]:
    order = list(LANGUAGE_NAMES)
    return (order.index(code) if code in order else len(order), code)


def skill_labels(skills: Iterable[str], project: ProjectData) -> tuple[str, str]:
    def label(skill: str, index: int) -> str:
        names = project.skill_names.get(skill)
        return names[index] if names else skill

    def listing(index: int) -> str:
        return ", ".join(sorted((label(s, index) for s in skills), key=str.casefold))

    return listing(0), listing(1)


def hours_label(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


# Reasons are stored in the third person (an institution reads them about a candidate); on the
# expert's own page the same facts read in the second person. Longest openings first.
SECOND_PERSON: Mapping[int, tuple[tuple[str, str], ...]] = MappingProxyType(
    {
        0: (
            (
                "No vive en el estado ni indica que pueda viajar",
                "No vives en el estado ni indicas que puedas viajar",
            ),
            ("Es del mismo estado", "Eres del mismo estado"),
            ("Su trayectoria", "Tu trayectoria"),
            ("Su jornada", "Tu jornada"),
            ("También tiene", "También tienes"),
            ("Tiene ", "Tienes "),
            ("No indica", "No indicas"),
            ("Trabaja ", "Trabajas "),
            ("No habla ", "No hablas "),
            ("Habla ", "Hablas "),
            ("Puede ", "Puedes "),
            ("Ofrece ", "Ofreces "),
            ("Es de ", "Eres de "),
            ("Le interesa", "Te interesa"),
            ("Vive en", "Vives en"),
            ("Prefiere", "Prefieres"),
            ("Está en", "Estás en"),
            ("Comparte", "Compartes"),
        ),
        1: (
            (
                "Neither lives in the state nor says they can travel",
                "You neither live in the state nor say you can travel",
            ),
            ("Their background", "Your background"),
            ("Their working day", "Your working day"),
            ("Also has", "You also have"),
            ("Has ", "You have "),
            ("Does not list", "You do not list"),
            ("Does not speak", "You do not speak"),
            ("Works ", "You work "),
            ("Speaks ", "You speak "),
            ("Can ", "You can "),
            ("Offers ", "You offer "),
            ("Is from", "You are from"),
            ("Is interested", "You are interested"),
            ("Is in ", "You are in "),
            ("Wants ", "You want "),
            ("Lives in", "You live in"),
            ("Prefers", "You prefer"),
            ("Shares", "You share"),
        ),
    }
)


def second_person(reason: str, index: int) -> str:
    """`reason` (index 0: Spanish, 1: English) addressed to the expert it is about."""
    for third, second in SECOND_PERSON[index]:
        if reason.startswith(third):
            return second + reason[len(third) :]
    return reason
