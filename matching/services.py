"""Matching writes: refreshing expert documents and vectors, recomputing and storing matches.

Selection is bounded: approximate nearest neighbours on the HNSW index with the hard filters
in SQL (pgvector iterative index scans), unioned with the eligible holders of a required skill;
PostgreSQL ranks that pool with the scorer's own formula (`matching.prerank`) and only the best
rows are scored again, and explained, in Python. Nothing here loads every profile.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from django.conf import settings
from django.db import connection, connections, transaction
from django.db.models import F, Q
from django.utils import timezone

from matching import events
from matching.documents import (
    SkillGraph,
    expert_data,
    expert_index_values,
    expert_passages,
    passages_hash,
    project_data,
    project_need_text,
)
from matching.embeddings import Embedder, get_embedder
from matching.models import (
    ACTIVE_STATES,
    ExpertIndex,
    ExpertPassage,
    Match,
    MatchRun,
    MatchState,
    ProjectEmbedding,
)
from matching.prerank import score_sql
from matching.scoring import ALGORITHM_VERSION, ProjectData, _project_languages, score_pair
from matching.semantic import aggregate, calibrate
from profiles.models import ExpertProfile, State
from projects.choices import ProjectStatus, RequestStatus
from projects.models import Engagement, Invitation, Project

logger = logging.getLogger(__name__)

UPDATE_FIELDS = [
    "score",
    "rank_score",
    "components",
    "reasons_es",
    "reasons_en",
    "missing_es",
    "missing_en",
    "algorithm_version",
    "computed_at",
]


def _vector_literal(vector: Sequence[float]) -> str:
    return "[" + ",".join(f"{x:.6f}" for x in vector) + "]"


def _setting(name: str, default: int | float) -> int | float:
    return getattr(settings, name, default)


# --- Expert documents -------------------------------------------------------------------------


def expert_index_refresh(
    *, profile_id: int, embedder: Embedder | None = None
) -> ExpertIndex | None:
    """Rebuild one expert's matching document; re-embed only when the texts changed.

    Idempotent. Returns None when the profile no longer exists.
    """
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


# --- Candidate selection ----------------------------------------------------------------------


def filters_for(project: ProjectData) -> tuple[str, list]:
    """The hard filters of `scoring` for this project, as SQL on the index columns."""
    sql = [
        "is_available",
        "capacity_left > 0",
        "languages && %s::varchar[]",
        "collaboration_types @> ARRAY[%s]::varchar[]",
    ]
    params: list = [sorted(_project_languages(project)), project.collaboration_type]
    if project.modality == "on_site":
        sql.append("(residence_state = %s OR willing_to_travel)")
        params.append(project.state)
    return " AND ".join(sql), params


CANDIDATE_COLUMNS = (
    "profile_id, capacity_left, language_levels, collaboration_types, skill_ids, subfields, "
    "origin_state, residence_state, willing_to_travel, modality_preference, utc_offset, "
    "hours_per_month, states_of_interest, sectors_of_interest, pending_invitations, "
    "is_available, 1 - (embedding <=> %s::vector) AS cosine"
)


def select_candidates(
    *,
    query_vector: Sequence[float],
    project: ProjectData,
    graph: SkillGraph,
    limit: int,
    ann_limit: int,
    ef_search: int = 200,
    table: str = "matching_expertindex",
    using: str = "default",
) -> list[dict]:
    """The `limit` best eligible experts for `project`, best first, each with its cosine.

    Candidates are the eligible experts nearest the need (HNSW with the filters in SQL,
    iterative scan) and every eligible holder of a required skill (or of a wanted skill when
    none is required; GIN on skills and collaboration types). All of them are ranked inside
    PostgreSQL by `prerank.score_sql`, the same score as `scoring`, so only the best rows
    travel to Python.
    """
    where, params = filters_for(project)
    vec = _vector_literal(query_vector)
    wanted = project.required_skills or project.nice_skills
    holds = sorted(int(s) for s in wanted if str(s).isdigit()) or [0]
    cosine = "(1 - (embedding <=> %s::vector))"
    score, score_params = score_sql(project, cosine=cosine, cosine_params=[vec], graph=graph)
    # Rank ids first (only the columns the score reads are decoded), then fetch the best rows.
    sql = f"""
        WITH best AS (
            SELECT profile_id, {score} AS prerank FROM {table}
            WHERE {where} AND skill_ids && %s::int[]
            UNION ALL
            SELECT profile_id, {score} FROM {table}
            WHERE {where} AND profile_id = ANY(%s) AND NOT skill_ids && %s::int[]
            ORDER BY prerank DESC, profile_id LIMIT %s
        )
        SELECT {CANDIDATE_COLUMNS}, best.prerank FROM best JOIN {table} USING (profile_id)
        ORDER BY best.prerank DESC, profile_id
    """  # noqa: S608 - table is a constant chosen by the caller, values are parameters
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute("SET LOCAL hnsw.ef_search = %s", [ef_search])
        cursor.execute("SET LOCAL hnsw.iterative_scan = relaxed_order")
        cursor.execute(
            f"SELECT profile_id FROM {table} WHERE {where} AND embedding IS NOT NULL "  # noqa: S608
            "ORDER BY embedding <=> %s::vector LIMIT %s",
            [*params, vec, ann_limit],
        )
        near = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            sql,
            [
                *score_params,
                *params,
                holds,
                *score_params,
                *params,
                near,
                holds,
                limit,
                vec,
            ],
        )
        names = [col.name for col in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:
        # Django's psycopg2 setup leaves jsonb as text in raw queries.
        if isinstance(row["language_levels"], str):
            row["language_levels"] = json.loads(row["language_levels"])
    return rows


def _passage_semantics(profile_ids: list[int], query_vector: Sequence[float]) -> dict[int, float]:
    """Semantic fit per expert from their passage vectors (best + top-3 blend)."""
    if not profile_ids:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT profile_id, 1 - (embedding <=> %s::vector) FROM matching_expertpassage "
            "WHERE profile_id = ANY(%s)",
            [_vector_literal(query_vector), profile_ids],
        )
        sims: dict[int, list[float]] = defaultdict(list)
        for profile_id, cosine in cursor.fetchall():
            sims[profile_id].append(cosine)
    return {pid: float(aggregate(np.array(vals)[:, None])[0]) for pid, vals in sims.items()}


# --- Scoring and storing ----------------------------------------------------------------------


def _project_for_matching(project_id: int) -> Project | None:
    return (
        Project.objects.select_related("state", "institution")
        .prefetch_related("skill_links", "fields")
        .filter(pk=project_id)
        .first()
    )


def score_candidates(
    *,
    pdata: ProjectData,
    candidates: list[dict],
    semantics: dict[int, float],
    graph: SkillGraph,
    state_names: dict[str, str],
    active_elsewhere: dict[int, int],
    keep: int = 50,
) -> list[tuple[dict, object, float]]:
    penalty = _setting("MATCHING_PENDING_INVITATION_PENALTY", 0.25)
    load_penalty = _setting("MATCHING_ACTIVE_SUGGESTION_PENALTY", 0.1)
    ranked = []
    for row in candidates:
        pid = row["profile_id"]
        semantic = semantics.get(pid)
        if semantic is None:
            semantic = float(calibrate(float(row["cosine"] or 0.0)))
        expert = expert_data(row, semantic=semantic, graph=graph, state_names=state_names)
        # Rank without explanations; only the suggestions kept are explained below.
        result = score_pair(expert, pdata, explain=False)
        if not result.eligible:
            continue
        rank = result.score / (
            1 + penalty * row["pending_invitations"] + load_penalty * active_elsewhere.get(pid, 0)
        )
        ranked.append((row, expert, rank))
    ranked.sort(key=lambda item: (-item[2], item[0]["profile_id"]))
    return [(row, score_pair(expert, pdata), rank) for row, expert, rank in ranked[:keep]]


def _store_project_matches(project: Project, scored: list, *, top_k: int) -> list[int]:
    """Upsert the top-k; drop stale undecided rows; keep people's decisions. Returns the ids of
    experts newly suggested. Rows whose values did not change are not written (idempotent)."""
    now = timezone.now()
    keep = scored[:top_k]
    existing = {m.expert_id: m for m in Match.objects.filter(project=project)}
    to_create, to_update, new_ids = [], [], []
    for row, result, rank in keep:
        values = {
            "score": result.score,
            "rank_score": round(rank, 4),
            "components": result.components,
            "reasons_es": result.reasons_es,
            "reasons_en": result.reasons_en,
            "missing_es": result.missing_es,
            "missing_en": result.missing_en,
            "algorithm_version": ALGORITHM_VERSION,
        }
        current = existing.get(row["profile_id"])
        if current is None:
            to_create.append(
                Match(project=project, expert_id=row["profile_id"], computed_at=now, **values)
            )
            new_ids.append(row["profile_id"])
        elif any(getattr(current, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(current, k, v)
            current.computed_at = now
            to_update.append(current)
    kept_ids = {row["profile_id"] for row, _, _ in keep}
    stale = [eid for eid, m in existing.items() if eid not in kept_ids and m.state in ACTIVE_STATES]
    with transaction.atomic():
        if stale:
            Match.objects.filter(project=project, expert_id__in=stale).delete()
        Match.objects.bulk_create(
            to_create,
            update_conflicts=True,
            unique_fields=["project", "expert"],
            update_fields=UPDATE_FIELDS,
        )
        if to_update:
            Match.objects.bulk_update(to_update, UPDATE_FIELDS)
    return new_ids


def _prominence_elsewhere(expert_ids: list[int], project_id: int) -> dict[int, int]:
    """For each expert: on how many other projects they sit among the first
    MATCHING_VISIBLE_TOP active suggestions (what liaisons actually see first)."""
    if not expert_ids:
        return {}
    top = int(_setting("MATCHING_VISIBLE_TOP", 10))
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT expert_id, count(*) FROM (
                SELECT expert_id, project_id, row_number() OVER (
                    PARTITION BY project_id ORDER BY rank_score DESC, expert_id) AS position
                FROM matching_match
                WHERE state = ANY(%s) AND project_id <> %s AND project_id IN (
                    SELECT project_id FROM matching_match WHERE expert_id = ANY(%s))
            ) ranked
            WHERE position <= %s AND expert_id = ANY(%s)
            GROUP BY expert_id
            """,
            [[str(s) for s in ACTIVE_STATES], project_id, expert_ids, top, expert_ids],
        )
        return dict(cursor.fetchall())


def _run_update(run: MatchRun | None, **fields: object) -> None:
    if run is not None:
        for key, value in fields.items():
            setattr(run, key, value)
        run.save(update_fields=list(fields))


def project_matches_recompute(
    *, project_id: int, run_id: int | None = None, embedder: Embedder | None = None
) -> list[int]:
    """Recompute and store the suggested experts of one project. Idempotent; safe to retry.

    Returns the ids of experts newly suggested (and announces them with matches_computed).
    """
    run = MatchRun.objects.filter(pk=run_id).first() if run_id else None
    _run_update(run, status=MatchRun.Status.RUNNING, started_at=timezone.now(), total=3, progress=0)
    project = _project_for_matching(project_id)
    if project is None or project.status != ProjectStatus.PUBLISHED:
        if project is not None:
            Match.objects.filter(project=project).filter(state__in=ACTIVE_STATES).delete()
        _run_update(run, status=MatchRun.Status.DONE, progress=3, finished_at=timezone.now())
        return []
    query = project_embedding_refresh(project=project, embedder=embedder)
    top_k = int(_setting("MATCHING_TOP_K", 50))
    graph = SkillGraph.load()
    pdata = project_data(project, graph=graph)
    # Room for the spread rule below, which may drop some of the best-ranked.
    candidates = select_candidates(
        query_vector=query,
        project=pdata,
        graph=graph,
        limit=top_k * 3,
        ann_limit=top_k * 2,
        ef_search=max(100, top_k * 2),
    )
    _run_update(run, progress=1)
    ids = [row["profile_id"] for row in candidates]
    cap = int(_setting("MATCHING_MAX_ACTIVE_SUGGESTIONS_PER_EXPERT", 10))
    elsewhere = _prominence_elsewhere(ids, project.pk)
    already = set(Match.objects.filter(project=project).values_list("expert_id", flat=True))
    # Spread, not flood: someone already shown near the top of `cap` other projects gets no
    # new suggestion here (an existing one for this project is kept and re-scored).
    candidates = [
        r
        for r in candidates
        if elsewhere.get(r["profile_id"], 0) < cap or r["profile_id"] in already
    ]
    scored = score_candidates(
        pdata=pdata,
        candidates=candidates,
        semantics=_passage_semantics([r["profile_id"] for r in candidates], query),
        graph=graph,
        state_names=dict(State.objects.values_list("code", "name")),
        active_elsewhere=elsewhere,
        keep=top_k,
    )
    _run_update(run, progress=2)
    new_ids = _store_project_matches(project, scored, top_k=top_k)
    _run_update(run, status=MatchRun.Status.DONE, progress=3, finished_at=timezone.now())
    if new_ids:
        events.matches_computed.send(sender=Match, project_id=project.pk, expert_ids=new_ids)
    return new_ids


def expert_matches_recompute(*, profile_id: int, embedder: Embedder | None = None) -> list[int]:
    """Refresh an expert's document and their suggested projects (a bounded set: published
    projects that pass the SQL side of the hard filters). Idempotent. Returns new project ids."""
    index = expert_index_refresh(profile_id=profile_id, embedder=embedder)
    if index is None:
        return []
    if not index.is_available:
        Match.objects.filter(expert_id=profile_id, state__in=ACTIVE_STATES).delete()
        return []
    projects = list(
        Project.objects.published()
        .filter(collaboration_type__in=index.collaboration_types)
        .filter(Q(languages__overlap=index.languages) | Q(languages=[]))
        .select_related("state", "institution", "embedding")
        .prefetch_related("skill_links", "fields")
        .order_by("-published_at")[: int(_setting("MATCHING_EXPERT_PROJECT_SCAN", 2000))]
    )
    graph = SkillGraph.load()
    state_names = dict(State.objects.values_list("code", "name"))
    passages = list(
        ExpertPassage.objects.filter(profile_id=profile_id).values_list("embedding", flat=True)
    )
    row = {f.attname: getattr(index, f.attname) for f in ExpertIndex._meta.concrete_fields}
    results = []
    for project in projects:
        stored = getattr(project, "embedding", None)
        query = (
            np.asarray(stored.embedding, dtype=np.float32)
            if stored
            else project_embedding_refresh(project=project, embedder=embedder)
        )
        if passages:
            semantic = float(aggregate(np.asarray(passages, dtype=np.float32) @ query[:, None])[0])
        elif index.embedding is not None:
            semantic = float(calibrate(float(np.asarray(index.embedding) @ query)))
        else:
            semantic = 0.0
        result = score_pair(
            expert_data(row, semantic=semantic, graph=graph, state_names=state_names),
            project_data(project, graph=graph),
        )
        if result.eligible:
            results.append((project, result))
    results.sort(key=lambda item: (-item[1].score, item[0].pk))
    cap = int(_setting("MATCHING_MAX_ACTIVE_SUGGESTIONS_PER_EXPERT", 10))
    penalty = 1 + _setting("MATCHING_PENDING_INVITATION_PENALTY", 0.25) * index.pending_invitations
    now = timezone.now()
    existing = {m.project_id: m for m in Match.objects.filter(expert_id=profile_id)}
    keep, new_ids = results[:cap], []
    with transaction.atomic():
        kept = {p.pk for p, _ in keep}
        Match.objects.filter(expert_id=profile_id, state__in=ACTIVE_STATES).exclude(
            project_id__in=kept
        ).delete()
        for project, result in keep:
            values = {
                "score": result.score,
                "rank_score": round(result.score / penalty, 4),
                "components": result.components,
                "reasons_es": result.reasons_es,
                "reasons_en": result.reasons_en,
                "missing_es": result.missing_es,
                "missing_en": result.missing_en,
                "algorithm_version": ALGORITHM_VERSION,
            }
            current = existing.get(project.pk)
            if current is None:
                Match.objects.create(
                    project=project, expert_id=profile_id, computed_at=now, **values
                )
                new_ids.append(project.pk)
            elif any(getattr(current, k) != v for k, v in values.items()):
                Match.objects.filter(pk=current.pk).update(computed_at=now, **values)
    if new_ids:
        events.expert_suggestions_computed.send(
            sender=Match, profile_id=profile_id, project_ids=new_ids
        )
    return new_ids


def matches_full_pass(*, run_id: int | None = None) -> int:
    """Nightly: refresh every expert document, then every published project's matches.
    Reports progress on the run. Returns the number of projects recomputed."""
    run = MatchRun.objects.filter(pk=run_id).first() if run_id else None
    project_ids = list(Project.objects.published().values_list("pk", flat=True))
    _run_update(
        run,
        status=MatchRun.Status.RUNNING,
        started_at=timezone.now(),
        total=len(project_ids),
        progress=0,
    )
    stale = ExpertIndex.objects.filter(
        Q(profile__changed_at__gt=F("updated_at")) | Q(embedding__isnull=True)
    ).values_list("profile_id", flat=True)
    missing = ExpertProfile.objects.filter(match_index__isnull=True).values_list("pk", flat=True)
    for profile_id in [*stale.iterator(), *missing.iterator()]:
        expert_index_refresh(profile_id=profile_id)
    for done, project_id in enumerate(project_ids, start=1):
        project_matches_recompute(project_id=project_id)
        _run_update(run, progress=done)
    _run_update(run, status=MatchRun.Status.DONE, finished_at=timezone.now())
    return len(project_ids)


# --- Runs and people's decisions --------------------------------------------------------------


def match_run_enqueue(*, scope: str, object_id: int | None) -> MatchRun:
    """Record a queued run and send its task once the surrounding transaction commits."""
    from matching import tasks

    run = MatchRun.objects.create(scope=scope, object_id=object_id)
    if scope == MatchRun.Scope.PROJECT:
        transaction.on_commit(lambda: tasks.project_matches_task.delay(object_id, run.pk))
    elif scope == MatchRun.Scope.FULL:
        transaction.on_commit(lambda: tasks.full_pass_task.delay(run.pk))
    return run


def expert_id_for(*, engagement_id: int | None, invitation_id: int | None) -> int | None:
    """The expert an engagement or invitation event is about (None if it is gone)."""
    if engagement_id is not None:
        rows = Engagement.objects.filter(pk=engagement_id)
    elif invitation_id is not None:
        rows = Invitation.objects.filter(pk=invitation_id)
    else:
        return None
    return rows.values_list("expert_id", flat=True).first()


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


def match_dismiss(*, match: Match, by: object, reason: str = "") -> Match:
    """The expert (or the institution) says a suggestion is not relevant."""
    from django.core.exceptions import PermissionDenied

    if match.expert.user_id == getattr(by, "pk", None):
        state = MatchState.DISMISSED_BY_EXPERT
    elif match.project.institution.memberships.filter(user=by).exists():
        state = MatchState.DISMISSED_BY_INSTITUTION
    else:
        raise PermissionDenied
    return match_set_state(
        project_id=match.project_id, expert_id=match.expert_id, state=state, reason=reason
    )
