"""Learning from decisions: the log of what people did with suggestions, and weight sets
fitted on it that staff adopt explicitly (nothing changes by itself)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from matching.models import DecisionOutcome, Match, SuggestionDecision, WeightSet
from matching.scoring.learning import fit_weights
from matching.weights import adopted_weights_forget
from profiles.models import User
from profiles.services.audit import audit_record

POSITIVE = {DecisionOutcome.INVITED, DecisionOutcome.INTERESTED, DecisionOutcome.ACCEPTED}
NEGATIVE = {DecisionOutcome.DECLINED, DecisionOutcome.DISMISSED}
MIN_DECISIONS = 200


def suggestion_decision_log(
    *, project_id: int, expert_id: int, outcome: str, reason: str = ""
) -> SuggestionDecision | None:
    """Record what happened to the suggestion of this pair, with the components it was shown
    with. Idempotent; None when the pair was never suggested."""
    match = Match.objects.filter(project_id=project_id, expert_id=expert_id).first()
    if match is None:
        return None
    decided = outcome != DecisionOutcome.SHOWN
    decision, _created = SuggestionDecision.objects.update_or_create(
        project_id=project_id,
        expert_id=expert_id,
        defaults={
            "components": match.components,
            "algorithm_version": match.algorithm_version,
            "outcome": outcome,
            "reason": reason[:500],
            "decided_at": timezone.now() if decided else None,
        },
    )
    return decision


def weight_set_fit(*, minimum: int = MIN_DECISIONS, l2: float = 1.0) -> WeightSet:
    """Fit component weights on every decided suggestion and store them as a new, not adopted,
    weight set. Raises ValidationError with fewer than `minimum` decisions."""
    decided = list(
        SuggestionDecision.objects.filter(outcome__in=POSITIVE | NEGATIVE).values_list(
            "components", "outcome"
        )
    )
    if len(decided) < max(minimum, 2):
        raise ValidationError(
            _(
                "Hay %(count)d decisiones registradas; hacen falta al menos %(minimum)d para "
                "ajustar pesos con confianza."
            )
            % {"count": len(decided), "minimum": minimum}
        )
    outcomes = [1 if outcome in POSITIVE else 0 for _c, outcome in decided]
    if len(set(outcomes)) < 2:
        raise ValidationError(
            _("Todas las decisiones tienen el mismo resultado: no hay qué aprender.")
        )
    fit = fit_weights(
        [c for c, _o in decided], outcomes, [c.get("fused", 0.0) for c, _o in decided], l2=l2
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
