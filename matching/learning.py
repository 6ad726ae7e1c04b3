"""Learning from decisions: the log of what people did with suggestions, and weight sets
fitted on it that staff adopt explicitly (nothing changes by itself)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from matching.models import (
    ACTIVE_STATES,
    DecisionOutcome,
    DecisionSide,
    Match,
    MatchState,
    SuggestionDecision,
    WeightSet,
)
from matching.scoring.learning import fit_weights
from matching.weights import adopted_weights_forget
from profiles.models import User
from profiles.services.audit import audit_record
from projects.models import Interest, Invitation

POSITIVE = {DecisionOutcome.INVITED, DecisionOutcome.INTERESTED, DecisionOutcome.ACCEPTED}
NEGATIVE = {DecisionOutcome.DECLINED, DecisionOutcome.DISMISSED}
MIN_DECISIONS = 200


def suggestions_shown(*, matches: Iterable[Match]) -> int:
    """Log the pending suggestions a page shows, once per pair and algorithm version, in one
    INSERT ... ON CONFLICT DO NOTHING whatever the number of rows (a row already decided or
    already shown stays as it is). Returns how many rows were offered."""
    now = timezone.now()
    rows = [
        SuggestionDecision(
            project_id=match.project_id,
            expert_id=match.expert_id,
            components=match.components,
            algorithm_version=match.algorithm_version,
            weights_version=match.weights_version,
            outcome=DecisionOutcome.SHOWN,
            shown_at=now,
        )
        for match in matches
        if match.state in ACTIVE_STATES and match.components
    ]
    if rows:
        SuggestionDecision.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def suggestion_decision_log(
    *, project_id: int, expert_id: int, outcome: str, reason: str = "", side: str = ""
) -> SuggestionDecision | None:
    """Record what happened to the pair's suggestion, with the components and versions the
    suggestion has at this moment, in one upsert (the outcome moves on; when it was shown does
    not). A pair never suggested is logged without components nor version (the fit skips it).
    Idempotent. None for `shown` without a suggestion (nothing was shown)."""
    match = (
        Match.objects.filter(project_id=project_id, expert_id=expert_id)
        .values("components", "algorithm_version", "weights_version")
        .first()
    )
    if match is None and outcome == DecisionOutcome.SHOWN:
        return None
    decided = outcome != DecisionOutcome.SHOWN
    now = timezone.now()
    row = SuggestionDecision(
        project_id=project_id,
        expert_id=expert_id,
        components=match["components"] if match else {},
        algorithm_version=match["algorithm_version"] if match else "",
        weights_version=match["weights_version"] if match else "",
        outcome=outcome,
        side=side,
        reason=reason[:500],
        shown_at=None if decided else now,
        decided_at=now if decided else None,
    )
    (decision,) = SuggestionDecision.objects.bulk_create(
        [row],
        update_conflicts=True,
        unique_fields=["project", "expert", "algorithm_version"],
        update_fields=["components", "weights_version", "outcome", "side", "reason", "decided_at"],
    )
    return decision


def dismissal_log(*, match: Match) -> None:
    """A dismissed suggestion ("no relevante"), with the reason its dismisser gave."""
    suggestion_decision_log(
        project_id=match.project_id,
        expert_id=match.expert_id,
        outcome=DecisionOutcome.DISMISSED,
        reason=match.dismiss_reason,
        side=DecisionSide.EXPERT
        if match.state == MatchState.DISMISSED_BY_EXPERT
        else DecisionSide.INSTITUTION,
    )


def request_decision_log(*, model: type[Interest | Invitation], pk: int, outcome: str) -> None:
    """An interest or invitation was answered: log the answer on its pair (a decline with its
    reason code, never the free-text note), from the side that answered."""
    answered = model.objects.filter(pk=pk).values("project_id", "expert_id", "decline_reason")
    for row in answered:
        suggestion_decision_log(
            project_id=row["project_id"],
            expert_id=row["expert_id"],
            outcome=outcome,
            reason=row["decline_reason"] if outcome == DecisionOutcome.DECLINED else "",
            side=DecisionSide.EXPERT if model is Invitation else DecisionSide.INSTITUTION,
        )


def fit_rows(*, now: datetime.datetime | None = None) -> tuple[list[tuple[dict, int]], int]:
    """What the fit learns from: every decided row with components (invited, interested,
    accepted: 1; declined, dismissed: 0), plus, as negatives, rows only shown, at least
    MATCHING_DECISION_SETTLE_DAYS ago, of pairs nobody ever decided on (in any version).
    Rows without components (never a suggestion) are skipped. Returns (rows, decisions)."""
    now = now or timezone.now()
    usable = SuggestionDecision.objects.exclude(components={})
    decided = list(
        usable.filter(outcome__in=POSITIVE | NEGATIVE).values_list("components", "outcome")
    )
    settled = now - datetime.timedelta(days=settings.MATCHING_DECISION_SETTLE_DAYS)
    ever_decided = SuggestionDecision.objects.exclude(outcome=DecisionOutcome.SHOWN).filter(
        project_id=OuterRef("project_id"), expert_id=OuterRef("expert_id")
    )
    ignored = (
        usable.filter(outcome=DecisionOutcome.SHOWN, shown_at__lte=settled)
        .exclude(Exists(ever_decided))
        .values_list("components", flat=True)
    )
    rows = [(c, 1 if outcome in POSITIVE else 0) for c, outcome in decided]
    return rows + [(c, 0) for c in ignored], len(decided)


def weight_set_fit(*, minimum: int = MIN_DECISIONS, l2: float = 1.0) -> WeightSet:
    """Fit component weights on the logged decisions (see `fit_rows`) and store them as a new,
    not adopted, weight set. Raises ValidationError with fewer than `minimum` decisions."""
    rows, decisions = fit_rows()
    if decisions < max(minimum, 2):
        raise ValidationError(
            _(
                "Hay %(count)d decisiones registradas; hacen falta al menos %(minimum)d para "
                "ajustar pesos con confianza."
            )
            % {"count": decisions, "minimum": minimum}
        )
    outcomes = [outcome for _c, outcome in rows]
    if len(set(outcomes)) < 2:
        raise ValidationError(
            _("Todas las decisiones tienen el mismo resultado: no hay qué aprender.")
        )
    fit = fit_weights(
        [c for c, _o in rows], outcomes, [c.get("fused", 0.0) for c, _o in rows], l2=l2
    )
    version = timezone.now().strftime("fit-%Y%m%d-%H%M%S")
    return WeightSet.objects.create(
        version=version,
        weights=fit.weights,
        decisions=fit.decisions,
        auc_fitted=round(fit.auc_fitted, 4),
        auc_current=round(fit.auc_current, 4),
    )


@transaction.atomic
def weight_set_adopt(*, weight_set: WeightSet, by: User) -> WeightSet:
    """Mark this set as the adopted one (the latest adopted wins); staff only. Audited; the
    engine reads it from now on (`matching.weights`): the caller sends a full re-match."""
    if not by.is_staff:
        raise ValidationError(_("Solo el equipo de la plataforma puede adoptar pesos."))
    weight_set.adopted_at = timezone.now()
    weight_set.adopted_by = by
    weight_set.save(update_fields=["adopted_at", "adopted_by"])
    audit_record(actor=by, action="matching.weights_adopt", target=weight_set)
    adopted_weights_forget()
    return weight_set
