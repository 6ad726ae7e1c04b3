"""What the network did: needs posted, the introduction funnel, engagements and outcomes.

Institutions and their needs are not people: they are published whole. Everything that counts
experts or what they did (requests, engagements, outcomes, amounts) is suppressed, and only
experts who allow aggregate statistics are counted.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum

from matching.models import Match
from observatory.figures.scope import Scope
from observatory.suppression import one_way, small_count
from profiles.choices import CollaborationType
from profiles.models import Institution, State
from projects.choices import OUTCOME_KINDS_WITH_AMOUNT, OutcomeKind, RequestStatus
from projects.models import Engagement, Interest, Invitation, Outcome, Project

COUNTED = {"expert__allows_aggregate_statistics": True, "expert__user__is_active": True}


def plain(counts: dict[str, int]) -> dict[str, Any]:
    """A breakdown of things that are not people: every number as it is."""
    return {
        "rows": [{"key": key, "value": n, "hidden": None} for key, n in counts.items()],
        "total": {"value": sum(counts.values()), "hidden": None},
    }


def _by_state(queryset: Any, path: str) -> dict[str, int]:
    counts = dict(queryset.values_list(path).annotate(n=Count("id")).order_by())
    return {code: counts.get(code, 0) for code in State.objects.values_list("code", flat=True)}


def published_needs(as_of: datetime.datetime, scope: Scope) -> Any:
    return Project.objects.filter(published_at__lte=as_of, **scope.project_filter())


def funnel(as_of: datetime.datetime, k: int, scope: Scope) -> dict[str, Any]:
    """needs -> suggestions -> interests and invitations -> accepted -> engagements ->
    outcomes, each step a count (people in every step but the first)."""
    project = scope.project_filter("project__")
    requests = {"created_at__lte": as_of, **COUNTED, **project}
    accepted = {"status": RequestStatus.ACCEPTED, **COUNTED, **project}
    # Older rows may lack the answer's time: their sending time stands in for it.
    answered = Q(responded_at__lte=as_of) | Q(responded_at__isnull=True, created_at__lte=as_of)
    steps = {
        "suggestions": Match.objects.filter(computed_at__lte=as_of, **COUNTED, **project).count(),
        "interests": Interest.objects.filter(**requests).count(),
        "invitations": Invitation.objects.filter(**requests).count(),
        "accepted": Interest.objects.filter(answered, **accepted).count()
        + Invitation.objects.filter(answered, **accepted).count(),
        "engagements": Engagement.objects.filter(
            started_at__lte=as_of, **COUNTED, **project
        ).count(),
        "outcomes": _outcomes(as_of, scope).count(),
    }
    needs = published_needs(as_of, scope).count()
    return {"needs": {"value": needs, "hidden": None}} | {
        step: small_count(n, k) for step, n in steps.items()
    }


def _outcomes(as_of: datetime.datetime, scope: Scope) -> Any:
    return Outcome.objects.filter(
        created_at__lte=as_of,
        **{f"engagement__{key}": value for key, value in COUNTED.items()},
        **scope.project_filter("engagement__project__"),
    )


def amounts(outcomes: Any, k: int) -> list[dict[str, Any]]:
    """Grant and investment totals per kind and currency, shown only over k outcomes (a sum of
    one or two amounts would tell what a person's project raised)."""
    rows = (
        outcomes.filter(kind__in=OUTCOME_KINDS_WITH_AMOUNT, amount__isnull=False)
        .values_list("kind", "currency")
        .annotate(n=Count("id"), total=Sum("amount"))
        .order_by("kind", "currency")
    )
    published = []
    for kind, currency, n, total in rows:
        shown = n >= k
        published.append(
            {
                "kind": kind,
                "currency": currency,
                "count": small_count(n, k),
                "amount": str(Decimal(total).quantize(Decimal("1"))) if shown else None,
            }
        )
    return published


def activity_panels(as_of: datetime.datetime, k: int, scope: Scope) -> dict[str, Any]:
    needs = published_needs(as_of, scope)
    institutions = Institution.objects.verified().filter(verified_at__lte=as_of)
    if scope.state_id is not None:
        institutions = institutions.filter(state_id=scope.state_id)
    if scope.institution_id is not None:
        institutions = institutions.filter(pk=scope.institution_id)
    types = dict(needs.values_list("collaboration_type").annotate(n=Count("id")).order_by())
    outcomes = _outcomes(as_of, scope)
    kinds = dict(outcomes.values_list("kind").annotate(n=Count("id")).order_by())
    return {
        "institutions_by_state": plain(_by_state(institutions, "state__code")),
        "needs_by_state": plain(_by_state(needs, "state__code")),
        "needs_by_collaboration_type": plain(
            {t.value: types.get(t.value, 0) for t in CollaborationType}
        ),
        "funnel": funnel(as_of, k, scope),
        "outcomes_by_kind": one_way(
            {kind.value: kinds.get(kind.value, 0) for kind in OutcomeKind}, k
        ),
        "amounts": amounts(outcomes, k),
    }
