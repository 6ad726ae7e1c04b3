import datetime
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from enquiries.choices import EntryKind, Status
from enquiries.models import Enquiry
from enquiries.services import workflow
from tests.factories.enquiries import EnquiryFactory

pytestmark = pytest.mark.django_db
MX = zoneinfo.ZoneInfo("America/Mexico_City")


def test_confirming_puts_the_enquiry_in_the_queue_with_a_two_business_day_deadline(events_sent):
    enquiry = EnquiryFactory(status=Status.UNCONFIRMED, confirmed_at=None, response_due_at=None)
    assert not Enquiry.objects.confirmed().exists()
    # Friday 27 Nov 2026, 15:00 in Mexico City.
    with time_machine.travel(datetime.datetime(2026, 11, 27, 15, 0, tzinfo=MX), tick=False):
        workflow.enquiry_confirm(enquiry=enquiry)
        workflow.enquiry_confirm(enquiry=enquiry)  # a second click changes nothing
    enquiry.refresh_from_db()
    assert enquiry.status == Status.NEW
    assert enquiry.response_due_at == datetime.datetime(2026, 12, 1, 15, 0, tzinfo=MX)
    assert list(Enquiry.objects.open()) == [enquiry]
    assert [e.kind for e in enquiry.timeline.all()] == [EntryKind.CONFIRMED]
    assert events_sent == [
        (
            "enquiry_status_changed",
            {
                "enquiry_id": enquiry.pk,
                "from_status": "unconfirmed",
                "to_status": "new",
                "by_id": None,
            },
        )
    ]


def test_the_happy_path_runs_new_assigned_searching_introduced_closed(enquiry, broker):
    workflow.enquiry_assign(enquiry=enquiry, broker=broker, by=broker)
    workflow.enquiry_start_search(enquiry=enquiry, by=broker)
    workflow.enquiry_mark_introduced(enquiry=enquiry, by=broker)
    workflow.enquiry_close(enquiry=enquiry, by=broker, outcome="contract")
    enquiry.refresh_from_db()
    assert enquiry.status == Status.CLOSED
    assert enquiry.outcome == "contract"
    assert enquiry.first_response_at is not None
    assert enquiry.introduced_at is not None
    assert enquiry.closed_at is not None
    steps = [(e.kind, e.from_status, e.to_status) for e in enquiry.timeline.all()]
    assert steps == [
        (EntryKind.ASSIGNED, "", ""),
        (EntryKind.STATUS, "new", "assigned"),
        (EntryKind.STATUS, "assigned", "searching"),
        (EntryKind.STATUS, "searching", "introduced"),
        (EntryKind.STATUS, "introduced", "closed"),
    ]


@pytest.mark.parametrize(
    ("status", "service"),
    [
        (Status.NEW, "enquiry_start_search"),
        (Status.NEW, "enquiry_mark_introduced"),
        (Status.ASSIGNED, "enquiry_mark_introduced"),
        (Status.CLOSED, "enquiry_start_search"),
        (Status.DECLINED, "enquiry_start_search"),
    ],
)
def test_steps_the_state_machine_does_not_allow_are_refused(status, service, broker):
    enquiry = EnquiryFactory(status=status, decline_reason="x" if status == "declined" else "")
    with pytest.raises(ValidationError):
        getattr(workflow, service)(enquiry=enquiry, by=broker)
    enquiry.refresh_from_db()
    assert enquiry.status == status
    assert not enquiry.timeline.exists()


def test_closing_is_only_possible_after_the_introduction(enquiry, broker):
    with pytest.raises(ValidationError):
        workflow.enquiry_close(enquiry=enquiry, by=broker, outcome="nothing_yet")


def test_declining_needs_a_reason_and_counts_as_the_first_response(enquiry, broker, events_sent):
    with pytest.raises(ValidationError):
        workflow.enquiry_decline(enquiry=enquiry, by=broker, reason="   ")
    workflow.enquiry_decline(enquiry=enquiry, by=broker, reason="No tenemos a nadie en ese país.")
    enquiry.refresh_from_db()
    assert enquiry.status == Status.DECLINED
    assert enquiry.decline_reason == "No tenemos a nadie en ese país."
    assert enquiry.first_response_at is not None
    assert events_sent[-1][1]["to_status"] == "declined"


def test_reassignment_keeps_the_status_and_is_on_the_timeline(enquiry, broker, other_broker):
    workflow.enquiry_assign(enquiry=enquiry, broker=broker, by=broker)
    workflow.enquiry_start_search(enquiry=enquiry, by=broker)
    workflow.enquiry_assign(enquiry=enquiry, broker=other_broker, by=broker)
    enquiry.refresh_from_db()
    assert enquiry.broker == other_broker
    assert enquiry.status == Status.SEARCHING
    last = enquiry.timeline.last()
    assert last.kind == EntryKind.REASSIGNED
    assert last.detail == "Beatriz Gestora → Óscar Gestor"


def test_only_brokers_can_be_given_an_enquiry(enquiry, broker, staff):
    with pytest.raises(ValidationError):
        workflow.enquiry_assign(enquiry=enquiry, broker=staff, by=broker)


def test_an_overdue_first_response_is_flagged_once_on_business_days(events_sent):
    # Confirmed Friday 27 Nov 2026 at 15:00: due Tuesday 1 Dec at 15:00, not Sunday.
    with time_machine.travel(datetime.datetime(2026, 11, 27, 15, 0, tzinfo=MX), tick=False):
        enquiry = EnquiryFactory(status=Status.UNCONFIRMED, confirmed_at=None)
        workflow.enquiry_confirm(enquiry=enquiry)
    answered = EnquiryFactory(first_response_at=datetime.datetime(2026, 11, 27, tzinfo=MX))
    with time_machine.travel(datetime.datetime(2026, 11, 30, 12, 0, tzinfo=MX), tick=False):
        assert workflow.enquiries_flag_overdue() == []
    with time_machine.travel(datetime.datetime(2026, 12, 1, 15, 1, tzinfo=MX), tick=False):
        assert workflow.enquiries_flag_overdue() == [enquiry.pk]
        assert workflow.enquiries_flag_overdue() == []
    enquiry.refresh_from_db()
    answered.refresh_from_db()
    assert enquiry.sla_breached_at is not None
    assert answered.sla_breached_at is None
    assert enquiry.timeline.last().kind == EntryKind.SLA_BREACHED
    assert ("enquiry_sla_breached", {"enquiry_id": enquiry.pk}) in events_sent


def test_an_unconfirmed_enquiry_cannot_be_in_the_queue_even_by_a_direct_write():
    with pytest.raises(IntegrityError):
        EnquiryFactory(status=Status.NEW, confirmed_at=None)
