"""Hard filters: a pair that fails one is not suggested at all."""

from __future__ import annotations

from matching.scoring.rules import (
    DEFAULT_PROJECT_LANGUAGES,
    FILTER_CANNOT_BE_ON_SITE,
    FILTER_CONFLICT,
    FILTER_INACTIVE,
    FILTER_NO_CAPACITY,
    FILTER_NO_SHARED_LANGUAGE,
    FILTER_NOT_VISIBLE,
    FILTER_PAUSED,
    FILTER_TYPE_NOT_OFFERED,
    WORKING_LEVELS,
    ExpertData,
    ProjectData,
)


def project_languages(project: ProjectData) -> frozenset[str]:
    return frozenset(code.lower() for code in project.languages) or DEFAULT_PROJECT_LANGUAGES


def expert_levels(expert: ExpertData) -> dict[str, str]:
    return {code.lower(): level for code, level in expert.languages.items()}


def can_be_present(expert: ExpertData, project: ProjectData) -> bool:
    lives_there = project.state is not None and expert.residence_state == project.state
    return lives_there or expert.willing_to_travel


def failed_filter(expert: ExpertData, project: ProjectData) -> str | None:
    if expert.id in project.conflicted:
        return FILTER_CONFLICT
    if not expert.is_active:
        return FILTER_INACTIVE
    if not expert.is_visible:
        return FILTER_NOT_VISIBLE
    if expert.is_paused:
        return FILTER_PAUSED
    if expert.capacity_left <= 0:
        return FILTER_NO_CAPACITY
    levels = expert_levels(expert)
    if not any(levels.get(code) in WORKING_LEVELS for code in project_languages(project)):
        return FILTER_NO_SHARED_LANGUAGE
    if project.collaboration_type not in expert.collaboration_types:
        return FILTER_TYPE_NOT_OFFERED
    if project.modality == "on_site" and not can_be_present(expert, project):
        return FILTER_CANNOT_BE_ON_SITE
    return None
