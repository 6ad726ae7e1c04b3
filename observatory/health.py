"""Programme health for staff: is the network answering, is matching working, are a few
experts carrying the load, which institutions wait? Aggregates over a period, filtered by
state and institution (staff only, so not suppressed; no person is named)."""

import datetime
import statistics
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef
from django.utils import timezone

from matching.models import Match
from projects.choices import RequestStatus
from projects.models import Interest, Invitation, Project


@dataclass(frozen=True)
class HealthFilter:
    start: datetime.date
    end: datetime.date
    state_id: int | None = None
    institution_id: int | None = None

    def projects(self, prefix: str = "") -> dict[str, Any]:
        lookups: dict[str, Any] = {}
        if self.state_id:
            lookups[f"{prefix}state_id"] = self.state_id
        if self.institution_id:
            lookups[f"{prefix}institution_id"] = self.institution_id
        return lookups

    def requests(self, model: Any) -> Any:
        return model.objects.filter(
            created_at__date__gte=self.start,
            created_at__date__lte=self.end,
            **self.projects("project__"),
        )


def shares(counts: list[int]) -> dict[str, float]:
    """Share held by the top 1 % and 10 % (at least one person each) and the Gini index."""
    values = sorted(counts, reverse=True)
    total = sum(values)
    if not values or total == 0:
        return {"top1": 0.0, "top10": 0.0, "gini": 0.0}
    top = lambda p: sum(values[: max(1, round(len(values) * p))]) / total  # noqa: E731
    ascending = values[::-1]
    n = len(ascending)
    gini = sum((2 * (i + 1) - n - 1) * v for i, v in enumerate(ascending)) / (n * total)
    return {"top1": round(top(0.01), 3), "top10": round(top(0.10), 3), "gini": round(gini, 3)}


def response_times(
    queryset: Any, sla: datetime.timedelta, now: datetime.datetime
) -> dict[str, Any]:
    answered = list(
        queryset.filter(responded_at__isnull=False)
        .annotate(wait=F("responded_at") - F("created_at"))
        .values_list("wait", flat=True)
    )
    hours = sorted(w.total_seconds() / 3600 for w in answered)
    late_answers = sum(1 for h in hours if h > sla.total_seconds() / 3600)
    waiting = queryset.filter(status=RequestStatus.PENDING, created_at__lt=now - sla).count()
    return {
        "sent": queryset.count(),
        "answered": len(hours),
        "median_hours": round(statistics.median(hours), 1) if hours else None,
        "p90_hours": round(hours[int(0.9 * (len(hours) - 1))], 1) if hours else None,
        "sla_breaches": late_answers + waiting,
    }


def acceptance_by_decile(flt: HealthFilter) -> list[dict[str, Any]]:
    """Invitations and interests answered, by the match score's decile of their pair."""
    counts: dict[int, list[int]] = {d: [0, 0] for d in range(10)}
    for model in (Invitation, Interest):
        score = Match.objects.filter(project=OuterRef("project"), expert=OuterRef("expert"))
        rows = (
            flt.requests(model)
            .exclude(status=RequestStatus.PENDING)
            .annotate(score=score.values("score")[:1])
            .filter(score__isnull=False)
            .values_list("score", "status")
        )
        for value, status in rows:
            decile = min(9, int(value // 10))
            counts[decile][0] += 1
            counts[decile][1] += status == RequestStatus.ACCEPTED
    return [
        {
            "decile": f"{d * 10}–{d * 10 + 10}",
            "answered": n,
            "accepted": a,
            "rate": round(a / n, 3) if n else None,
        }
        for d, (n, a) in counts.items()
    ]


def unanswered_institutions(flt: HealthFilter, now: datetime.datetime) -> list[dict[str, Any]]:
    days = settings.OBSERVATORY_UNANSWERED_DAYS
    waiting = (
        Project.objects.published()
        .filter(published_at__lte=now - datetime.timedelta(days=days), **flt.projects())
        .annotate(
            answered=Exists(Interest.objects.filter(project=OuterRef("pk")))
            | Exists(
                Invitation.objects.filter(project=OuterRef("pk"), status=RequestStatus.ACCEPTED)
            )
        )
        .filter(answered=False)
    )
    return list(
        waiting.values("institution__name", "institution__state__name")
        .annotate(needs=Count("id"))
        .order_by("-needs", "institution__name")
    )


def per_expert(queryset: Any) -> list[int]:
    return list(queryset.values("expert").annotate(n=Count("id")).values_list("n", flat=True))


def health_page(flt: HealthFilter, now: datetime.datetime | None = None) -> dict[str, Any]:
    now = now or timezone.now()
    sla = datetime.timedelta(days=settings.OBSERVATORY_SLA_DAYS)
    invitations = flt.requests(Invitation)
    suggestions = Match.objects.filter(
        computed_at__date__gte=flt.start,
        computed_at__date__lte=flt.end,
        **flt.projects("project__"),
    )
    return {
        "filter": flt,
        "invitations": response_times(invitations, sla, now),
        "interests": response_times(flt.requests(Interest), sla, now),
        "deciles": acceptance_by_decile(flt),
        "concentration": {
            "suggestions": shares(per_expert(suggestions)),
            "invitations": shares(per_expert(invitations)),
        },
        "unanswered": unanswered_institutions(flt, now),
        "sla_days": settings.OBSERVATORY_SLA_DAYS,
        "unanswered_days": settings.OBSERVATORY_UNANSWERED_DAYS,
    }
