"""Turn ORM rows into the plain data the pure scorer needs (and back into SQL filters).

Reads only; the writes live in matching.services.
"""

from __future__ import annotations

import datetime
import hashlib
import zoneinfo
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from django.utils import timezone, translation

from matching.lexical import TermFrequencies, Thesaurus, need_terms, terms
from matching.models import ExpertIndex, TermFrequency
from matching.scoring import ExpertData, ProjectData
from matching.weights import Weights, adopted_weights
from profiles.choices import CollaborationType, Visibility
from profiles.models import ExpertProfile, FieldOfScience, Institution, Skill
from profiles.selectors.conflicts import conflicted_expert_ids
from projects.models import Project

WORKING_LEVELS = ("working", "fluent", "native")

# The sector an institution belongs to, for experts' "sectors of interest".
INSTITUTION_SECTOR: dict[str, str] = {
    Institution.Kind.UNIVERSITY: "academia",
    Institution.Kind.RESEARCH_CENTRE: "academia",
    Institution.Kind.COMPANY: "private",
    Institution.Kind.CLUSTER: "private",
    Institution.Kind.GOVERNMENT: "public",
    Institution.Kind.NONPROFIT: "nonprofit",
}


def utc_offset_hours(tz_name: str | None, at: datetime.datetime | None = None) -> float | None:
    if not tz_name:
        return None
    try:
        zone = zoneinfo.ZoneInfo(tz_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
    offset = (at or timezone.now()).astimezone(zone).utcoffset()
    return offset.total_seconds() / 3600 if offset is not None else None


@dataclass(frozen=True)
class SkillGraph:
    """The vocabulary as plain maps: ancestors for partial credit, labels for reasons."""

    ancestors: Mapping[str, frozenset[str]]
    names: Mapping[str, tuple[str, str]]

    @classmethod
    def load(cls) -> SkillGraph:
        rows = {
            str(pk): (str(parent) if parent else None, es, en)
            for pk, parent, es, en in Skill.objects.values_list(
                "pk", "parent_id", "name_es", "name_en"
            )
        }
        ancestors: dict[str, frozenset[str]] = {}
        for key in rows:
            chain, seen, parent = [], {key}, rows[key][0]
            while parent and parent in rows and parent not in seen:
                chain.append(parent)
                seen.add(parent)
                parent = rows[parent][0]
            ancestors[key] = frozenset(chain)
        return cls(ancestors=ancestors, names={k: (v[1], v[2]) for k, v in rows.items()})

    @cached_property
    def descendants(self) -> Mapping[str, frozenset[str]]:
        below: dict[str, set[str]] = {}
        for skill, chain in self.ancestors.items():
            for ancestor in chain:
                below.setdefault(ancestor, set()).add(skill)
        return {key: frozenset(value) for key, value in below.items()}

    @cached_property
    def thesaurus(self) -> Thesaurus:
        """The bilingual thesaurus of needs' lexical terms, read once per graph (per pass or
        recompute, as the graph itself)."""
        return skill_thesaurus()

    def related(self, skill: str) -> frozenset[str]:
        """Parents and children of a skill: holding one earns partial credit in scoring."""
        return self.ancestors.get(skill, frozenset()) | self.descendants.get(skill, frozenset())


def skill_thesaurus() -> Thesaurus:
    """The taxonomy's approved skill names and synonyms, both languages, for lexical terms."""
    return Thesaurus.from_skills(
        Skill.objects.filter(status=Skill.Status.APPROVED).values(
            "slug", "name_es", "name_en", "synonyms"
        )
    )


@lru_cache(maxsize=1)
def _subfield_names() -> dict[str, tuple[str, str]]:
    return {
        code: (es, en)
        for code, es, en in FieldOfScience.objects.values_list("code", "name_es", "name_en")
    }


# --- Experts ----------------------------------------------------------------------------------


def expert_passages(profile: ExpertProfile) -> list[tuple[str, str]]:
    """(kind, text) pieces of evidence, each embedded on its own. Caller prefetches portfolio."""
    pieces: list[tuple[str, str]] = []
    position = " · ".join(
        p for p in [profile.headline, profile.current_position, profile.employer] if p
    )
    if position:
        pieces.append(("position", position))
    if profile.bio.strip():
        pieces.append(("bio", profile.bio.strip()[:2000]))
    for item in profile.portfolio.all():
        text = ". ".join(t for t in [item.title, item.summary] if t)
        if text:
            pieces.append((item.kind, text[:1500]))
    return pieces


def passages_hash(passages: Iterable[tuple[str, str]], embedder: str) -> str:
    digest = hashlib.sha256(embedder.encode())
    for kind, text in passages:
        digest.update(b"\x00" + kind.encode() + b"\x01" + text.encode())
    return digest.hexdigest()


def expert_availability(profile: ExpertProfile, *, active_engagements: int) -> tuple[bool, int]:
    """(is_available, capacity_left) of a profile (caller selects its user)."""
    capacity_left = max(0, profile.max_concurrent_engagements - active_engagements)
    available = (
        profile.user.is_active
        and profile.onboarded_at is not None
        and profile.visibility in (Visibility.PUBLIC, Visibility.MEMBERS)
        and not profile.is_paused
        and capacity_left > 0
    )
    return available, capacity_left


def expert_index_values(
    profile: ExpertProfile, *, active_engagements: int, pending_invitations: int
) -> dict:
    """Column values of ExpertIndex for a profile (caller prefetches languages, skills,
    fields, states of interest)."""
    levels = {lang.code: lang.level for lang in profile.languages.all()}
    available, capacity_left = expert_availability(profile, active_engagements=active_engagements)
    residence_state = ""
    return {
        "is_available": available,
        "capacity_left": capacity_left,
        "languages": sorted(c for c, lvl in levels.items() if lvl in WORKING_LEVELS),
        "language_levels": levels,
        "collaboration_types": list(profile.collaboration_types),
        "skill_ids": sorted(link.skill_id for link in profile.skill_links.all()),
        "subfields": sorted(f.code for f in profile.fields.all()),
        "origin_state": profile.origin_state.code if profile.origin_state else "",
        "residence_state": residence_state,
        "willing_to_travel": profile.willing_to_travel,
        "modality_preference": profile.modality_preference,
        "utc_offset": utc_offset_hours(profile.timezone),
        "hours_per_month": profile.hours_per_month,
        "states_of_interest": sorted(s.code for s in profile.states_of_interest.all()),
        "sectors_of_interest": list(profile.sectors_of_interest),
        "pending_invitations": pending_invitations,
    }


def expert_data(
    index: ExpertIndex | Mapping, *, semantic: float, graph: SkillGraph, state_names: Mapping
) -> ExpertData:
    """ExpertData from an ExpertIndex row (model instance or dict of its columns)."""
    get: Callable[[str], Any] = (
        index.get if isinstance(index, Mapping) else lambda k: getattr(index, k)
    )
    skills = frozenset(str(s) for s in get("skill_ids"))
    origin = get("origin_state") or None
    return ExpertData(
        id=get("profile_id"),
        is_active=True,
        is_visible=bool(get("is_available")),
        is_paused=False,
        capacity_left=int(get("capacity_left")),
        languages=dict(get("language_levels")),
        collaboration_types=frozenset(get("collaboration_types")),
        skills=skills,
        skill_ancestors={s: graph.ancestors.get(s, frozenset()) for s in skills},
        subfields=frozenset(get("subfields")),
        origin_state=origin,
        origin_state_name=state_names.get(origin) if origin else None,
        residence_state=get("residence_state") or None,
        willing_to_travel=bool(get("willing_to_travel")),
        modality_preference=get("modality_preference") or "either",
        utc_offset_hours=get("utc_offset"),
        hours_per_month=int(get("hours_per_month")),
        states_of_interest=frozenset(get("states_of_interest")),
        sectors_of_interest=frozenset(get("sectors_of_interest")),
        semantic=float(semantic),
    )


# --- Projects ---------------------------------------------------------------------------------


def project_need_text(project: Project) -> str:
    parts = [project.title, project.summary, project.description[:1500]]
    return ". ".join(p.strip() for p in parts if p and p.strip())


def project_data(
    project: Project,
    *,
    graph: SkillGraph,
    conflicted: frozenset[int] | Mapping[int, frozenset[int]] | None = None,
    weights: tuple[str, Weights] | None = None,
    frequencies: TermFrequencies | None = None,
) -> ProjectData:
    """Caller prefetches skill_links, fields and selects state and institution. Callers looping
    over many projects pass `conflicted`, the experts in conflict with the institution or a map
    institution id -> those experts (else one query reads them), and `weights`, the adopted
    (version, weights) (else one cached read), and `frequencies`, the term counts of all their
    needs (`chunk_frequencies`; else one read). The need's lexical terms come from the text
    that is embedded (`project_need_text`)."""
    version, table = weights or adopted_weights()
    if conflicted is None:
        conflicted = conflicted_expert_ids(project.institution_id)
    elif isinstance(conflicted, Mapping):
        conflicted = conflicted.get(project.institution_id, frozenset())
    required = frozenset(str(link.skill_id) for link in project.skill_links.all() if link.required)
    nice = frozenset(str(link.skill_id) for link in project.skill_links.all() if not link.required)
    wanted = required | nice
    labels = dict(CollaborationType.choices)
    with translation.override("es"):
        label_es = str(labels.get(project.collaboration_type, project.collaboration_type))
    with translation.override("en"):
        label_en = str(labels.get(project.collaboration_type, project.collaboration_type))
    state = project.state
    return ProjectData(
        id=project.pk,
        required_skills=required,
        nice_skills=nice,
        skill_names={s: graph.names.get(s, (s, s)) for s in wanted},
        skill_ancestors={s: graph.ancestors.get(s, frozenset()) for s in wanted},
        subfields=frozenset(f.code for f in project.fields.all() if "." in f.code),
        languages=frozenset(project.languages),
        collaboration_type=project.collaboration_type,
        collaboration_type_labels=(label_es, label_en),
        modality=project.modality,
        state=state.code if state else None,
        state_name=state.name if state else None,
        hours_per_month=project.hours_per_month,
        sector=INSTITUTION_SECTOR.get(project.institution.kind),
        utc_offset_hours=utc_offset_hours(state.timezone if state else None),
        subfield_names=_subfield_names(),
        conflicted=frozenset(conflicted),
        need_terms=weighted_need_terms(project_need_text(project), graph.thesaurus, frequencies),
        weights=table,
        weights_version=version,
    )


# --- The need's lexical terms, weighted by the indexed experts' document frequencies -------


def term_frequencies(wanted: Collection[str]) -> TermFrequencies:
    """How many indexed experts hold each of `wanted` (`ExpertIndex.lexical_terms`), out of all
    indexed experts: the IDF of `matching.lexical.need_terms`. One indexed read of
    `TermFrequency`, which triggers keep exact (a cached count let the web and the workers
    weigh the same need differently)."""
    rows = dict(TermFrequency.objects.filter(term__in=[*wanted, ""]).values_list("term", "experts"))
    experts = rows.pop("", 0)
    return TermFrequencies(experts=experts, counts={term: rows.get(term, 0) for term in wanted})


def chunk_frequencies(projects: Iterable[Project], thesaurus: Thesaurus) -> TermFrequencies:
    """The term counts every need of `projects` asks for, in one read (a chunk of the pass)."""
    wanted = {t for p in projects for t in terms([project_need_text(p)], thesaurus)}
    return term_frequencies(wanted)


def weighted_need_terms(
    text: str, thesaurus: Thesaurus | None = None, frequencies: TermFrequencies | None = None
) -> dict[str, float]:
    """`matching.lexical.need_terms` of a need with the taxonomy's concepts and the IDF
    weights of the indexed experts: what `prerank.score_sql(need_terms=...)` and
    `semantic.fuse` were measured with, and what the engine ranks with (`project_data`)."""
    thesaurus = thesaurus or skill_thesaurus()
    return need_terms(text, thesaurus, frequencies or term_frequencies(terms([text], thesaurus)))
