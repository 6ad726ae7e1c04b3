"""The round's task: ids in, one service call (matching queue). Registered by an import in
matching/tasks.py so the worker's autodiscovery finds it."""

from celery import shared_task

from matching.rounds import services


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=2)
def round_run_task(round_id: int) -> str:
    match_round = services.round_run(round_id=round_id)
    return match_round.status if match_round else "missing"
