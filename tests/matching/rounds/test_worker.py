"""A match round through the real broker and a real Celery worker: end to end, and the same
inputs give the same assignment."""

import uuid

import pytest

from matching.models import MatchRound
from matching.rounds import services as rounds
from matching.rounds.tasks import round_run_task
from tests.conftest import WorkerProcess, _database_url, private_task_queues, wait_for
from tests.factories.projects import PublishedProjectFactory
from tests.matching.rounds.conftest import _assigned, _expert

pytestmark = [pytest.mark.celery, pytest.mark.usefixtures("hashing_embedder")]


@pytest.fixture
def hashing_worker(transactional_db):
    with private_task_queues(f"test-{uuid.uuid4().hex[:10]}") as queue:
        worker = WorkerProcess(
            queue, _database_url(), extra_env={"MATCHING_EMBEDDER": "hashing"}, kinds=("matching",)
        )
        worker.start()
        try:
            yield worker
        finally:
            worker.stop()


def test_a_worker_runs_a_round_end_to_end_and_again_to_the_same_assignment(
    hashing_worker, staff, institution
):
    for i in range(4):
        _expert(f"Cadena de suministro de aguacate y exportación {i}.")
    for i in range(3):
        PublishedProjectFactory(
            institution=institution,
            title=f"Cadena de suministro de aguacate {i}",
            summary="Logística de exportación de aguacate.",
        )
    match_round = rounds.round_create(by=staff, name="R", wanted=2, max_load=2, min_score=0)

    round_run_task.delay(match_round.pk)
    wait_for(lambda: MatchRound.objects.get(pk=match_round.pk).is_finished, 90)
    first = _assigned(match_round)
    MatchRound.objects.filter(pk=match_round.pk).update(status="queued")
    round_run_task.delay(match_round.pk)
    wait_for(lambda: MatchRound.objects.get(pk=match_round.pk).is_finished, 90)

    assert MatchRound.objects.get(pk=match_round.pk).status == "solved"
    assert len(first) == 6
    assert _assigned(match_round) == first
