"""Score one expert against one project: plain data in, score, components and reasons out.

Pure on purpose (no ORM, no settings, no I/O): selectors build `ExpertData`/`ProjectData`,
this module decides, and the same inputs always give the same `MatchResult`.

A pair first passes hard filters; then two directions are scored, each a weighted mean of
0..1 components:
- expert_fit, does the expert suit the need: semantic, skills, fields, language;
- project_fit, does the need suit the expert: hours, preferences, modality, timezone, origin.
They are fused with a weighted harmonic mean, so a pair strong on one side only cannot hide a
weak other side. Changing any weight or rule below means bumping `ALGORITHM_VERSION`.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

ALGORITHM_VERSION = "2026.1"

WEIGHTS: Mapping[str, Mapping[str, float]] = MappingProxyType(
    {
        "expert_fit": MappingProxyType(
            {"semantic": 0.40, "skills": 0.35, "fields": 0.15, "language": 0.10}
        ),
        "project_fit": MappingProxyType(
            {
                "hours": 0.25,
                "preferences": 0.20,
                "origin": 0.20,
                "timezone": 0.20,
                "modality": 0.15,
            }
        ),
        # The need is what the institution posted, so the expert's fit counts a little more;
        # the harmonic mean still drags a pair down when either side is weak.
        "fusion": MappingProxyType({"expert_fit": 0.6, "project_fit": 0.4}),
    }
)

# Rules versioned together with the weights.
REQUIRED_SKILL_WEIGHT = 2.0
NICE_SKILL_WEIGHT = 1.0
RELATED_SKILL_CREDIT = 0.5
SAME_MAJOR_FIELD_CREDIT = 0.5
NEUTRAL = 0.5
INTEREST_STATE_CREDIT = 0.6
WORKING_LEVELS = frozenset({"working", "fluent", "native"})
LEVEL_DEPTH: Mapping[str, float] = MappingProxyType(
    {"basic": 0.25, "working": 0.6, "fluent": 0.9, "native": 1.0}
)
WORKDAY_START, WORKDAY_END = 9.0, 18.0
FULL_OVERLAP_HOURS = 6.0
# The region works in Spanish: a project that names no language is a Spanish-speaking one.
DEFAULT_PROJECT_LANGUAGES = frozenset({"es"})

MODALITIES = ("remote", "hybrid", "on_site")

# Failed-filter codes, in the order they are checked.
FILTER_INACTIVE = "inactive"
FILTER_NOT_VISIBLE = "not_visible"
FILTER_PAUSED = "paused"
FILTER_NO_CAPACITY = "no_capacity"
FILTER_NO_SHARED_LANGUAGE = "no_shared_language"
FILTER_TYPE_NOT_OFFERED = "type_not_offered"
FILTER_CANNOT_BE_ON_SITE = "cannot_be_on_site"

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


@dataclass(frozen=True, kw_only=True)
class ExpertData:
    id: Hashable
    is_active: bool
    is_visible: bool
    is_paused: bool
    capacity_left: int
    languages: Mapping[str, str]
    collaboration_types: frozenset[str]
    skills: frozenset[str]
    skill_ancestors: Mapping[str, frozenset[str]]
    subfields: frozenset[str]
    origin_state: str | None
    origin_state_name: str | None
    residence_state: str | None
    willing_to_travel: bool
    modality_preference: str
    utc_offset_hours: float | None
    hours_per_month: int
    states_of_interest: frozenset[str]
    sectors_of_interest: frozenset[str]
    semantic: float


@dataclass(frozen=True, kw_only=True)
class ProjectData:
    id: Hashable
    required_skills: frozenset[str]
    nice_skills: frozenset[str]
    skill_names: Mapping[str, tuple[str, str]]
    skill_ancestors: Mapping[str, frozenset[str]]
    subfields: frozenset[str]
    languages: frozenset[str]
    collaboration_type: str
    collaboration_type_labels: tuple[str, str]
    modality: str
    state: str | None
    state_name: str | None
    hours_per_month: int
    sector: str | None
    utc_offset_hours: float | None
    # Optional (es, en) labels for subfield codes; without them the field reason is generic.
    subfield_names: Mapping[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class MatchResult:
    eligible: bool
    score: float
    components: dict[str, float]
    reasons_es: list[str]
    reasons_en: list[str]
    missing_es: list[str]
    missing_en: list[str]
    failed_filter: str | None = None
    algorithm_version: str = ALGORITHM_VERSION

    def reasons(self, lang: str) -> list[str]:
        return self.reasons_en if _is_english(lang) else self.reasons_es

    def missing(self, lang: str) -> list[str]:
        return self.missing_en if _is_english(lang) else self.missing_es


def _is_english(lang: str) -> bool:
    # Spanish is the site's default language, so anything not English reads Spanish.
    return lang.lower().startswith("en")


# --- Hard filters ---------------------------------------------------------------------------

_FILTER_MESSAGES: Mapping[str, tuple[str, str]] = MappingProxyType(
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
        FILTER_CANNOT_BE_ON_SITE: (
            "El proyecto es presencial y no vive en el estado ni puede viajar",
            "The project is on site and they neither live in the state nor can travel",
        ),
    }
)


def _project_languages(project: ProjectData) -> frozenset[str]:
    return frozenset(code.lower() for code in project.languages) or DEFAULT_PROJECT_LANGUAGES


def _expert_levels(expert: ExpertData) -> dict[str, str]:
    return {code.lower(): level for code, level in expert.languages.items()}


def _can_be_present(expert: ExpertData, project: ProjectData) -> bool:
    lives_there = project.state is not None and expert.residence_state == project.state
    return lives_there or expert.willing_to_travel


def _failed_filter(expert: ExpertData, project: ProjectData) -> str | None:
    if not expert.is_active:
        return FILTER_INACTIVE
    if not expert.is_visible:
        return FILTER_NOT_VISIBLE
    if expert.is_paused:
        return FILTER_PAUSED
    if expert.capacity_left <= 0:
        return FILTER_NO_CAPACITY
    levels = _expert_levels(expert)
    if not any(levels.get(code) in WORKING_LEVELS for code in _project_languages(project)):
        return FILTER_NO_SHARED_LANGUAGE
    if project.collaboration_type not in expert.collaboration_types:
        return FILTER_TYPE_NOT_OFFERED
    if project.modality == "on_site" and not _can_be_present(expert, project):
        return FILTER_CANNOT_BE_ON_SITE
    return None


# --- Components -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SkillCoverage:
    value: float
    total_weight: float
    required_exact: tuple[str, ...]
    required_related: tuple[str, ...]
    required_missing: tuple[str, ...]
    nice_exact: tuple[str, ...]
    nice_related: tuple[str, ...]
    nice_missing: tuple[str, ...]


def _related(wanted: str, held: frozenset[str], ancestors: Mapping[str, frozenset[str]]) -> bool:
    wanted_chain = ancestors.get(wanted, frozenset())
    return any(
        skill in wanted_chain or wanted in ancestors.get(skill, frozenset()) for skill in held
    )


def skill_coverage(expert: ExpertData, project: ProjectData) -> SkillCoverage:
    """Weighted share of wanted skills held: exact = 1, parent/child of one held = 0.5."""
    required = project.required_skills
    nice = project.nice_skills - required
    ancestors = {**project.skill_ancestors, **expert.skill_ancestors}

    def split(wanted: frozenset[str]) -> tuple[tuple[str, ...], ...]:
        ordered = sorted(wanted)
        exact = tuple(s for s in ordered if s in expert.skills)
        related = tuple(
            s for s in ordered if s not in exact and _related(s, expert.skills, ancestors)
        )
        missing = tuple(s for s in ordered if s not in exact and s not in related)
        return exact, related, missing

    required_exact, required_related, required_missing = split(required)
    nice_exact, nice_related, nice_missing = split(nice)
    total = REQUIRED_SKILL_WEIGHT * len(required) + NICE_SKILL_WEIGHT * len(nice)
    earned = REQUIRED_SKILL_WEIGHT * (
        len(required_exact) + RELATED_SKILL_CREDIT * len(required_related)
    ) + NICE_SKILL_WEIGHT * (len(nice_exact) + RELATED_SKILL_CREDIT * len(nice_related))
    return SkillCoverage(
        value=earned / total if total else NEUTRAL,
        total_weight=total,
        required_exact=required_exact,
        required_related=required_related,
        required_missing=required_missing,
        nice_exact=nice_exact,
        nice_related=nice_related,
        nice_missing=nice_missing,
    )


def _major(subfield: str) -> str:
    return subfield.split(".", 1)[0]


def field_overlap(expert: ExpertData, project: ProjectData) -> float:
    """Average of best and mean credit over the project's subfields.

    Best says whether the expert works in the project's area at all; mean rewards covering
    more of an interdisciplinary project without making one-field experts worthless for it.
    """
    if not project.subfields:
        return NEUTRAL
    majors = {_major(code) for code in expert.subfields}
    credits = [
        1.0
        if code in expert.subfields
        else SAME_MAJOR_FIELD_CREDIT
        if _major(code) in majors
        else 0.0
        for code in sorted(project.subfields)
    ]
    return (max(credits) + sum(credits) / len(credits)) / 2


def language_depth(expert: ExpertData, project: ProjectData) -> float:
    levels = _expert_levels(expert)
    codes = sorted(_project_languages(project))
    return sum(LEVEL_DEPTH.get(levels.get(code, ""), 0.0) for code in codes) / len(codes)


def origin_tie(expert: ExpertData, project: ProjectData) -> float:
    if project.state is None:
        return 0.0
    if expert.origin_state == project.state:
        return 1.0
    if project.state in expert.states_of_interest:
        return INTEREST_STATE_CREDIT
    return 0.0


def working_hours_overlap(expert_offset: float, project_offset: float) -> float:
    """Hours both 9-18 local working days share, whatever side of the date line."""
    shift = abs(expert_offset - project_offset) % 24
    shift = min(shift, 24 - shift)
    return max(0.0, (WORKDAY_END - WORKDAY_START) - shift)


def timezone_fit(expert: ExpertData, project: ProjectData) -> float:
    if project.modality == "on_site":
        return 1.0
    if expert.utc_offset_hours is None or project.utc_offset_hours is None:
        return NEUTRAL
    overlap = working_hours_overlap(expert.utc_offset_hours, project.utc_offset_hours)
    return min(1.0, overlap / FULL_OVERLAP_HOURS)


def hours_fit(expert: ExpertData, project: ProjectData) -> float:
    if project.hours_per_month <= 0 or expert.hours_per_month >= project.hours_per_month:
        return 1.0
    return max(0.0, expert.hours_per_month / project.hours_per_month)


def _interest(value: str | None, interests: frozenset[str]) -> float:
    # Someone who named no interests is open to anything: neutral, neither bonus nor penalty.
    if not interests or value is None:
        return NEUTRAL
    return 1.0 if value in interests else 0.0


def modality_preference_fit(expert: ExpertData, project: ProjectData) -> float:
    preference = expert.modality_preference
    if preference == "either" or preference == project.modality:
        return 1.0
    if project.modality == "hybrid" or preference not in MODALITIES:
        return NEUTRAL
    return 0.0


def preferences_fit(expert: ExpertData, project: ProjectData) -> float:
    parts = (
        _interest(project.state, expert.states_of_interest),
        _interest(project.sector, expert.sectors_of_interest),
        modality_preference_fit(expert, project),
    )
    return sum(parts) / len(parts)


def modality_fit(expert: ExpertData, project: ProjectData) -> float:
    # On-site pairs that reach here passed the filter; hybrid ones are allowed but a person
    # who cannot come for the on-site part fits it poorly.
    if project.modality == "hybrid" and not _can_be_present(expert, project):
        return 0.0
    return 1.0


# --- Fusion ---------------------------------------------------------------------------------


def _weighted_mean(direction: str, values: Mapping[str, float]) -> float:
    weights = WEIGHTS[direction]
    return sum(weights[name] * values[name] for name in weights) / sum(weights.values())


def weighted_harmonic_mean(values: Mapping[str, float], weights: Mapping[str, float]) -> float:
    if any(values[name] <= 0 for name in weights):
        return 0.0
    return sum(weights.values()) / sum(weights[name] / values[name] for name in weights)


def _clip(value: float) -> float:
    # A NaN from upstream (e.g. an empty embedding) must not poison the fused score.
    value = float(value)
    return min(1.0, max(0.0, value)) if math.isfinite(value) else 0.0


def _contribution(direction: str, component: str, value: float) -> float:
    """How much of the fused score a component (or part of it) explains, for ordering."""
    fusion = WEIGHTS["fusion"]
    weights = WEIGHTS[direction]
    return (
        fusion[direction]
        / sum(fusion.values())
        * weights[component]
        / sum(weights.values())
        * value
    )


# --- Wording --------------------------------------------------------------------------------


def _join_es(items: list[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    last = items[-1]
    lowered = last.lower()
    # "y" becomes "e" before an /i/ sound: "español e inglés", but "agua y hielo".
    sounds_i = lowered.startswith(("i", "í")) or (
        lowered.startswith(("hi", "hí")) and not lowered.startswith(("hia", "hie", "hio", "hiu"))
    )
    return f"{', '.join(items[:-1])} {'e' if sounds_i else 'y'} {last}"


def _join_en(items: list[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _in_sentence(label: str) -> str:
    # Choice labels start with a capital ("Co-dirección de tesis"); mid-sentence they should
    # not, unless the first word is an acronym or a name like "PhD".
    first = label.split(" ", 1)[0]
    if first[:1].isupper() and (first[1:].islower() or len(first) == 1):
        return label[:1].lower() + label[1:]
    return label


def _language_name(code: str, index: int) -> str:
    names = LANGUAGE_NAMES.get(code)
    return names[index] if names else code


def _language_order(code: str) -> tuple[int, str]:
    order = list(LANGUAGE_NAMES)
    return (order.index(code) if code in order else len(order), code)


def _skill_labels(skills: Iterable[str], project: ProjectData) -> tuple[str, str]:
    def label(skill: str, index: int) -> str:
        names = project.skill_names.get(skill)
        return names[index] if names else skill

    def listing(index: int) -> str:
        return ", ".join(sorted((label(s, index) for s in skills), key=str.casefold))

    return listing(0), listing(1)


def _hours(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


class _Explanation:
    """Reasons and gaps, each weighted by the share of the fused score it explains."""

    def __init__(self) -> None:
        self._reasons: list[tuple[float, str, str]] = []
        self._missing: list[tuple[float, str, str]] = []

    def reason(self, direction: str, component: str, share: float, es: str, en: str) -> None:
        self._reasons.append((_contribution(direction, component, share), es, en))

    def lack(self, direction: str, component: str, share: float, es: str, en: str) -> None:
        self._missing.append((_contribution(direction, component, share), es, en))

    def always(self, es: str, en: str) -> None:
        # Facts every eligible pair shares (filters passed) explain no difference: last.
        self._reasons.append((0.0, es, en))

    @staticmethod
    def _ordered(lines: list[tuple[float, str, str]]) -> tuple[list[str], list[str]]:
        # Stable sort: equal weights keep the order they were written in, so output is fixed.
        ranked = sorted(lines, key=lambda line: -line[0])
        return [es for _, es, _ in ranked], [en for _, _, en in ranked]

    def reasons(self) -> tuple[list[str], list[str]]:
        return self._ordered(self._reasons)

    def missing(self) -> tuple[list[str], list[str]]:
        return self._ordered(self._missing)


def _explain_semantic(out: _Explanation, semantic: float) -> None:
    if semantic >= 0.7:
        out.reason(
            "expert_fit",
            "semantic",
            semantic,
            "Su trayectoria se parece mucho a lo que pide el proyecto",
            "Their background closely matches what the project asks for",
        )
    elif semantic >= 0.4:
        out.reason(
            "expert_fit",
            "semantic",
            semantic,
            "Su trayectoria se relaciona con lo que pide el proyecto",
            "Their background relates to what the project asks for",
        )


def _explain_skills(out: _Explanation, project: ProjectData, skills: SkillCoverage) -> None:
    if not skills.total_weight:
        return

    def share(required: int, nice: int, credit: float = 1.0) -> float:
        weight = REQUIRED_SKILL_WEIGHT * required + NICE_SKILL_WEIGHT * nice
        return weight * credit / skills.total_weight

    n_required = len(project.required_skills)
    if skills.required_exact:
        es, en = _skill_labels(skills.required_exact, project)
        have = len(skills.required_exact)
        if n_required == 1:
            texts = (f"Tiene la habilidad requerida: {es}", f"Has the required skill: {en}")
        else:
            texts = (
                f"Tiene {have} de {n_required} habilidades requeridas: {es}",
                f"Has {have} of {n_required} required skills: {en}",
            )
        out.reason("expert_fit", "skills", share(have, 0), *texts)
    if skills.nice_exact:
        es, en = _skill_labels(skills.nice_exact, project)
        out.reason(
            "expert_fit",
            "skills",
            share(0, len(skills.nice_exact)),
            f"También tiene habilidades deseables: {es}",
            f"Also has nice-to-have skills: {en}",
        )
    related = skills.required_related + skills.nice_related
    if related:
        es, en = _skill_labels(related, project)
        out.reason(
            "expert_fit",
            "skills",
            share(len(skills.required_related), len(skills.nice_related), RELATED_SKILL_CREDIT),
            f"Tiene habilidades afines a: {es}",
            f"Has skills related to: {en}",
        )
    if skills.required_missing:
        es, en = _skill_labels(skills.required_missing, project)
        out.lack(
            "expert_fit",
            "skills",
            share(len(skills.required_missing), 0),
            f"No indica experiencia en: {es}",
            f"Does not list experience in: {en}",
        )
    if skills.nice_missing:
        es, en = _skill_labels(skills.nice_missing, project)
        out.lack(
            "expert_fit",
            "skills",
            share(0, len(skills.nice_missing)),
            f"No indica las habilidades deseables: {es}",
            f"Does not list the nice-to-have skills: {en}",
        )


def _explain_fields(
    out: _Explanation, expert: ExpertData, project: ProjectData, value: float
) -> None:
    if not project.subfields or value <= 0:
        return
    shared = sorted(project.subfields & expert.subfields)
    if not shared:
        out.reason(
            "expert_fit",
            "fields",
            value,
            "Trabaja en un campo afín al del proyecto",
            "Works in a field close to the project's",
        )
        return
    named = [project.subfield_names[code] for code in shared if code in project.subfield_names]
    if named:
        texts = (
            "Trabaja en el mismo campo: " + ", ".join(es for es, _ in named),
            "Works in the same field: " + ", ".join(en for _, en in named),
        )
    else:
        texts = (
            "Trabaja en el mismo campo que el proyecto",
            "Works in the same field as the project",
        )
    out.reason("expert_fit", "fields", value, *texts)


def _explain_languages(
    out: _Explanation, expert: ExpertData, project: ProjectData, value: float
) -> None:
    levels = _expert_levels(expert)
    codes = sorted(_project_languages(project), key=_language_order)
    spoken = [code for code in codes if levels.get(code) in WORKING_LEVELS]
    unspoken = [code for code in codes if code not in spoken]
    out.reason(
        "expert_fit",
        "language",
        value,
        "Habla " + _join_es([_language_name(code, 0) for code in spoken]),
        "Speaks " + _join_en([_language_name(code, 1) for code in spoken]),
    )
    if unspoken:
        out.lack(
            "expert_fit",
            "language",
            len(unspoken) / len(codes),
            "No habla " + _join_es([_language_name(code, 0) for code in unspoken]),
            "Does not speak " + _join_en([_language_name(code, 1) for code in unspoken]),
        )


def _explain_hours(
    out: _Explanation, expert: ExpertData, project: ProjectData, value: float
) -> None:
    wanted, offered = project.hours_per_month, expert.hours_per_month
    if wanted <= 0:
        return
    if value >= 1.0:
        out.reason(
            "project_fit",
            "hours",
            value,
            f"Puede dedicar las {wanted} horas al mes que pide el proyecto",
            f"Can give the {wanted} hours a month the project asks for",
        )
    else:
        out.lack(
            "project_fit",
            "hours",
            1.0 - value,
            f"Ofrece {offered} de las {wanted} horas al mes que pide el proyecto",
            f"Offers {offered} of the {wanted} hours a month the project asks for",
        )


def _explain_place(
    out: _Explanation, expert: ExpertData, project: ProjectData, values: Mapping[str, float]
) -> None:
    name = project.state_name
    if values["origin"] >= 1.0:
        out.reason(
            "project_fit",
            "origin",
            values["origin"],
            f"Es de {name}, como el proyecto" if name else "Es del mismo estado que el proyecto",
            f"Is from {name}, like the project" if name else "Is from the project's state",
        )
    elif values["origin"] > 0:
        out.reason(
            "project_fit",
            "origin",
            values["origin"],
            f"Le interesa colaborar con {name or 'el estado del proyecto'}",
            f"Wants to collaborate with {name or 'the project state'}",
        )
    if project.modality == "remote":
        return
    if project.state is not None and expert.residence_state == project.state:
        out.reason(
            "project_fit",
            "modality",
            values["modality"],
            f"Vive en {name}" if name else "Vive en el estado del proyecto",
            f"Lives in {name}" if name else "Lives in the project's state",
        )
    elif expert.willing_to_travel:
        out.reason(
            "project_fit",
            "modality",
            values["modality"],
            "Puede viajar para la parte presencial",
            "Can travel for the on-site part",
        )
    else:
        out.lack(
            "project_fit",
            "modality",
            1.0 - values["modality"],
            "No vive en el estado ni indica que pueda viajar",
            "Neither lives in the state nor says they can travel",
        )


def _explain_preferences(out: _Explanation, expert: ExpertData, project: ProjectData) -> None:
    # Each of the three preference parts is a third of the component; the state part is
    # already told by the origin reason.
    if project.sector is not None and project.sector in expert.sectors_of_interest:
        out.reason(
            "project_fit",
            "preferences",
            1 / 3,
            "Le interesa el sector de la institución",
            "Is interested in the institution's sector",
        )
    if expert.modality_preference == project.modality == "remote":
        out.reason(
            "project_fit",
            "preferences",
            1 / 3,
            "Prefiere colaborar a distancia",
            "Prefers to work remotely",
        )
    elif expert.modality_preference == project.modality == "on_site":
        out.reason(
            "project_fit",
            "preferences",
            1 / 3,
            "Prefiere colaborar en persona",
            "Prefers to work in person",
        )


def _explain_timezone(
    out: _Explanation, expert: ExpertData, project: ProjectData, value: float
) -> None:
    if (
        project.modality == "on_site"
        or expert.utc_offset_hours is None
        or project.utc_offset_hours is None
    ):
        return
    overlap = working_hours_overlap(expert.utc_offset_hours, project.utc_offset_hours)
    hours = _hours(overlap)
    if overlap >= WORKDAY_END - WORKDAY_START:
        out.reason(
            "project_fit",
            "timezone",
            value,
            "Está en la misma zona horaria que el proyecto",
            "Is in the same time zone as the project",
        )
    elif overlap >= FULL_OVERLAP_HOURS / 2:
        out.reason(
            "project_fit",
            "timezone",
            value,
            f"Comparte {hours} horas de jornada con el proyecto",
            f"Shares {hours} working hours with the project",
        )
    elif overlap > 0:
        unit_es, unit_en = ("hora", "hour") if overlap == 1 else ("horas", "hours")
        out.lack(
            "project_fit",
            "timezone",
            1.0 - value,
            f"Su jornada coincide solo {hours} {unit_es} con la del proyecto",
            f"Their working day overlaps the project's by only {hours} {unit_en}",
        )
    else:
        out.lack(
            "project_fit",
            "timezone",
            1.0 - value,
            "Su jornada no coincide con la del proyecto",
            "Their working day does not overlap the project's",
        )


def _explain(
    expert: ExpertData,
    project: ProjectData,
    values: Mapping[str, float],
    skills: SkillCoverage,
) -> _Explanation:
    out = _Explanation()
    _explain_semantic(out, values["semantic"])
    _explain_skills(out, project, skills)
    _explain_fields(out, expert, project, values["fields"])
    _explain_languages(out, expert, project, values["language"])
    _explain_hours(out, expert, project, values["hours"])
    _explain_place(out, expert, project, values)
    _explain_preferences(out, expert, project)
    _explain_timezone(out, expert, project, values["timezone"])
    type_es, type_en = project.collaboration_type_labels
    out.always(f"Ofrece {_in_sentence(type_es)}", f"Offers {_in_sentence(type_en)}")
    return out


# --- Entry point ----------------------------------------------------------------------------


def score_pair(expert: ExpertData, project: ProjectData, *, explain: bool = True) -> MatchResult:
    """Score one pair. With `explain=False` the reasons are left empty (same score and
    components): ranking many candidates is cheaper, and only the kept ones are explained."""
    failed = _failed_filter(expert, project)
    if failed is not None:
        es, en = _FILTER_MESSAGES[failed]
        return MatchResult(
            eligible=False,
            score=0.0,
            components={},
            reasons_es=[],
            reasons_en=[],
            missing_es=[es],
            missing_en=[en],
            failed_filter=failed,
        )

    skills = skill_coverage(expert, project)
    values: dict[str, float] = {
        "semantic": _clip(expert.semantic),
        "skills": _clip(skills.value),
        "fields": _clip(field_overlap(expert, project)),
        "language": _clip(language_depth(expert, project)),
        "hours": _clip(hours_fit(expert, project)),
        "preferences": _clip(preferences_fit(expert, project)),
        "origin": _clip(origin_tie(expert, project)),
        "timezone": _clip(timezone_fit(expert, project)),
        "modality": _clip(modality_fit(expert, project)),
    }
    values["expert_fit"] = _weighted_mean("expert_fit", values)
    values["project_fit"] = _weighted_mean("project_fit", values)
    values["fused"] = weighted_harmonic_mean(values, WEIGHTS["fusion"])

    if explain:
        explanation = _explain(expert, project, values, skills)
        reasons_es, reasons_en = explanation.reasons()
        missing_es, missing_en = explanation.missing()
    else:
        reasons_es, reasons_en, missing_es, missing_en = [], [], [], []
    return MatchResult(
        eligible=True,
        score=round(100 * values["fused"], 1),
        # Rounded so stored components compare equal across runs and platforms.
        components={name: round(value, 4) for name, value in values.items()},
        reasons_es=reasons_es,
        reasons_en=reasons_en,
        missing_es=missing_es,
        missing_en=missing_en,
        failed_filter=None,
    )
