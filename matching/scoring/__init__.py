"""Score one expert against one project: plain data in, score, components and reasons out.

Pure on purpose (no ORM, no settings, no I/O): selectors build `ExpertData`/`ProjectData`,
this package decides, and the same inputs always give the same `MatchResult`.

A pair first passes hard filters (`filters`); then two directions are scored, each a weighted
mean of 0..1 components (`components`):
- expert_fit, does the expert suit the need: semantic, skills, fields, language;
- project_fit, does the need suit the expert: hours, preferences, modality, timezone, origin.
They are fused with a weighted harmonic mean (`fusion`), so a pair strong on one side only
cannot hide a weak other side. `reasons` words why, in Spanish and English. Changing any
weight or rule (`rules`) means bumping `ALGORITHM_VERSION`.
"""

from __future__ import annotations

from matching.scoring.components import (
    field_overlap,
    hours_fit,
    language_depth,
    modality_fit,
    origin_tie,
    preferences_fit,
    skill_coverage,
    timezone_fit,
)
from matching.scoring.filters import failed_filter
from matching.scoring.fusion import clip, weighted_harmonic_mean, weighted_mean
from matching.scoring.reasons import explain_pair
from matching.scoring.rules import (
    ALGORITHM_VERSION,
    MODALITIES,
    WEIGHTS,
    ExpertData,
    MatchResult,
    ProjectData,
)
from matching.scoring.wording import FILTER_MESSAGES

__all__ = [
    "ALGORITHM_VERSION",
    "MODALITIES",
    "WEIGHTS",
    "ExpertData",
    "MatchResult",
    "ProjectData",
    "score_pair",
    "weighted_harmonic_mean",
]


def score_pair(expert: ExpertData, project: ProjectData, *, explain: bool = True) -> MatchResult:
    """Score one pair. With `explain=False` the reasons are left empty (same score and
    components): ranking many candidates is cheaper, and only the kept ones are explained."""
    failed = failed_filter(expert, project)
    if failed is not None:
        es, en = FILTER_MESSAGES[failed]
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
        "semantic": clip(expert.semantic),
        "skills": clip(skills.value),
        "fields": clip(field_overlap(expert, project)),
        "language": clip(language_depth(expert, project)),
        "hours": clip(hours_fit(expert, project)),
        "preferences": clip(preferences_fit(expert, project)),
        "origin": clip(origin_tie(expert, project)),
        "timezone": clip(timezone_fit(expert, project)),
        "modality": clip(modality_fit(expert, project)),
    }
    # The adopted weight set when staff adopted one (`project.weights`), else WEIGHTS.
    values["expert_fit"] = weighted_mean("expert_fit", values, project.weights)
    values["project_fit"] = weighted_mean("project_fit", values, project.weights)
    values["fused"] = weighted_harmonic_mean(values, project.weights["fusion"])

    if explain:
        explanation = explain_pair(expert, project, values, skills)
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
        weights_version=project.weights_version,
    )
