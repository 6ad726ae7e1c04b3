"""The shortlist: the engine ranks experts for an enquiry with project matching's own
selection, scorer and reasons (an enquiry read as a need), and the broker adds people.

Nothing here copies matching: the enquiry becomes a `ProjectData` (its text the need, the
broker's tags the wanted skills and fields) and goes through `matching.selection`."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from enquiries.choices import CandidateSource, CandidateState, EnquiryType, EntryKind
from enquiries.models import Candidate, Enquiry, TimelineEntry
from matching import selection
from matching.documents import SkillGraph, utc_offset_hours, weighted_need_terms
from matching.embeddings import Embedder, get_embedder
from matching.scoring import MatchResult, ProjectData
from matching.weights import adopted_weights
from profiles.choices import CollaborationType
from profiles.models import ExpertProfile, State, User

# What each kind of enquiry asks of an expert, in matching's vocabulary.
COLLABORATION_FOR_TYPE: dict[str, str] = {
    EnquiryType.MARKET_ENTRY: CollaborationType.BUSINESS_INTRODUCTIONS,
    EnquiryType.TECHNICAL_ADVICE: CollaborationType.CONSULTING,
    EnquiryType.RESEARCH_COLLABORATION: CollaborationType.JOINT_RESEARCH,
    EnquiryType.INVESTMENT: CollaborationType.INVESTMENT,
    EnquiryType.TALENT: CollaborationType.MENTORING,
    EnquiryType.OTHER: CollaborationType.CONSULTING,
}
# An introduction asks for a conversation or two, remotely.
INTRODUCTION_HOURS = 2
MEXICO_CITY = "America/Mexico_City"


@dataclass(frozen=True)
class Suggestion:
    expert: ExpertProfile
    result: MatchResult
    rank: float


def quarter_start(now: datetime.datetime | None = None) -> datetime.datetime:
    now = timezone.localtime(now or timezone.now())
    month = 3 * ((now.month - 1) // 3) + 1
    return now.replace(month=month, day=1, hour=0, minute=0, second=0, microsecond=0)


def asks_this_quarter(expert: ExpertProfile) -> int:
    return Candidate.objects.filter(expert=expert, asked_at__gte=quarter_start()).count()


def enquiry_need(enquiry: Enquiry, *, graph: SkillGraph) -> ProjectData:
    """The enquiry as matching's need. Caller prefetches skills and fields."""
    collaboration = COLLABORATION_FOR_TYPE.get(enquiry.type, CollaborationType.CONSULTING.value)
    labels = dict(CollaborationType.choices)
    with translation.override("es"):
        label_es = str(labels[collaboration])
    with translation.override("en"):
        label_en = str(labels[collaboration])
    wanted = frozenset(str(skill.pk) for skill in enquiry.skills.all())
    version, weights = adopted_weights()
    return ProjectData(
        id=f"enquiry-{enquiry.pk}",
        required_skills=frozenset(),
        nice_skills=wanted,
        skill_names={s: graph.names.get(s, (s, s)) for s in wanted},
        skill_ancestors={s: graph.ancestors.get(s, frozenset()) for s in wanted},
        subfields=frozenset(f.code for f in enquiry.fields.all() if "." in f.code),
        languages=frozenset({enquiry.language}),
        collaboration_type=collaboration,
        collaboration_type_labels=(label_es, label_en),
        modality="remote",
        state=None,
        state_name=None,
        hours_per_month=INTRODUCTION_HOURS,
        sector=enquiry.sector or None,
        utc_offset_hours=utc_offset_hours(MEXICO_CITY),
        need_terms=weighted_need_terms(enquiry.text, graph.thesaurus),  # the text that is embedded
        weights=weights,
        weights_version=version,
        kind="enquiry",
    )


def shortlist_suggest(
    *, enquiry: Enquiry, limit: int = 10, embedder: Embedder | None = None
) -> list[Suggestion]:
    """The `limit` best experts for the enquiry, best first, with matching's reasons; only
    those open to introductions, under their quarterly limit and not on the shortlist yet."""
    graph = SkillGraph.load()
    need = enquiry_need(enquiry, graph=graph)
    query = (embedder or get_embedder()).embed_queries([enquiry.text])[0]
    candidates = selection.select_candidates(
        query_vector=query, project=need, graph=graph, limit=limit * 5, ann_limit=limit * 5
    )
    scored = selection.score_candidates(
        pdata=need,
        candidates=candidates,
        semantics=selection.passage_semantics([r["profile_id"] for r in candidates], query),
        graph=graph,
        state_names=dict(State.objects.values_list("code", "name")),
        elsewhere={},
        keep=limit * 3,
    )
    taken = set(enquiry.candidates.values_list("expert_id", flat=True))
    experts = ExpertProfile.objects.select_related("user").in_bulk(
        [row["profile_id"] for row, _result, _rank in scored if row["profile_id"] not in taken]
    )
    suggestions = []
    for row, result, rank in scored:
        expert = experts.get(row["profile_id"])
        if expert is None or not expert.open_to_introductions:
            continue
        if asks_this_quarter(expert) >= expert.introductions_per_quarter:
            continue
        suggestions.append(Suggestion(expert=expert, result=result, rank=rank))
        if len(suggestions) == limit:
            break
    return suggestions


@transaction.atomic
def candidate_add(
    *,
    enquiry: Enquiry,
    expert: ExpertProfile,
    by: User,
    result: MatchResult | None = None,
) -> Candidate:
    """Put an expert on the shortlist: from the engine (with its score and reasons) or from
    the directory. Idempotent on (enquiry, expert)."""
    if not enquiry.is_open:
        raise ValidationError(_("Esta consulta ya está cerrada."))
    candidate, created = Candidate.objects.get_or_create(
        enquiry=enquiry,
        expert=expert,
        defaults={
            "source": CandidateSource.ENGINE if result else CandidateSource.DIRECTORY,
            "score": result.score if result else None,
            "reasons_es": result.reasons_es if result else [],
            "reasons_en": result.reasons_en if result else [],
            "added_by": by,
            "state": CandidateState.SHORTLISTED,
        },
    )
    if created:
        TimelineEntry.objects.create(
            enquiry=enquiry, kind=EntryKind.CANDIDATE_ADDED, by=by, detail=expert.display_name
        )
    return candidate


@transaction.atomic
def enquiry_tag(*, enquiry: Enquiry, skills: list, fields: list) -> Enquiry:
    enquiry.skills.set(skills)
    enquiry.fields.set(fields)
    return enquiry
