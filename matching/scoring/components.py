"""The 0..1 components of a pair, each about one aspect of the fit."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from matching.scoring.filters import can_be_present, expert_levels, project_languages
from matching.scoring.rules import (
    FULL_OVERLAP_HOURS,
    INTEREST_STATE_CREDIT,
    LEVEL_DEPTH,
    MODALITIES,
    NEUTRAL,
    NICE_SKILL_WEIGHT,
    RELATED_SKILL_CREDIT,
    REQUIRED_SKILL_WEIGHT,
    SAME_MAJOR_FIELD_CREDIT,
    WORKDAY_END,
    WORKDAY_START,
    ExpertData,
    ProjectData,
)


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


def major_field(subfield: str) -> str:
    return subfield.split(".", 1)[0]


def field_overlap(expert: ExpertData, project: ProjectData) -> float:
    """Average of best and mean credit over the project's subfields.

    Best says whether the expert works in the project's area at all; mean rewards covering
    more of an interdisciplinary project without making one-field experts worthless for it.
    """
    if not project.subfields:
        return NEUTRAL
    majors = {major_field(code) for code in expert.subfields}
    credits = [
        1.0
        if code in expert.subfields
        else SAME_MAJOR_FIELD_CREDIT
        if major_field(code) in majors
        else 0.0
        for code in sorted(project.subfields)
    ]
    return (max(credits) + sum(credits) / len(credits)) / 2


def language_depth(expert: ExpertData, project: ProjectData) -> float:
    levels = expert_levels(expert)
    codes = sorted(project_languages(project))
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
    if project.modality == "hybrid" and not can_be_present(expert, project):
        return 0.0
    return 1.0
