"""Experts counted in the aggregates: where they live, where they come from, what they know."""

import datetime
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import Coalesce

from observatory.figures.scope import Scope
from observatory.suppression import one_way, overlapping
from profiles.choices import CollaborationType
from profiles.models import ExpertProfile, FieldOfScience, State

OTHER = "other"  # countries with fewer than k experts, together with the unstated


def counted_experts(as_of: datetime.datetime) -> Any:
    """Onboarded, active experts who allow aggregate statistics, as of `as_of`."""
    return ExpertProfile.objects.active().filter(
        onboarded_at__lte=as_of, allows_aggregate_statistics=True
    )


def by_country(experts: Any, k: int) -> tuple[dict[str, Any], int]:
    """Countries with at least k experts each get a row; the rest share the "other" row, so the
    list of small countries is not published either."""
    counts = dict(experts.values_list("country").annotate(n=Count("id")).order_by())
    big = {str(code): n for code, n in sorted(counts.items()) if code and n >= k}
    rest = sum(counts.values()) - sum(big.values())
    countries = len([code for code in counts if code])
    return one_way({**big, OTHER: rest}, k), countries


def by_origin_state(experts: Any, k: int) -> dict[str, Any]:
    counts = dict(experts.values_list("origin_state__code").annotate(n=Count("id")).order_by())
    rows = {code: counts.get(code, 0) for code in State.objects.values_list("code", flat=True)}
    rows[OTHER] = counts.get(None, 0)
    return one_way(rows, k)


def by_field(experts: Any, k: int) -> dict[str, Any]:
    """Experts per major field (a subfield counts for its major one); a person may have several."""
    majors = list(FieldOfScience.objects.major().order_by("code").values_list("code", flat=True))
    counts = dict(
        experts.annotate(major=Coalesce("fields__parent__code", "fields__code"))
        .filter(major__isnull=False)
        .values_list("major")
        .annotate(n=Count("id", distinct=True))
        .order_by()
    )
    return overlapping({code: counts.get(code, 0) for code in majors}, k)


def by_collaboration_type(experts: Any, k: int) -> dict[str, Any]:
    counts = experts.aggregate(
        **{
            t.value: Count("id", filter=Q(collaboration_types__contains=[t.value]))
            for t in CollaborationType
        }
    )
    return overlapping(counts, k)


def people_panels(as_of: datetime.datetime, k: int, scope: Scope) -> dict[str, Any]:
    experts = counted_experts(as_of)
    countries_table, countries = by_country(experts, k)
    return {
        "experts_by_country": countries_table,
        "countries": countries,
        "experts_by_origin_state": by_origin_state(experts, k),
        "experts_by_field": by_field(experts, k),
        "experts_by_collaboration_type": by_collaboration_type(experts, k),
    }
