"""Why a pair scores what it does, in Spanish and English: reasons and gaps, each ordered by
the share of the fused score it explains. Pure, like the arithmetic it explains."""

from __future__ import annotations

from collections.abc import Mapping

from matching.scoring.components import SkillCoverage, working_hours_overlap
from matching.scoring.filters import expert_levels, project_languages
from matching.scoring.fusion import contribution
from matching.scoring.rules import (
    FULL_OVERLAP_HOURS,
    NICE_SKILL_WEIGHT,
    RELATED_SKILL_CREDIT,
    REQUIRED_SKILL_WEIGHT,
    WEIGHTS,
    WORKDAY_END,
    WORKDAY_START,
    WORKING_LEVELS,
    ExpertData,
    ProjectData,
)
from matching.scoring.wording import (
    hours_label,
    in_sentence,
    join_en,
    join_es,
    language_name,
    language_order,
    need_words,
    skill_labels,
)


class Explanation:
    """Reasons and gaps, each weighted by the share of the fused score it explains."""

    def __init__(self, weights: Mapping[str, Mapping[str, float]] = WEIGHTS) -> None:
        self._weights = weights
        self._reasons: list[tuple[float, str, str]] = []
        self._missing: list[tuple[float, str, str]] = []

    def reason(self, direction: str, component: str, share: float, es: str, en: str) -> None:
        self._reasons.append((contribution(direction, component, share, self._weights), es, en))

    def lack(self, direction: str, component: str, share: float, es: str, en: str) -> None:
        self._missing.append((contribution(direction, component, share, self._weights), es, en))

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


def _explain_semantic(out: Explanation, project: ProjectData, semantic: float) -> None:
    the, _of, the_en, _of_en = need_words(project)
    if semantic >= 0.7:
        out.reason(
            "expert_fit",
            "semantic",
            semantic,
            f"Su trayectoria se parece mucho a lo que pide {the}",
            f"Their background closely matches what {the_en} asks for",
        )
    elif semantic >= 0.4:
        out.reason(
            "expert_fit",
            "semantic",
            semantic,
            f"Su trayectoria se relaciona con lo que pide {the}",
            f"Their background relates to what {the_en} asks for",
        )


def _explain_skills(out: Explanation, project: ProjectData, skills: SkillCoverage) -> None:
    if not skills.total_weight:
        return

    def share(required: int, nice: int, credit: float = 1.0) -> float:
        weight = REQUIRED_SKILL_WEIGHT * required + NICE_SKILL_WEIGHT * nice
        return weight * credit / skills.total_weight

    n_required = len(project.required_skills)
    if skills.required_exact:
        es, en = skill_labels(skills.required_exact, project)
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
        es, en = skill_labels(skills.nice_exact, project)
        out.reason(
            "expert_fit",
            "skills",
            share(0, len(skills.nice_exact)),
            f"También tiene habilidades deseables: {es}",
            f"Also has nice-to-have skills: {en}",
        )
    related = skills.required_related + skills.nice_related
    if related:
        es, en = skill_labels(related, project)
        out.reason(
            "expert_fit",
            "skills",
            share(len(skills.required_related), len(skills.nice_related), RELATED_SKILL_CREDIT),
            f"Tiene habilidades afines a: {es}",
            f"Has skills related to: {en}",
        )
    if skills.required_missing:
        es, en = skill_labels(skills.required_missing, project)
        out.lack(
            "expert_fit",
            "skills",
            share(len(skills.required_missing), 0),
            f"No indica experiencia en: {es}",
            f"Does not list experience in: {en}",
        )
    if skills.nice_missing:
        es, en = skill_labels(skills.nice_missing, project)
        out.lack(
            "expert_fit",
            "skills",
            share(0, len(skills.nice_missing)),
            f"No indica las habilidades deseables: {es}",
            f"Does not list the nice-to-have skills: {en}",
        )


def _explain_fields(
    out: Explanation, expert: ExpertData, project: ProjectData, value: float
) -> None:
    if not project.subfields or value <= 0:
        return
    shared = sorted(project.subfields & expert.subfields)
    the, of, the_en, of_en = need_words(project)
    if not shared:
        out.reason(
            "expert_fit",
            "fields",
            value,
            f"Trabaja en un campo afín al {of}",
            f"Works in a field close to {of_en}",
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
            f"Trabaja en el mismo campo que {the}",
            f"Works in the same field as {the_en}",
        )
    out.reason("expert_fit", "fields", value, *texts)


def _explain_languages(
    out: Explanation, expert: ExpertData, project: ProjectData, value: float
) -> None:
    levels = expert_levels(expert)
    codes = sorted(project_languages(project), key=language_order)
    spoken = [code for code in codes if levels.get(code) in WORKING_LEVELS]
    unspoken = [code for code in codes if code not in spoken]
    out.reason(
        "expert_fit",
        "language",
        value,
        "Habla " + join_es([language_name(code, 0) for code in spoken]),
        "Speaks " + join_en([language_name(code, 1) for code in spoken]),
    )
    if unspoken:
        out.lack(
            "expert_fit",
            "language",
            len(unspoken) / len(codes),
            "No habla " + join_es([language_name(code, 0) for code in unspoken]),
            "Does not speak " + join_en([language_name(code, 1) for code in unspoken]),
        )


def _explain_hours(
    out: Explanation, expert: ExpertData, project: ProjectData, value: float
) -> None:
    wanted, offered = project.hours_per_month, expert.hours_per_month
    if wanted <= 0 or project.kind == "enquiry":
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
    out: Explanation, expert: ExpertData, project: ProjectData, values: Mapping[str, float]
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


def _explain_preferences(out: Explanation, expert: ExpertData, project: ProjectData) -> None:
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
    out: Explanation, expert: ExpertData, project: ProjectData, value: float
) -> None:
    if (
        project.modality == "on_site"
        or expert.utc_offset_hours is None
        or project.utc_offset_hours is None
    ):
        return
    overlap = working_hours_overlap(expert.utc_offset_hours, project.utc_offset_hours)
    hours = hours_label(overlap)
    the, of, the_en, of_en = need_words(project)
    if overlap >= WORKDAY_END - WORKDAY_START:
        out.reason(
            "project_fit",
            "timezone",
            value,
            f"Está en la misma zona horaria que {the}",
            f"Is in the same time zone as {the_en}",
        )
    elif overlap >= FULL_OVERLAP_HOURS / 2:
        out.reason(
            "project_fit",
            "timezone",
            value,
            f"Comparte {hours} horas de jornada con {the}",
            f"Shares {hours} working hours with {the_en}",
        )
    elif overlap > 0:
        unit_es, unit_en = ("hora", "hour") if overlap == 1 else ("horas", "hours")
        out.lack(
            "project_fit",
            "timezone",
            1.0 - value,
            f"Su jornada coincide solo {hours} {unit_es} con la {of}",
            f"Their working day overlaps {of_en} by only {hours} {unit_en}",
        )
    else:
        out.lack(
            "project_fit",
            "timezone",
            1.0 - value,
            f"Su jornada no coincide con la {of}",
            f"Their working day does not overlap {of_en}",
        )


def explain_pair(
    expert: ExpertData,
    project: ProjectData,
    values: Mapping[str, float],
    skills: SkillCoverage,
) -> Explanation:
    out = Explanation(project.weights)
    _explain_semantic(out, project, values["semantic"])
    _explain_skills(out, project, skills)
    _explain_fields(out, expert, project, values["fields"])
    _explain_languages(out, expert, project, values["language"])
    _explain_hours(out, expert, project, values["hours"])
    _explain_place(out, expert, project, values)
    _explain_preferences(out, expert, project)
    _explain_timezone(out, expert, project, values["timezone"])
    type_es, type_en = project.collaboration_type_labels
    out.always(f"Ofrece {in_sentence(type_es)}", f"Offers {in_sentence(type_en)}")
    return out
