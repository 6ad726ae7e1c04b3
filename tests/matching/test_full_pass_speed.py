"""What the nightly pass no longer pays per project (issue 20): one candidate selection per
project per pass, need vectors reused while the text is unchanged, and a chunk's shared reads
made once per chunk, with the same stored suggestions as before."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from matching import fullpass, selection, services
from matching.embeddings import get_embedder
from matching.models import ExpertIndex, Match, MatchRun, MatchRunChunk
from projects.models import Project
from tests.matching.test_engine import _expert
from tests.matching.test_full_pass_chunks import _population, _rows

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hashing_embedder")]


def _spy(monkeypatch, module, name: str) -> list[dict]:
    calls: list[dict] = []
    real = getattr(module, name)

    def spy(**kwargs):
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(module, name, spy)
    return calls


def _phase_chunks(run: MatchRun, phase: str) -> list[int]:
    return list(
        MatchRunChunk.objects.filter(run=run, phase=phase)
        .order_by("first_id")
        .values_list("pk", flat=True)
    )


def test_a_pass_selects_each_projects_candidates_once_and_embeds_no_unchanged_need(
    settings, institution, monkeypatch
):
    settings.MATCHING_FULL_PASS_BATCH = 2
    _population(institution, projects=5)
    for project in Project.objects.published():
        services.project_embedding_refresh(project=project)  # vectors stored, as after publishing
    selections = _spy(monkeypatch, selection, "select_candidates")
    embedded: list[str] = []
    embedder = get_embedder("hashing")
    real_embed = embedder.embed_queries
    monkeypatch.setattr(
        embedder, "embed_queries", lambda texts: embedded.extend(texts) or real_embed(texts)
    )

    assert fullpass.matches_full_pass() == 5

    assert len(selections) == 5
    assert embedded == []


def test_a_need_whose_text_changed_is_embedded_again_by_the_pass(institution, monkeypatch):
    _population(institution, projects=2)
    project = Project.objects.published().first()
    services.project_embedding_refresh(project=project)
    Project.objects.filter(pk=project.pk).update(title="Riego por goteo en Zacatecas")
    embedded: list[str] = []
    embedder = get_embedder("hashing")
    real_embed = embedder.embed_queries
    monkeypatch.setattr(
        embedder, "embed_queries", lambda texts: embedded.extend(texts) or real_embed(texts)
    )

    fullpass.matches_full_pass()

    assert any(text.startswith("Riego por goteo en Zacatecas") for text in embedded)


def test_the_projects_phase_stores_the_same_rows_when_the_cache_lost_the_candidates(
    settings, institution
):
    settings.MATCHING_FULL_PASS_BATCH = 2
    settings.MATCHING_VISIBLE_TOP = 2
    settings.MATCHING_MAX_ACTIVE_SUGGESTIONS_PER_EXPERT = 2
    _population(institution, projects=4)
    fullpass.matches_full_pass()
    kept = _rows()
    Match.objects.all().delete()
    run = services.match_run_create(scope=MatchRun.Scope.FULL, object_id=None)
    for chunk in fullpass.full_pass_plan(run_id=run.pk):
        fullpass.full_pass_chunk_run(chunk_id=chunk)
    cache.clear()  # Redis restarted between the phases: each project selects again

    for chunk in _phase_chunks(run, "projects"):
        fullpass.full_pass_chunk_run(chunk_id=chunk)

    assert _rows() == kept
    run.refresh_from_db()
    assert run.status == "done"


def test_an_expert_no_longer_available_after_the_tops_phase_is_not_suggested(settings, institution):
    settings.MATCHING_FULL_PASS_BATCH = 10
    _population(institution, projects=2)
    leaving = _expert("Cadena de suministro de aguacate y logística de exportación, se va.")
    run = services.match_run_create(scope=MatchRun.Scope.FULL, object_id=None)
    for chunk in fullpass.full_pass_plan(run_id=run.pk):
        fullpass.full_pass_chunk_run(chunk_id=chunk)
    ExpertIndex.objects.filter(profile_id=leaving.pk).update(is_available=False)

    for chunk in _phase_chunks(run, "projects"):
        fullpass.full_pass_chunk_run(chunk_id=chunk)

    assert Match.objects.exists()
    assert not Match.objects.filter(expert_id=leaving.pk).exists()


def _queries_of_a_pass(projects: int) -> int:
    run = services.match_run_create(scope=MatchRun.Scope.FULL, object_id=None)
    with CaptureQueriesContext(connection) as queries:
        fullpass.matches_full_pass(run_id=run.pk)
    return len(queries)


def test_a_chunks_reads_per_project_do_not_grow_with_the_chunk(settings, institution):
    settings.MATCHING_FULL_PASS_BATCH = 50
    _population(institution, projects=3)
    fullpass.matches_full_pass()  # settled: the passes below write nothing new
    three = _queries_of_a_pass(3)
    _population(institution, projects=6, experts=0)
    fullpass.matches_full_pass()
    nine = _queries_of_a_pass(9)

    per_project = (nine - three) / 6
    assert per_project <= 20, f"{per_project:.1f} queries per project"
