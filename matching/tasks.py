"""Thin tasks: ids in, one service call, retry policy on the decorator. The task base sends a
task queued inside a transaction when it commits (network/celery.py)."""

from celery import shared_task
from django.core.cache import cache
from django.db import OperationalError

from matching import fullpass, services
from matching.models import MatchRun

RETRY = {"autoretry_for": (Exception,), "retry_backoff": True, "max_retries": 5}


def expert_refresh_key(profile_id: int) -> str:
    return f"matching:expert-refresh:{profile_id}"


@shared_task(**RETRY)
def project_matches_task(project_id: int, run_id: int | None = None) -> int:
    return len(services.project_matches_recompute(project_id=project_id, run_id=run_id))


@shared_task(**RETRY)
def expert_refresh_task(profile_id: int) -> int:
    # Clear the coalescing key first: an edit arriving while we run schedules another run.
    cache.delete(expert_refresh_key(profile_id))
    return len(services.expert_matches_recompute(profile_id=profile_id))


# The three tasks below are no longer sent by receivers (matching/derived.py writes those facts
# in the sender's transaction); they stay so messages queued before an upgrade still run.


@shared_task(**RETRY)
def expert_index_task(profile_id: int) -> None:
    services.expert_index_refresh(profile_id=profile_id)


@shared_task(**RETRY)
def expert_index_for_event_task(
    expert_id: int | None = None,
    engagement_id: int | None = None,
    invitation_id: int | None = None,
) -> None:
    expert_id = expert_id or services.expert_id_for(
        engagement_id=engagement_id, invitation_id=invitation_id
    )
    if expert_id is not None:
        services.expert_index_refresh(profile_id=expert_id)


@shared_task(**RETRY)
def match_state_task(project_id: int, expert_id: int, state: str) -> None:
    services.match_set_state(project_id=project_id, expert_id=expert_id, state=state)


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=2)
def full_pass_task(run_id: int | None = None) -> int:
    """Plan the pass (or resume it: the sweeper sends this again) and send its pending chunks."""
    # The nightly schedule sends no run: record one so the pass reports its progress.
    if run_id is None:
        run_id = services.match_run_create(scope=MatchRun.Scope.FULL, object_id=None).pk
    chunks = fullpass.full_pass_plan(run_id=run_id)
    for chunk_id in chunks:
        full_pass_chunk_task.delay(chunk_id)
    return len(chunks)


@shared_task(**RETRY)
def full_pass_chunk_task(chunk_id: int) -> int:
    """One batch of the pass, from its cursor on (a retry or redelivery resumes there)."""
    chunks = fullpass.full_pass_chunk_run(chunk_id=chunk_id)
    for next_id in chunks:
        full_pass_chunk_task.delay(next_id)
    return len(chunks)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def match_runs_sweep() -> int:
    """Periodic (housekeeping queue): send stalled runs again, fail hopeless ones."""
    runs = services.match_runs_sweep()
    for run in runs:
        if run.scope == MatchRun.Scope.FULL:
            full_pass_task.delay(run.pk)
        elif run.scope == MatchRun.Scope.PROJECT and run.object_id is not None:
            project_matches_task.delay(run.object_id, run.pk)
        elif run.object_id is not None:
            expert_refresh_task.delay(run.object_id)
    return len(runs)


from matching.rounds.tasks import round_run_task  # noqa: E402, F401 - registers the round's task
