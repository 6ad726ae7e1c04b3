"""Match round writes: create, run (candidates, then the solver), pin pairs, change wanted
counts, publish. Nothing reaches an expert before `round_publish`."""

from __future__ import annotations

import logging
from collections import defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from matching import events
from matching.embeddings import Embedder
from matching.models import ExpertIndex, MatchRound, RoundCandidate, RoundNeed
from matching.rounds import solver
from matching.rounds.candidates import round_candidates_build
from profiles.models import ExpertProfile, Institution, Membership, User
from profiles.selectors.conflicts import conflicted_expert_ids_by_institution
from projects.choices import ProjectStatus
from projects.models import Project
from projects.services.requests import invitation_create

logger = logging.getLogger(__name__)
OPEN = [ProjectStatus.PUBLISHED, ProjectStatus.IN_PROGRESS]


def may_manage(user: User, institution: Institution | None) -> bool:
    """Staff manage every round; an institution admin only rounds of their institution."""
    if user.is_staff:
        return True
    return (
        institution is not None
        and Membership.objects.filter(
            user=user, institution=institution, role=Membership.Role.ADMIN
        ).exists()
    )


def _needs(
    *, institution: Institution | None, project_ids: list[int], status: str, kind: str
) -> list[Project]:
    projects = Project.objects.filter(status__in=OPEN)
    if institution is not None:
        projects = projects.filter(institution=institution)
    if project_ids:
        projects = projects.filter(pk__in=project_ids)
    if status:
        projects = projects.filter(status=status)
    if kind:
        projects = projects.filter(collaboration_type=kind)
    return list(projects.order_by("pk"))


@transaction.atomic
def round_create(
    *,
    by: User,
    name: str,
    institution: Institution | None = None,
    project_ids: list[int] | None = None,
    status: str = "",
    kind: str = "",
    **settings: object,
) -> MatchRound:
    """Record a queued round with its needs (hand-picked ids, or every open need of a state
    and type, within the institution for an institution admin). The caller sends the task."""
    if not may_manage(by, institution):
        raise PermissionDenied(_("Solo el equipo o un administrador de la institución."))
    if not by.is_staff and institution is None:
        raise PermissionDenied(_("Elige tu institución."))
    needs = _needs(institution=institution, project_ids=project_ids or [], status=status, kind=kind)
    if not needs:
        raise ValidationError(_("Ninguna necesidad abierta cumple esos criterios."), code="empty")
    match_round = MatchRound(name=name, institution=institution, created_by=by, **settings)
    match_round.full_clean(exclude=["report", "solved_at", "published_at", "created_by"])
    match_round.save()
    RoundNeed.objects.bulk_create(
        RoundNeed(round=match_round, project=p, wanted=match_round.wanted) for p in needs
    )
    return match_round


def _progress(match_round: MatchRound, **fields: object) -> None:
    for key, value in fields.items():
        setattr(match_round, key, value)
    match_round.save(update_fields=list(fields))


def round_run(*, round_id: int, embedder: Embedder | None = None) -> MatchRound | None:
    """Build the candidates (first run only), then solve. Idempotent: the same inputs give
    the same assignment. A failure is recorded on the round, which the page shows."""
    match_round = MatchRound.objects.filter(pk=round_id).select_related("pool_field").first()
    if match_round is None or match_round.status == MatchRound.Status.PUBLISHED:
        return match_round
    count = match_round.needs.count()
    _progress(match_round, status=MatchRound.Status.RUNNING, progress=0, total=count + 1, error="")
    try:
        if not match_round.candidates.exists():
            round_candidates_build(
                match_round=match_round,
                on_need=lambda done: _progress(match_round, progress=done),
                embedder=embedder,
            )
        round_solve(match_round=match_round)
    except solver.InfeasibleRound as error:
        _progress(match_round, status=MatchRound.Status.FAILED, error=str(error))
        return match_round
    except Exception:
        # Shown as failed, so its page offers "solve again" (a round left "running" offers
        # nothing); raised again for the task's retries, which start the run over.
        logger.exception("Match round %s failed", round_id)
        _progress(
            match_round,
            status=MatchRound.Status.FAILED,
            error=_("ocurrió un error inesperado; vuelve a calcularla."),
        )
        raise
    _progress(
        match_round,
        status=MatchRound.Status.SOLVED,
        progress=count + 1,
        solved_at=timezone.now(),
    )
    return match_round


def round_problem(match_round: MatchRound) -> solver.Problem:
    """The solver's input from the stored round: candidates above the minimum score and
    unconflicted (conflicts declared since the candidates were built are honoured), loads from
    capacity left minus pending invitations, capped by the round's maximum load."""
    needs = dict(match_round.needs.values_list("project_id", "wanted"))
    institutions = dict(Project.objects.filter(pk__in=needs).values_list("pk", "institution_id"))
    conflicts = conflicted_expert_ids_by_institution(set(institutions.values()))
    scores: dict[int, dict[int, float]] = {n: {} for n in needs}
    locked, forbidden = set(), set()
    for project_id, expert_id, score, pin in match_round.candidates.values_list(
        "project_id", "expert_id", "score", "pin"
    ):
        if expert_id in conflicts[institutions[project_id]] or pin == RoundCandidate.Pin.FORBIDDEN:
            forbidden.add((project_id, expert_id))
        elif pin == RoundCandidate.Pin.LOCKED:
            locked.add((project_id, expert_id))
        scores[project_id][expert_id] = score
    experts = {e for row in scores.values() for e in row}
    load = {
        pid: max(0, min(match_round.max_load, left - pending))
        for pid, left, pending in ExpertIndex.objects.filter(profile_id__in=experts).values_list(
            "profile_id", "capacity_left", "pending_invitations"
        )
    }
    return solver.Problem(
        wanted=needs,
        scores=scores,
        load=load,
        min_score=match_round.min_score,
        locked=frozenset(locked),
        forbidden=frozenset(forbidden),
        groups=_groups(match_round, experts),
        max_per_group=match_round.max_per_group if match_round.group_by else None,
    )


def _groups(match_round: MatchRound, experts: set[int]) -> dict[int, object]:
    if match_round.group_by == MatchRound.GroupBy.COUNTRY:
        rows = ExpertProfile.objects.filter(pk__in=experts).values_list("pk", "country")
        return {pid: str(country) for pid, country in rows if country}
    if match_round.group_by == MatchRound.GroupBy.INSTITUTION:
        groups: dict[int, object] = {}
        for pid, institution_id in (
            Membership.objects.filter(user__expert_profile__pk__in=experts)
            .order_by("institution_id")
            .values_list("user__expert_profile__pk", "institution_id")
        ):
            groups.setdefault(pid, institution_id)
        return groups
    return {}


@transaction.atomic
def round_solve(*, match_round: MatchRound) -> solver.Solution:
    """Solve the stored round, mark the proposal, and store the report beside greedy's."""
    problem = round_problem(match_round)
    solution = solver.solve(problem, objective=match_round.objective)
    chosen = set(solution.pairs)
    candidates = list(match_round.candidates.only("pk", "project_id", "expert_id", "assigned"))
    for candidate in candidates:
        candidate.assigned = (candidate.project_id, candidate.expert_id) in chosen
    RoundCandidate.objects.bulk_update(candidates, ["assigned"], batch_size=2000)
    match_round.report = {
        "round": solver.report(problem, solution),
        "greedy": solver.report(problem, solver.greedy(problem)),
        "solver": solution.solver,
    }
    match_round.save(update_fields=["report"])
    return solution


def _editable(match_round: MatchRound, by: User) -> None:
    if not may_manage(by, match_round.institution):
        raise PermissionDenied(_("Solo el equipo o un administrador de la institución."))
    if match_round.status == MatchRound.Status.PUBLISHED:
        raise ValidationError(_("La ronda ya se publicó."), code="published")


def round_pin(*, match_round: MatchRound, candidate_id: int, pin: str, by: User) -> None:
    """Lock, forbid or free a pair; it counts from the next solve ("Resolver de nuevo")."""
    _editable(match_round, by)
    if pin not in RoundCandidate.Pin.values:
        raise ValidationError(_("Elige una opción de la lista."), code="bad_pin")
    if not match_round.candidates.filter(pk=candidate_id).update(pin=pin):
        raise RoundCandidate.DoesNotExist


def round_need_wanted(*, match_round: MatchRound, project_id: int, wanted: int, by: User) -> None:
    _editable(match_round, by)
    if not 1 <= wanted <= 3:
        raise ValidationError({"wanted": _("Entre 1 y 3 expertos.")}, code="wanted_range")
    if not match_round.needs.filter(project_id=project_id).update(wanted=wanted):
        raise RoundNeed.DoesNotExist


def _message(candidate: RoundCandidate, language: str) -> str:
    with translation.override(language or "es"):
        reasons = "; ".join(candidate.reasons(language or "es")[:3])
        return _("Te proponemos para este proyecto porque: %(reasons)s.") % {"reasons": reasons}


@transaction.atomic
def round_publish(*, match_round: MatchRound, by: User) -> dict[str, int]:
    """Send the proposed invitations in bulk. Pending caps and every rule of invitations hold
    (a refused pair is counted, not sent); each expert hears once, in one digest (the
    `round_published` event). Idempotent: a published round publishes nothing more."""
    _editable(match_round, by)
    if match_round.status != MatchRound.Status.SOLVED:
        raise ValidationError(_("Resuelve la ronda antes de publicarla."), code="not_solved")
    sent: dict[int, list[int]] = defaultdict(list)
    skipped = 0
    for candidate in match_round.candidates.filter(assigned=True).select_related(
        "project", "expert__user"
    ):
        try:
            with transaction.atomic():
                invitation = invitation_create(
                    project=candidate.project,
                    expert=candidate.expert,
                    message=_message(candidate, candidate.expert.user.language),
                    by=by,
                    round_id=match_round.pk,
                )
        except ValidationError:
            skipped += 1
            continue
        sent[candidate.expert_id].append(invitation.pk)
    match_round.report = {
        **match_round.report,
        "published": {"sent": sum(map(len, sent.values())), "skipped": skipped},
    }
    _progress(
        match_round,
        status=MatchRound.Status.PUBLISHED,
        published_at=timezone.now(),
        report=match_round.report,
    )
    events.round_published.send(
        sender=MatchRound, round_id=match_round.pk, invitation_ids=dict(sent)
    )
    return {"sent": sum(map(len, sent.values())), "skipped": skipped}
