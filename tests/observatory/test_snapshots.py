"""Snapshots: the figures counted from the rows, suppressed, stored once per month."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from observatory import services, tasks
from observatory.models import Snapshot
from profiles.forms.experts.profile import OfferForm
from tests.conftest import wait_for
from tests.factories.observatory import experts_in
from tests.factories.projects import EngagementFactory, OutcomeFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db


def this_month() -> datetime.date:
    return timezone.now().astimezone(datetime.UTC).date().replace(day=1)


def compute_tomorrow() -> Snapshot:
    """This month's snapshot as counted tomorrow (a day counts up to its start)."""
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    return services.snapshot_compute(period=this_month(), now=tomorrow)


def test_a_snapshot_counts_consenting_experts_and_hides_small_countries() -> None:
    experts_in("US", 6)
    experts_in("ES", 2)
    experts_in("CA", 5, allows_aggregate_statistics=False)

    figures = compute_tomorrow().figures

    assert figures["experts_by_country"] == {
        "rows": [
            {"key": "US", "value": None, "hidden": "secondary"},
            {"key": "other", "value": None, "hidden": "primary"},
        ],
        "total": {"value": 8, "hidden": None},
    }
    assert figures["countries"] == 2
    assert figures["headline"]["experts"] == {"value": 8, "hidden": None}
    # Everyone comes from Michoacán: shown, it would tell that every other state has none.
    michoacan = next(r for r in figures["experts_by_origin_state"]["rows"] if r["key"] == "16")
    assert michoacan == {"key": "16", "value": None, "hidden": "secondary"}
    assert figures["experts_by_origin_state"]["total"] == {"value": 8, "hidden": None}


def test_the_funnel_counts_each_step_and_hides_small_ones() -> None:
    project = PublishedProjectFactory()
    for expert in experts_in("US", 5):
        OutcomeFactory(engagement=EngagementFactory(project=project, expert=expert))

    funnel = compute_tomorrow().figures["funnel"]

    assert funnel == {
        "needs": {"value": 1, "hidden": None},
        "suggestions": {"value": None, "hidden": "primary"},
        "interests": {"value": 5, "hidden": None},
        "invitations": {"value": None, "hidden": "primary"},
        "accepted": {"value": 5, "hidden": None},
        "engagements": {"value": 5, "hidden": None},
        "outcomes": {"value": 5, "hidden": None},
    }


def test_a_rerun_the_same_day_leaves_the_row_untouched() -> None:
    experts_in("US", 5)
    with time_machine.travel(timezone.now().replace(hour=9), tick=False):
        first = services.snapshot_compute(period=this_month())
    with time_machine.travel(timezone.now().replace(hour=10), tick=False):
        second = services.snapshot_compute(period=this_month())

    assert Snapshot.objects.count() == 1
    assert second.computed_at == first.computed_at


def test_the_refresh_finalises_last_month_once_it_is_over() -> None:
    with time_machine.travel(datetime.datetime(2026, 10, 20, 12, tzinfo=datetime.UTC)):
        services.snapshots_refresh()
    with time_machine.travel(datetime.datetime(2026, 11, 2, 12, tzinfo=datetime.UTC)):
        services.snapshots_refresh()
        services.snapshots_refresh()

    october = Snapshot.objects.get(period=datetime.date(2026, 10, 1))
    assert october.as_of == datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC)
    assert Snapshot.objects.get(period=datetime.date(2026, 11, 1)).as_of == datetime.datetime(
        2026, 11, 2, tzinfo=datetime.UTC
    )


@pytest.mark.celery
def test_the_worker_computes_the_snapshot_and_a_second_run_changes_nothing(celery_worker) -> None:
    two_days_ago = timezone.now() - datetime.timedelta(days=2)
    experts_in("US", 6, onboarded_at=two_days_ago)
    experts_in("MX", 1, onboarded_at=two_days_ago)
    period = f"{this_month():%Y-%m}"

    tasks.snapshot_compute.delay(period)
    wait_for(lambda: Snapshot.objects.filter(period=this_month()).exists())
    first = Snapshot.objects.values().get()
    tasks.snapshot_compute.delay(period)
    wait_for(lambda: _succeeded(celery_worker, "snapshot_compute") == 2)

    assert Snapshot.objects.values().get() == first
    assert first["figures"]["headline"]["experts"] == {"value": 7, "hidden": None}


def _succeeded(worker, task_name: str) -> int:
    return sum(
        f"observatory.tasks.{task_name}[" in line and " succeeded " in line
        for line in worker.output
    )


def test_the_profile_form_offers_to_leave_the_aggregate_statistics(expert) -> None:
    assert "allows_aggregate_statistics" in OfferForm(instance=expert).fields
    assert expert.allows_aggregate_statistics is True
