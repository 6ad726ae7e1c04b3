"""Reads for the round pages and for re-routing a declined or expired invitation."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from matching.models import ExpertIndex, Match, MatchRound, RoundCandidate
from profiles.models import ExpertProfile, Membership, User
from profiles.selectors.conflicts import conflicted_expert_ids
from projects.choices import RequestStatus
from projects.models import Engagement, Interest, Invitation, Project

ALTERNATIVES = 3


def round_list_for(user: User) -> QuerySet[MatchRound]:
    """Staff see every round; an institution admin the rounds of their institutions."""
    rounds = MatchRound.objects.select_related("institution", "created_by")
    if user.is_staff:
        return rounds
    admin_of = Membership.objects.filter(user=user, role=Membership.Role.ADMIN).values(
        "institution_id"
    )
    return rounds.filter(institution_id__in=admin_of)


def round_get_for(*, user: User, pk: int) -> MatchRound:
    return round_list_for(user).get(pk=pk)


@dataclass
class NeedRow:
    project: Project
    wanted: int
    proposed: list[RoundCandidate] = field(default_factory=list)
    alternatives: list[RoundCandidate] = field(default_factory=list)
    pinned: list[RoundCandidate] = field(default_factory=list)


@dataclass
class ExpertLoad:
    expert: ExpertProfile
    needs: list[Project]


def round_review_page(match_round: MatchRound) -> dict[str, object]:
    """Per need its proposed experts (reasons), a few alternatives and the pinned pairs; per
    expert their load in the proposal. Four queries whatever the round's size."""
    needs = {
        n.project_id: NeedRow(project=n.project, wanted=n.wanted)
        for n in match_round.needs.select_related("project__institution")
    }
    loads: dict[int, ExpertLoad] = {}
    candidates = match_round.candidates.select_related("expert__user").order_by(
        "project_id", "-score", "expert_id"
    )
    for candidate in candidates:
        row = needs.get(candidate.project_id)
        if row is None:
            continue
        if candidate.assigned:
            row.proposed.append(candidate)
            load = loads.setdefault(candidate.expert_id, ExpertLoad(candidate.expert, []))
            load.needs.append(row.project)
        elif candidate.pin:
            row.pinned.append(candidate)
        elif len(row.alternatives) < ALTERNATIVES:
            row.alternatives.append(candidate)
    return {
        "round": match_round,
        "needs": list(needs.values()),
        "loads": sorted(loads.values(), key=lambda x: (-len(x.needs), x.expert.pk)),
        "report": match_round.report,
    }


def round_csv_rows(match_round: MatchRound) -> list[list[object]]:
    rows: list[list[object]] = [["project_id", "project", "expert_id", "expert", "score"]]
    for c in match_round.candidates.filter(assigned=True).select_related("project", "expert__user"):
        rows.append([c.project_id, c.project.title, c.expert_id, c.expert.display_name, c.score])
    return rows


# --- Re-routing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class NextCandidate:
    expert: ExpertProfile
    score: float
    reasons_es: list[str]
    reasons_en: list[str]
    source: str  # "round" or "suggestions"
    match: Match | None = None  # the suggestion offered, logged as shown (matching.learning)


def _unavailable(project: Project) -> set[int]:
    """Experts who cannot be offered for the project again: anyone already asked or asking
    (any answer, so whoever declined is never offered again), engaged, in conflict, or with
    no room left."""
    asked = Invitation.objects.filter(project=project).values_list("expert_id", flat=True)
    asking = Interest.objects.filter(
        project=project, status__in=[RequestStatus.PENDING, RequestStatus.ACCEPTED]
    ).values_list("expert_id", flat=True)
    engaged = Engagement.objects.filter(project=project).values_list("expert_id", flat=True)
    return {*asked, *asking, *engaged, *conflicted_expert_ids(project.institution_id)}


def next_candidates(*, project: Project, limit: int = 5) -> list[NextCandidate]:
    """The next best available experts for a project whose invitation was declined or
    expired: from the latest published round holding the need, then its suggestions."""
    excluded = _unavailable(project)
    rows: list[tuple[int, float, list[str], list[str], str]] = []
    published = (
        MatchRound.objects.filter(status=MatchRound.Status.PUBLISHED, needs__project=project)
        .order_by("-published_at")
        .first()
    )
    if published is not None:
        rows += [
            (c.expert_id, c.score, c.reasons_es, c.reasons_en, "round")
            for c in published.candidates.filter(project=project).exclude(
                pin=RoundCandidate.Pin.FORBIDDEN
            )
        ]
    suggestions = {
        m.expert_id: m for m in Match.objects.filter(project=project).for_institution_view()
    }
    rows += [
        (m.expert_id, m.score, m.reasons_es, m.reasons_en, "suggestions")
        for m in suggestions.values()
    ]
    room = {
        pid
        for pid, left, pending in ExpertIndex.objects.filter(
            profile_id__in={r[0] for r in rows}, is_available=True
        ).values_list("profile_id", "capacity_left", "pending_invitations")
        if left - pending > 0
    }
    best: dict[int, tuple[float, list[str], list[str], str]] = {}
    for expert_id, score, es, en, source in rows:
        if expert_id in excluded or expert_id not in room:
            continue
        if expert_id not in best or score > best[expert_id][0]:
            best[expert_id] = (score, es, en, source)
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))[:limit]
    profiles = (
        ExpertProfile.objects.available().select_related("user").in_bulk([i for i, _ in ranked])
    )
    return [
        NextCandidate(
            profiles[i], s, es, en, source, suggestions.get(i) if source == "suggestions" else None
        )
        for i, (s, es, en, source) in ranked
        if i in profiles
    ]


def closed_invitations(project: Project) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        project=project, status__in=[RequestStatus.DECLINED, RequestStatus.EXPIRED]
    ).select_related("expert__user")
