"""A run left "queued" for good (its task lost, e.g. the broker restarted before a worker took
it) no longer refuses a new request once it has been silent for MATCHING_RUN_STALL_SECONDS, the
bound the stalled-run sweeper uses: the request fails it as the sweeper would and queues a fresh
run. A younger queued run, and a running one, still refuse."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from matching.models import MatchRun
from profiles.models import Institution, User
from tests.factories.matching import MatchRunFactory
from tests.factories.projects import PublishedProjectFactory
from tests.matching.test_recompute_once import ALREADY, ask_again, runs

pytestmark = pytest.mark.django_db

STALL = 600


@pytest.fixture
def lost_run(settings, institution: Institution) -> MatchRun:
    """A project's run queued STALL seconds before now and never taken by a worker."""
    settings.MATCHING_RUN_STALL_SECONDS = STALL
    project = PublishedProjectFactory(institution=institution)
    with time_machine.travel(timezone.now() - datetime.timedelta(seconds=STALL), tick=False):
        return MatchRunFactory(object_id=project.pk)


def test_a_run_queued_past_the_stall_bound_is_failed_and_a_fresh_one_is_queued(
    client: Client, liaison: User, lost_run: MatchRun
) -> None:
    client.force_login(liaison)

    html = ask_again(client, lost_run.object_id)

    assert ALREADY not in html
    assert runs(lost_run.object_id) == ["failed", "queued"]
    lost_run.refresh_from_db()
    assert lost_run.error == f"No progress for {STALL} s"
    assert lost_run.finished_at is not None


def test_a_run_queued_just_under_the_stall_bound_still_refuses(
    client: Client, liaison: User, lost_run: MatchRun
) -> None:
    client.force_login(liaison)

    with time_machine.travel(timezone.now() - datetime.timedelta(seconds=5)):
        html = ask_again(client, lost_run.object_id)

    assert ALREADY in html
    assert runs(lost_run.object_id) == ["queued"]


def test_a_running_run_past_the_stall_bound_is_left_to_the_sweeper(
    client: Client, liaison: User, lost_run: MatchRun
) -> None:
    MatchRun.objects.filter(pk=lost_run.pk).update(status="running")
    client.force_login(liaison)

    assert ALREADY in ask_again(client, lost_run.object_id)
    assert runs(lost_run.object_id) == ["running"]
