"""The score of `matching.scoring`, as one SQL expression, to rank candidates inside PostgreSQL.

At diaspora scale a popular required skill is held by tens of thousands of eligible experts
whose scores differ only by the non-semantic components (hours, origin, preferences, time
zone...). No index orders them, so selection ranks every eligible holder where the rows live
and sends only the best few to Python, which scores them again with `score_pair` (passage
semantics, explanations). This module builds that expression from the same weights and rules
as `matching.scoring`; `tests/matching/test_prerank.py` checks both agree on random pairs, so a
change to one without the other fails.

The semantic component here is the calibrated cosine of the expert's document vector (the
engine refines it with passage vectors for the candidates kept).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from matching.lexical import coverage_sql
from matching.scoring import rules
from matching.scoring.components import major_field
from matching.scoring.filters import project_languages
from matching.scoring.rules import ProjectData
from matching.semantic import CALIBRATION_MID, CALIBRATION_SLOPE, LEXICAL_PIVOT, LEXICAL_WEIGHT

if TYPE_CHECKING:
    from matching.documents import SkillGraph


def _f(value: float) -> str:
    """A float8 literal: a bare `0.5` is numeric in PostgreSQL, many times slower to add."""
    return f"{float(value)!r}::float8"


ONE, ZERO, NEUTRAL = _f(1), _f(0), _f(rules.NEUTRAL)


def _clip(sql: str) -> str:
    return f"LEAST({ONE}, GREATEST({ZERO}, {sql}))"


def _interest(value: str | None, column: str, params: list) -> str:
    if value is None:
        return NEUTRAL
    params.append(value)
    return (
        f"(CASE WHEN cardinality({column}) = 0 THEN {NEUTRAL} "
        f"WHEN %s = ANY({column}) THEN {ONE} ELSE {ZERO} END)"
    )


def _can_be_present(project: ProjectData, params: list) -> str:
    if project.state is None:
        return "willing_to_travel"
    params.append(project.state)
    return "(residence_state = %s OR willing_to_travel)"


def _skills(project: ProjectData, graph: SkillGraph, params: list) -> str:
    required = project.required_skills
    nice = project.nice_skills - required
    total = rules.REQUIRED_SKILL_WEIGHT * len(required) + rules.NICE_SKILL_WEIGHT * len(nice)
    if not total:
        return NEUTRAL
    terms = []
    for weight, wanted in (
        (rules.REQUIRED_SKILL_WEIGHT, required),
        (rules.NICE_SKILL_WEIGHT, nice),
    ):
        for skill in sorted(wanted):
            if not skill.isdigit():
                continue  # not a skill id: never held, no credit
            related_ids = sorted(int(s) for s in graph.related(skill) if s.isdigit()) or [0]
            params.extend([[int(skill)], related_ids])
            exact, related = _f(weight / total), _f(weight * rules.RELATED_SKILL_CREDIT / total)
            terms.append(
                f"(CASE WHEN skill_ids @> %s::int[] THEN {exact} "
                f"WHEN skill_ids && %s::int[] THEN {related} ELSE {ZERO} END)"
            )
    return f"({' + '.join(terms) or ZERO})"


def _fields(project: ProjectData, params: list) -> str:
    if not project.subfields:
        return NEUTRAL
    credits, own = [], []
    # Same major field: a code equal to it or starting with it and a dot, found with LIKE in
    # the comma-joined codes (a subquery over unnest() per row cost a fifth of the ranking).
    listed = "(',' || array_to_string(subfields, ',') || ',')"
    for code in sorted(project.subfields):
        major = _like_literal(major_field(code))
        own.extend([code, f"%,{major}.%", f"%,{major},%"])
        credits.append(
            f"(CASE WHEN %s = ANY(subfields) THEN {ONE} WHEN {listed} LIKE %s OR {listed} LIKE %s"
            f" THEN {_f(rules.SAME_MAJOR_FIELD_CREDIT)} ELSE {ZERO} END)"
        )
    if len(credits) == 1:
        params.extend(own)
        return credits[0]
    params.extend(own * 2)  # the credits appear twice: in the best and in the mean
    mean = f"({' + '.join(credits)}) / {_f(len(credits))}"
    return f"((GREATEST({', '.join(credits)}) + {mean}) / {_f(2)})"


def _like_literal(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _language(project: ProjectData, params: list) -> str:
    codes = sorted(project_languages(project))
    depth = " ".join(
        f"WHEN '{level}' THEN {_f(value)}" for level, value in rules.LEVEL_DEPTH.items()
    )
    parts = []
    for code in codes:
        params.append(code)
        parts.append(f"(CASE language_levels ->> %s {depth} ELSE {ZERO} END)")
    return f"(({' + '.join(parts)}) / {_f(len(codes))})"


def _hours(project: ProjectData) -> str:
    wanted = int(project.hours_per_month)
    if wanted <= 0:
        return ONE
    return (
        f"(CASE WHEN hours_per_month >= {wanted} THEN {ONE} "
        f"ELSE hours_per_month::float8 / {_f(wanted)} END)"
    )


def _modality_preference(project: ProjectData, params: list) -> str:
    modalities = ", ".join(f"'{m}'" for m in rules.MODALITIES)
    params.append(project.modality)
    fallback = NEUTRAL if project.modality == "hybrid" else ZERO
    return (
        "(CASE WHEN COALESCE(NULLIF(modality_preference, ''), 'either') IN ('either', %s) "
        f"THEN {ONE} WHEN modality_preference NOT IN ({modalities}) THEN {NEUTRAL} "
        f"ELSE {fallback} END)"
    )


def _preferences(project: ProjectData, params: list) -> str:
    parts = [
        _interest(project.state, "states_of_interest", params),
        _interest(project.sector, "sectors_of_interest", params),
        _modality_preference(project, params),
    ]
    return f"(({' + '.join(parts)}) / {_f(3)})"


def _origin(project: ProjectData, params: list) -> str:
    if project.state is None:
        return ZERO
    params.extend([project.state, project.state])
    return (
        f"(CASE WHEN origin_state = %s THEN {ONE} WHEN %s = ANY(states_of_interest) "
        f"THEN {_f(rules.INTEREST_STATE_CREDIT)} ELSE {ZERO} END)"
    )


def _timezone(project: ProjectData) -> str:
    if project.modality == "on_site":
        return ONE
    if project.utc_offset_hours is None:
        return NEUTRAL
    # Hours apart on the 24-hour circle: min(d mod 24, 24 - d mod 24), written for the
    # distances real offsets produce (0..28 h; exact up to 48 h) without floor or mod.
    d = f"abs(utc_offset - {_f(project.utc_offset_hours)})"
    shift = f"LEAST({d}, abs({_f(24)} - {d}), {_f(48)} - {d})"
    span = _f(rules.WORKDAY_END - rules.WORKDAY_START)
    return (
        f"(CASE WHEN utc_offset IS NULL THEN {NEUTRAL} ELSE LEAST({ONE}, GREATEST({ZERO}, "
        f"{span} - {shift}) / {_f(rules.FULL_OVERLAP_HOURS)}) END)"
    )


def _modality(project: ProjectData, params: list) -> str:
    if project.modality != "hybrid":
        return ONE
    return f"(CASE WHEN {_can_be_present(project, params)} THEN {ONE} ELSE {ZERO} END)"


def _expertise(cosine: str, need_terms: Mapping[str, float] | None, params: list) -> str:
    """`matching.semantic.calibrate` of the cosine (the same logistic), fused as
    `matching.semantic.fuse` does with the lexical coverage of `need_terms` when given: the
    calibrated score's log-odds are SLOPE x (cosine - MID), so the fused score is the logistic
    of those plus LEXICAL_WEIGHT x (coverage - LEXICAL_PIVOT)."""
    log_odds = f"({_f(CALIBRATION_SLOPE)} * (({cosine}) - {_f(CALIBRATION_MID)}))"
    if need_terms is not None:
        lexical = coverage_sql(need_terms, params)
        log_odds = f"({log_odds} + {_f(LEXICAL_WEIGHT)} * ({lexical} - {_f(LEXICAL_PIVOT)}))"
    return f"({ONE} / ({ONE} + exp(-{log_odds})))"


def score_sql(
    project: ProjectData,
    *,
    cosine: str,
    graph: SkillGraph,
    cosine_params: Sequence = (),
    need_terms: Mapping[str, float] | None = None,
) -> tuple[str, list]:
    """(SQL, params): the fused score in 0..1 of the row's expert for `project`.

    `cosine` is an SQL expression of the expert's document cosine (with `cosine_params`, e.g.
    the query vector); `graph` gives the parent/child skills that earn partial credit. The
    hard filters are not part of it (they belong in
    WHERE). With `need_terms` (`matching.lexical.need_terms` of the need) the semantic
    component is the fused expertise score, reading the row's `lexical_terms`. Parameters
    are in textual order.
    """
    builders = {
        "semantic": lambda params: (
            params.extend(cosine_params) or _expertise(cosine, need_terms, params)
        ),
        "skills": lambda params: _skills(project, graph, params),
        "fields": lambda params: _fields(project, params),
        "language": lambda params: _language(project, params),
        "hours": lambda params: _hours(project),
        "preferences": lambda params: _preferences(project, params),
        "origin": lambda params: _origin(project, params),
        "timezone": lambda params: _timezone(project),
        "modality": lambda params: _modality(project, params),
    }
    params: list = []
    fits = {}
    for direction in ("expert_fit", "project_fit"):
        weights = project.weights[direction]  # the adopted set, as `score_pair` reads it
        total = sum(weights.values())
        # Built in the order they appear in the SQL, so the parameters line up.
        terms = [
            f"{_f(weights[name] / total)} * {_clip(builders[name](params))}" for name in weights
        ]
        fits[direction] = f"({' + '.join(terms)})"
    fusion = project.weights["fusion"]
    total = sum(fusion.values())
    # Weighted harmonic mean; a side at 0 gives 0 (NULLIF makes the sum NULL).
    inverse = " + ".join(
        f"{_f(fusion[name] / total)} / NULLIF({fits[name]}, {ZERO})" for name in fusion
    )
    return f"COALESCE({ONE} / ({inverse}), {ZERO})", params
