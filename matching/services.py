"""Matching writes: expert documents and vectors, suggestions, runs and people's decisions.
Recomputing is orchestration: `matching.selection` picks and ranks the candidates in a bounded
number of queries, `matching.scoring` scores and explains them (pure), `matching.storage`
upserts the kept ones. Nothing here enqueues work: callers send the task for a run this
module records (`match_run_create`), so tasks import services and never the reverse."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from matching import events, learning, selection, spread
from matching.documents import (
    SkillGraph,
    expert_data,
    expert_index_values,
    expert_passages,
    passages_hash,
    project_data,
    project_need_text,
    skill_thesaurus,
)
from matching.embeddings import Embedder, get_embedder
from matching.lexical import terms
from matching.models import (
    ExpertIndex,
    ExpertPassage,
    Match,
    MatchRun,
    MatchState,
    ProjectEmbedding,
)
from matching.scoring import MatchResult, ProjectData, score_pair
from matching.storage import Suggestion, matches_upsert
from matching.weights import adopted_weights
from profiles.models import ExpertProfile, State, User
from projects.choices import ProjectStatus, RequestStatus
from projects.models import Engagement, Invitation, Project

if TYPE_CHECKING:
    from matching.passphases import Prepared

logger = logging.getLogger(__name__)


def _setting(name: str, default: float) -> Any:
    return getattr(settings, name, default)


# --- Expert documents -------------------------------------------------------------------------


def expert_index_refresh(
    *, profile_id: int, embedder: Embedder | None = None
) -> ExpertIndex | None:
    """Rebuild one expert's matching document; re-embed only when the texts changed.
    Idempotent. Returns None when the profile no longer exists."""
    profile = (
        ExpertProfile.objects.select_related("user", "origin_state")
        .prefetch_related("languages", "skill_links", "fields", "states_of_interest", "portfolio")
        .filter(pk=profile_id)
        .first()
    )
    if profile is None:
        return None
    embedder = embedder or get_embedder()
    active = Engagement.objects.active().filter(expert_id=profile_id).count()
    pending = Invitation.objects.filter(expert_id=profile_id, status=RequestStatus.PENDING).count()
    values = expert_index_values(profile, active_engagements=active, pending_invitations=pending)
    passages = expert_passages(profile)
    digest = passages_hash(passages, embedder.name)
    with transaction.atomic():
        index, _ = ExpertIndex.objects.select_for_update().get_or_create(profile_id=profile_id)
        for key, value in values.items():
            setattr(index, key, value)
        index.lexical_terms = terms([text for _, text in passages], skill_thesaurus())
        if index.text_hash != digest:
            vectors = embedder.embed_passages([text for _, text in passages])
            ExpertPassage.objects.filter(profile_id=profile_id).delete()
            ExpertPassage.objects.bulk_create(
                ExpertPassage(
                    profile_id=profile_id, position=i, kind=kind, text=text, embedding=vectors[i]
                )
                for i, (kind, text) in enumerate(passages)
            )
            if len(passages):
                centroid = vectors.mean(axis=0)
                norm = float(np.linalg.norm(centroid))
                index.embedding = centroid / norm if norm else None
            else:
                index.embedding = None
            index.text_hash = digest
            index.embedder = embedder.name
        index.save()
    return index


def project_embedding_refresh(*, project: Project, embedder: Embedder | None = None) -> np.ndarray:
    embedder = embedder or get_embedder()
    text = project_need_text(project)
    digest = passages_hash([("need", text)], embedder.name)
    stored = ProjectEmbedding.objects.filter(project=project).first()
    if stored and stored.text_hash == digest:
        return np.asarray(stored.embedding, dtype=np.float32)
    vector = embedder.embed_queries([text])[0]
    ProjectEmbedding.objects.update_or_create(
        project=project,
        defaults={"embedding": vector, "text_hash": digest, "embedder": embedder.name},
    )
    return vector


# --- Recomputing suggestions ------------------------------------------------------------------


def _project_for_matching(project_id: int) -> Project | None:
    return (
        Project.objects.select_related("state", "institution")
        .prefetch_related("skill_links", "fields")
        .filter(pk=project_id)
        .first()
    )


def _run_update(run: MatchRun | None, **fields: object) -> None:
    if run is not None:
        fields["progressed_at"] = timezone.now()  # a sign of life for match_runs_sweep
        for key, value in fields.items():
            setattr(run, key, value)
        run.save(update_fields=list(fields))


def _other_open_projects(
    project_id: int, *, graph: SkillGraph, embedder: Embedder | None
) -> list[tuple[int, ProjectData, np.ndarray]]:
    """Every other published project with its data and need vector: the pool the spread rule
    compares against (a vector missing is computed, from the text alone)."""
    projects = (
        Project.objects.published()
        .exclude(pk=project_id)
        .select_related("state", "institution", "embedding")
        .prefetch_related("skill_links", "fields")
        .order_by("pk")
    )
    others, by_inst = [], selection.conflicts_by_institution(p.institution_id for p in projects)
    weights = adopted_weights()
    for project in projects:
        stored = getattr(project, "embedding", None)
        vector = (
            np.asarray(stored.embedding, dtype=np.float32)
            if stored
            else project_embedding_refresh(project=project, embedder=embedder)
        )
        data = project_data(project, graph=graph, conflicted=by_inst, weights=weights)
        others.append((project.pk, data, vector))
    return others


# Over 60 lines: the one path deciding which rows exist, step by step with the run's progress
# between steps; split, the steps would have to pass the run and half the state around.
def project_matches_recompute(
    *,
    project_id: int,
    run_id: int | None = None,
    embedder: Embedder | None = None,
    prominence: Callable[[list[dict], int], dict[int, int]] | None = None,
    prepared: Prepared | None = None,
) -> list[int]:
    """Recompute and store the suggested experts of one project. Idempotent; safe to retry.
    `prominence` gives the spread rule's counts from a full pass's precomputed tops
    (matching.fullpass); without it they are computed here against every other project.
    `prepared` (the full pass, `matching.passphases`) skips reading what it already read.
    Returns the ids of experts newly suggested (and announces them with matches_computed)."""
    run = MatchRun.objects.filter(pk=run_id).first() if run_id else None
    _run_update(run, status=MatchRun.Status.RUNNING, started_at=timezone.now(), total=3, progress=0)
    project = prepared.project if prepared else _project_for_matching(project_id)
    if project is None or project.status != ProjectStatus.PUBLISHED:
        if project is not None:
            matches_upsert(scope=Q(project=project), suggestions=[])
        _run_update(run, status=MatchRun.Status.DONE, progress=3, finished_at=timezone.now())
        return []
    top_k = int(_setting("MATCHING_TOP_K", 50))
    if prepared:
        query, graph, pdata = prepared.query, prepared.graph, prepared.data
        candidates = prepared.candidates
    else:
        query = project_embedding_refresh(project=project, embedder=embedder)
        graph = SkillGraph.load()
        pdata = project_data(project, graph=graph)
        candidates = selection.select_candidates(
            query_vector=query,
            project=pdata,
            graph=graph,
            limit=top_k * 3,
            ann_limit=top_k * 2,
            ef_search=max(100, top_k * 2),
        )
    _run_update(run, progress=1)
    elsewhere = (
        prominence(candidates, project.pk)
        if prominence
        else spread.prominent_elsewhere(
            candidates=candidates,
            project_id=project.pk,
            others=_other_open_projects(project.pk, graph=graph, embedder=embedder),
            graph=graph,
            top=int(_setting("MATCHING_VISIBLE_TOP", 10)),
        )
    )
    scored = selection.score_candidates(
        pdata=pdata,
        candidates=candidates,
        semantics=selection.passage_semantics([r["profile_id"] for r in candidates], query),
        graph=graph,
        state_names=dict(State.objects.values_list("code", "name")),
        elsewhere=elsewhere,
        keep=top_k,
    )
    _run_update(run, progress=2)
    new = matches_upsert(
        scope=Q(project=project),
        suggestions=[
            Suggestion(project.pk, row["profile_id"], result, rank)
            for row, result, rank in scored[:top_k]
        ],
    )
    new_ids = [suggestion.expert_id for suggestion in new]
    _run_update(run, status=MatchRun.Status.DONE, progress=3, finished_at=timezone.now())
    if new_ids:
        events.matches_computed.send(sender=Match, project_id=project.pk, expert_ids=new_ids)
    return new_ids


def _projects_scored_for(
    index: ExpertIndex, *, embedder: Embedder | None
) -> list[tuple[Project, MatchResult]]:
    """The expert's eligible projects with their explained results, best first."""
    projects = selection.projects_for_expert(
        index=index, limit=int(_setting("MATCHING_EXPERT_PROJECT_SCAN", 2000))
    )
    graph = SkillGraph.load()
    state_names = dict(State.objects.values_list("code", "name"))
    passages = selection.passage_vectors(profile_id=index.profile_id)
    fields = ExpertIndex._meta.concrete_fields  # noqa: SLF001 - _meta is Django's public API
    row = {f.attname: getattr(index, f.attname) for f in fields}
    results, weights = [], adopted_weights()
    for project in projects:
        stored = getattr(project, "embedding", None)
        query = (
            np.asarray(stored.embedding, dtype=np.float32)
            if stored
            else project_embedding_refresh(project=project, embedder=embedder)
        )
        # Conflicts are excluded by projects_for_expert.
        pdata = project_data(project, graph=graph, conflicted=frozenset(), weights=weights)
        semantic = selection.expertise(
            selection.expert_semantic(passages=passages, index=index, query=query),
            pdata,
            index.lexical_terms,
        )
        result = score_pair(
            expert_data(row, semantic=semantic, graph=graph, state_names=state_names), pdata
        )
        if result.eligible:
            results.append((project, result))
    results.sort(key=lambda item: (-item[1].score, item[0].pk))
    return results


def expert_matches_recompute(*, profile_id: int, embedder: Embedder | None = None) -> list[int]:
    """Refresh an expert's document, then recompute through `project_matches_recompute` (the
    one rule deciding which rows exist) every project they are eligible for or suggested on.
    Idempotent. Returns (and announces) the ids of projects newly suggested to the expert."""
    index = expert_index_refresh(profile_id=profile_id, embedder=embedder)
    if index is None:
        return []
    scored = _projects_scored_for(index, embedder=embedder) if index.is_available else []
    eligible = [project.pk for project, _ in scored]
    holding = (
        Match.objects.filter(expert_id=profile_id).active().values_list("project_id", flat=True)
    )
    new_ids = [
        project_id
        for project_id in sorted({*eligible, *holding})
        if profile_id in project_matches_recompute(project_id=project_id, embedder=embedder)
    ]
    if new_ids:
        events.expert_suggestions_computed.send(
            sender=Match, profile_id=profile_id, project_ids=new_ids
        )
    return new_ids


# --- Runs and people's decisions --------------------------------------------------------------


def match_run_create(*, scope: str, object_id: int | None) -> MatchRun:
    """Record a queued run, so pages can show it at once. The caller sends its task
    (`project_matches_task` or `full_pass_task`, with the run's id); inside a transaction the
    task base sends it on commit."""
    return MatchRun.objects.create(scope=scope, object_id=object_id)


def match_runs_sweep(*, now: datetime.datetime | None = None) -> list[MatchRun]:
    """Settle runs silent for MATCHING_RUN_STALL_SECONDS (worker died, message lost): `queued`
    again for the caller to resend (returned), after MATCHING_RUN_MAX_RETRIES `failed` (with a
    retry button). Idempotent: a settled run is not stalled; concurrent sweeps skip locked rows."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=settings.MATCHING_RUN_STALL_SECONDS)
    retried: list[MatchRun] = []
    with transaction.atomic():
        stalled = MatchRun.objects.filter(
            status__in=[MatchRun.Status.QUEUED, MatchRun.Status.RUNNING], progressed_at__lte=cutoff
        ).select_for_update(skip_locked=True)
        for run in stalled:
            if run.retries < settings.MATCHING_RUN_MAX_RETRIES:
                run.status, run.retries, run.progressed_at = (
                    MatchRun.Status.QUEUED,
                    run.retries + 1,
                    now,
                )
                run.save(update_fields=["status", "retries", "progressed_at"])
                retried.append(run)
            else:
                match_run_fail_stalled(run=run, now=now)
    if retried:
        logger.warning("Re-sending %s stalled matching runs", len(retried))
    return retried


def match_run_fail_stalled(*, run: MatchRun, now: datetime.datetime) -> None:
    """Give up on a run silent for MATCHING_RUN_STALL_SECONDS (the sweeper, a new request)."""
    run.status, run.finished_at, run.progressed_at = MatchRun.Status.FAILED, now, now
    run.error = f"No progress for {settings.MATCHING_RUN_STALL_SECONDS} s"
    run.save(update_fields=["status", "finished_at", "progressed_at", "error"])


def expert_id_for(*, engagement_id: int | None, invitation_id: int | None) -> int | None:
    """The expert an engagement or invitation event is about (None if it is gone)."""
    rows: Any = Engagement.objects.filter(pk=engagement_id) if engagement_id is not None else None
    if rows is None and invitation_id is not None:
        rows = Invitation.objects.filter(pk=invitation_id)
    return None if rows is None else rows.values_list("expert_id", flat=True).first()


def matches_withdraw_for_expert(*, profile_id: int) -> int:
    """A profile left every audience: its pending suggestions deleted (decided ones stay,
    lists filter them by visibility), its document out of selection. Returns how many."""
    ExpertIndex.objects.filter(profile_id=profile_id).update(is_available=False)
    withdrawn, _ = Match.objects.filter(expert_id=profile_id).active().delete()
    return withdrawn


def matches_mark_seen(*, match_ids: list[int]) -> int:
    """Suggestions the expert has now seen (only new ones change)."""
    return Match.objects.filter(pk__in=match_ids, state=MatchState.NEW).update(
        state=MatchState.SEEN, state_changed_at=timezone.now()
    )


def match_set_state(
    *, project_id: int, expert_id: int, state: str, reason: str = ""
) -> Match | None:
    """Record a person's decision on a pair (idempotent). Creates no match that does not exist."""
    match = Match.objects.filter(project_id=project_id, expert_id=expert_id).first()
    if match is None:
        return None
    if match.state != state or match.dismiss_reason != reason:
        match.state = state
        match.dismiss_reason = reason[:500]
        match.state_changed_at = timezone.now()
        match.save(update_fields=["state", "dismiss_reason", "state_changed_at"])
    return match


@transaction.atomic
def match_dismiss(*, match: Match, by: User, reason: str = "") -> Match | None:
    """The expert (or the institution) says a suggestion is not relevant, logged with its
    reason for the weight fit. None when the match was deleted meanwhile."""
    if match.expert.user_id == by.pk:
        state = MatchState.DISMISSED_BY_EXPERT
    elif match.project.institution.memberships.filter(user=by).exists():
        state = MatchState.DISMISSED_BY_INSTITUTION
    else:
        raise PermissionDenied
    dismissed = match_set_state(
        project_id=match.project_id, expert_id=match.expert_id, state=state, reason=reason
    )
    if dismissed is not None:
        learning.dismissal_log(match=dismissed)
    return dismissed
