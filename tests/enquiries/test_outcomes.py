import datetime
import re
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client

from enquiries.choices import Status
from enquiries.models import EnquiryOutcome, FollowUp
from enquiries.services import introductions, outcomes, shortlist
from notifications import emails
from notifications.models import EmailDelivery
from tests.factories.enquiries import EnquiryFactory

pytestmark = pytest.mark.django_db
START = datetime.datetime(2026, 3, 10, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def introduced(broker, expert):
    with time_machine.travel(START, tick=False):
        enquiry = EnquiryFactory(
            organisation="Cerámica de Tonalá",
            email="ventas@tonala.example",
            broker=broker,
            status=Status.SEARCHING,
        )
        candidate = shortlist.candidate_add(enquiry=enquiry, expert=expert, by=broker)
        introductions.candidate_ask(candidate=candidate, by=broker)
        introductions.candidate_accept(candidate=candidate)
    enquiry.refresh_from_db()
    return enquiry


def test_month_arithmetic_keeps_the_day_or_the_months_last_day():
    moment = datetime.datetime(2026, 5, 31, 9, tzinfo=datetime.UTC)
    assert outcomes.months_before(moment, 3) == datetime.datetime(
        2026, 2, 28, 9, tzinfo=datetime.UTC
    )
    assert outcomes.months_before(moment, 12) == datetime.datetime(
        2025, 5, 31, 9, tzinfo=datetime.UTC
    )
    assert outcomes.months_between(START, START + datetime.timedelta(days=89)) == 2
    assert outcomes.months_between(START, START + datetime.timedelta(days=92)) == 3


def test_follow_ups_go_to_both_sides_at_three_and_twelve_months_once(introduced, expert):
    with time_machine.travel(START + datetime.timedelta(days=80), tick=False):
        assert outcomes.follow_ups_send() == []
    with time_machine.travel(START + datetime.timedelta(days=93), tick=False):
        assert outcomes.follow_ups_send() == [(introduced.pk, 3)]
        assert outcomes.follow_ups_send() == []
    requester = EmailDelivery.objects.get(
        to_email="ventas@tonala.example", kind="enquiry_follow_up"
    )
    assert "María Experta" in emails.build_message(requester).body
    assert EmailDelivery.objects.filter(
        to_email=expert.user.email, kind="enquiry_follow_up"
    ).exists()
    with time_machine.travel(START + datetime.timedelta(days=370), tick=False):
        assert outcomes.follow_ups_send() == [(introduced.pk, 12)]
    assert FollowUp.objects.filter(enquiry=introduced).count() == 2


def test_the_follow_up_link_records_an_investment_and_closes_the_enquiry(introduced):
    with time_machine.travel(START + datetime.timedelta(days=93), tick=False):
        outcomes.follow_ups_send()
    body = emails.build_message(
        EmailDelivery.objects.get(to_email="ventas@tonala.example", kind="enquiry_follow_up")
    ).body
    path = re.search(r"/consultas/resultado/\S+/", body).group(0)
    client = Client()
    response = client.post(path, {"kind": "investment", "amount": "", "currency": ""})
    assert response.status_code == 400
    introduced.refresh_from_db()
    assert introduced.status == Status.INTRODUCED
    client.post(path, {"kind": "investment", "amount": "250000", "currency": "MXN"})
    introduced.refresh_from_db()
    assert introduced.status == Status.CLOSED
    assert introduced.outcome == "investment"
    outcome = EnquiryOutcome.objects.get()
    assert (outcome.side, outcome.amount, outcome.currency) == (
        "requester",
        Decimal("250000.00"),
        "MXN",
    )
    assert Client().get(path[:-5] + "xxxx/").status_code == 404


def test_nothing_yet_keeps_the_enquiry_open_until_the_last_follow_up(introduced):
    with time_machine.travel(START + datetime.timedelta(days=93), tick=False):
        outcomes.outcome_record(enquiry=introduced, side="expert", kind="nothing_yet")
    introduced.refresh_from_db()
    assert introduced.status == Status.INTRODUCED
    with time_machine.travel(START + datetime.timedelta(days=370), tick=False):
        outcomes.outcome_record(enquiry=introduced, side="requester", kind="nothing_yet")
    introduced.refresh_from_db()
    assert introduced.status == Status.CLOSED
    with pytest.raises(ValidationError):
        outcomes.outcome_record(enquiry=introduced, side="requester", kind="investment")
