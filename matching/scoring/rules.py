"""The rules of scoring: version, weights, credits, and the plain data a pair is scored on.

Changing any weight or rule here means bumping `ALGORITHM_VERSION`.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

ALGORITHM_VERSION = "2026.2"

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

# The weights above, when staff have adopted no fitted set (`matching.weights`).
BUILT_IN_WEIGHTS = "built-in"

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
FILTER_CONFLICT = "conflict_of_interest"


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
    # Experts in conflict with the need's institution (members, declared conflicts): never
    # suggested, invited or assigned.
    conflicted: frozenset[Hashable] = frozenset()
    # The need's lexical terms (`matching.lexical.need_terms` of the embedded need text): with
    # them the caller's semantic value, and the SQL twin's, is the fused expertise score.
    need_terms: Mapping[str, float] | None = None
    # The component weights this need is scored with (an adopted weight set, else WEIGHTS)
    # and that set's version, recorded on each suggestion.
    weights: Mapping[str, Mapping[str, float]] = field(default_factory=lambda: WEIGHTS)
    weights_version: str = BUILT_IN_WEIGHTS
    # What the reasons call the need (`wording.NEED_WORDS`): an enquiry is "la consulta", and
    # its reasons say nothing of hours, which it never asks for (its score is unchanged).
    kind: str = "project"


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
    weights_version: str = BUILT_IN_WEIGHTS

    def reasons(self, lang: str) -> list[str]:
        return self.reasons_en if _is_english(lang) else self.reasons_es

    def missing(self, lang: str) -> list[str]:
        return self.missing_en if _is_english(lang) else self.missing_es


def _is_english(lang: str) -> bool:
    # Spanish is the site's default language, so anything not English reads Spanish.
    return lang.lower().startswith("en")
