"""Candidates of a round's needs from the existing engine: the same selection (ANN + skill
holders, hard filters and conflicts in SQL) and the same explained score as suggestions, top K
per need, without the spread penalty (the solver spreads experts by their loads)."""

from __future__ import annotations

from collections.abc import Callable

from matching import selection
from matching.documents import SkillGraph, project_data
from matching.embeddings import Embedder
from matching.models import MatchRound, RoundCandidate
from matching.services import project_embedding_refresh
from profiles.models import State
from projects.models import Project


def need_candidates(
    *,
    project: Project,
    graph: SkillGraph,
    top_k: int,
    state_names: dict[str, str],
    field_code: str | None = None,
    embedder: Embedder | None = None,
) -> list[tuple[int, float, list[str], list[str]]]:
    """(expert id, score, reasons es, reasons en) of the `top_k` best eligible, unconflicted
    experts of one need, best first (ties by id)."""
    query = project_embedding_refresh(project=project, embedder=embedder)
    pdata = project_data(project, graph=graph)
    rows = selection.select_candidates(
        query_vector=query, project=pdata, graph=graph, limit=top_k, ann_limit=top_k
    )
    if field_code:
        rows = [r for r in rows if any(s.startswith(field_code) for s in r["subfields"] or [])]
    scored = selection.score_candidates(
        pdata=pdata,
        candidates=rows,
        semantics=selection.passage_semantics([r["profile_id"] for r in rows], query),
        graph=graph,
        state_names=state_names,
        elsewhere={},
        keep=top_k,
    )
    return [
        (row["profile_id"], result.score, result.reasons_es, result.reasons_en)
        for row, result, _ in scored
    ]


def round_candidates_build(
    *, match_round: MatchRound, on_need: Callable[[int], None], embedder: Embedder | None = None
) -> int:
    """Store the candidates of every need of the round (replacing earlier ones, keeping pins).
    Returns the number stored; `on_need(done)` reports progress."""
    pins = {
        (c.project_id, c.expert_id): c.pin
        for c in match_round.candidates.exclude(pin=RoundCandidate.Pin.NONE)
    }
    graph = SkillGraph.load()
    state_names = dict(State.objects.values_list("code", "name"))
    field_code = match_round.pool_field.code if match_round.pool_field else None
    projects = (
        Project.objects.filter(pk__in=match_round.needs.values("project_id"))
        .select_related("state", "institution")
        .prefetch_related("skill_links", "fields")
        .order_by("pk")
    )
    rows = []
    for done, project in enumerate(projects, start=1):
        for expert_id, score, es, en in need_candidates(
            project=project,
            graph=graph,
            top_k=match_round.top_k,
            state_names=state_names,
            field_code=field_code,
            embedder=embedder,
        ):
            rows.append(
                RoundCandidate(
                    round=match_round,
                    project_id=project.pk,
                    expert_id=expert_id,
                    score=score,
                    reasons_es=es,
                    reasons_en=en,
                    pin=pins.get((project.pk, expert_id), RoundCandidate.Pin.NONE),
                )
            )
        on_need(done)
    match_round.candidates.all().delete()
    RoundCandidate.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
