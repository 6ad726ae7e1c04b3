"""Engagements and outcomes as services: ending one, recording what it produced, follow-ups."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from projects import services
from projects.models import Outcome
from tests.factories.projects import (
    EngagementFactory,
)

pytestmark = pytest.mark.django_db


# --- Engagements and outcomes -----------------------------------------------------------------


def test_either_side_ends_an_engagement_once(institution, liaison, stranger):
    engagement = EngagementFactory(project__institution=institution)

    with pytest.raises(PermissionDenied):
        services.engagement_end(engagement=engagement, by=stranger, status="completed")

    services.engagement_end(engagement=engagement, by=liaison, status="completed", note="Listo")
    with pytest.raises(ValidationError, match="ya terminó"):
        services.engagement_end(
            engagement=engagement, by=engagement.expert.user, status="cancelled"
        )

    engagement.refresh_from_db()
    assert (engagement.status, engagement.end_note) == ("completed", "Listo")


def test_the_expert_records_an_investment_with_amount_and_currency(events_sent):
    engagement = EngagementFactory()

    outcome = services.outcome_record(
        engagement=engagement,
        by=engagement.expert.user,
        kind="investment",
        description="Ronda semilla para la spin-off",
        occurred_on=timezone.localdate(),
        amount=Decimal("250000.00"),
        currency="USD",
        url="https://example.org/nota",
    )

    outcome.refresh_from_db()
    assert (outcome.kind, outcome.amount, outcome.currency, outcome.recorded_by) == (
        "investment",
        Decimal("250000.00"),
        "USD",
        engagement.expert.user,
    )
    assert events_sent == [
        (
            "outcome_recorded",
            {
                "outcome_id": outcome.pk,
                "engagement_id": engagement.pk,
                "by_id": engagement.expert.user.pk,
            },
        )
    ]


def test_the_institution_records_an_outcome_too(institution, institution_admin):
    engagement = EngagementFactory(project__institution=institution)

    services.outcome_record(
        engagement=engagement,
        by=institution_admin,
        kind="thesis",
        description="Tesis de maestría defendida",
        occurred_on=timezone.localdate(),
    )

    assert Outcome.objects.get().recorded_by == institution_admin


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kind": "investment"}, "amount"),
        ({"kind": "publication", "amount": Decimal(10), "currency": "MXN"}, "amount"),
        ({"kind": "grant", "amount": Decimal(10)}, "currency"),
        ({"kind": "course", "occurred_on_days": 3}, "occurred_on"),
        ({"kind": "event", "description": "  "}, "description"),
    ],
)
def test_invalid_outcomes_are_refused_with_a_field_message(kwargs, field):
    engagement = EngagementFactory()
    days = kwargs.pop("occurred_on_days", 0)
    data = {
        "description": "Algo que pasó",
        "occurred_on": timezone.localdate() + datetime.timedelta(days=days),
        **kwargs,
    }

    with pytest.raises(ValidationError) as error:
        services.outcome_record(engagement=engagement, by=engagement.expert.user, **data)

    assert field in error.value.message_dict
    assert not Outcome.objects.exists()


def test_strangers_and_cancelled_engagements_record_no_outcomes(stranger):
    engagement = EngagementFactory()
    data = {"kind": "event", "description": "Taller", "occurred_on": timezone.localdate()}

    with pytest.raises(PermissionDenied):
        services.outcome_record(engagement=engagement, by=stranger, **data)

    services.engagement_end(engagement=engagement, by=engagement.expert.user, status="cancelled")
    with pytest.raises(ValidationError, match="cancelada"):
        services.outcome_record(engagement=engagement, by=engagement.expert.user, **data)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (datetime.datetime(2026, 1, 31, 9, tzinfo=datetime.UTC), 1, datetime.date(2026, 2, 28)),
        (datetime.datetime(2027, 11, 30, 9, tzinfo=datetime.UTC), 3, datetime.date(2028, 2, 29)),
        (datetime.datetime(2026, 5, 15, 9, tzinfo=datetime.UTC), 12, datetime.date(2027, 5, 15)),
    ],
)
def test_follow_ups_fall_on_the_same_day_months_later_clamped_to_month_end(start, months, expected):
    assert services.add_months(start, months).date() == expected
