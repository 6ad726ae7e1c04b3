"""Learning from decisions: the log, the fit that recovers planted weights, explicit adoption."""

import numpy as np
import pytest
from django.core.management import CommandError, call_command

from matching.learning import suggestion_decision_log, weight_set_adopt, weight_set_fit
from matching.models import DecisionOutcome, SuggestionDecision, WeightSet
from matching.scoring.learning import COMPONENTS, auc, fit_weights
from tests.factories.matching import MatchFactory

PLANTED = {
    "semantic": 3.0,
    "skills": 2.0,
    "fields": 1.0,
    "language": 0.0,
    "hours": 1.0,
    "preferences": 0.5,
    "origin": 1.5,
    "timezone": 0.0,
    "modality": 1.0,
}


def _synthetic_log(n: int, seed: int) -> tuple[list[dict], list[int], list[float]]:
    rng = np.random.default_rng(seed)
    x = rng.uniform(0, 1, size=(n, len(COMPONENTS)))
    beta = np.array([PLANTED[name] for name in COMPONENTS])
    logits = 2.0 * (x @ beta - beta.sum() / 2)
    outcomes = (rng.uniform(size=n) < 1 / (1 + np.exp(-logits))).astype(int)
    rows = [dict(zip(COMPONENTS, row.tolist(), strict=True)) for row in x]
    return rows, outcomes.tolist(), rng.uniform(size=n).tolist()


def test_the_fit_recovers_the_weights_planted_in_a_synthetic_log() -> None:
    rows, outcomes, noise = _synthetic_log(6000, seed=3)

    fit = fit_weights(rows, outcomes, noise, l2=1.0)

    for direction, names in (
        ("expert_fit", ["semantic", "skills", "fields", "language"]),
        ("project_fit", ["hours", "preferences", "origin", "timezone", "modality"]),
    ):
        total = sum(PLANTED[name] for name in names)
        for name in names:
            assert fit.weights[direction][name] == pytest.approx(PLANTED[name] / total, abs=0.05)
    assert fit.auc_fitted > 0.8
    assert fit.auc_current == pytest.approx(0.5, abs=0.05), "the random scores know nothing"


def test_auc_counts_ties_as_half() -> None:
    assert auc([0.9, 0.1], [1, 0]) == 1.0
    assert auc([0.5, 0.5], [1, 0]) == 0.5
    assert auc([0.1], [1]) == 0.5


@pytest.mark.django_db
def test_the_command_refuses_with_too_few_decisions() -> None:
    with pytest.raises(CommandError, match="hacen falta al menos 200"):
        call_command("fit_matching_weights")
    assert not WeightSet.objects.exists()


@pytest.mark.django_db
def test_a_decision_keeps_the_components_it_was_shown_with() -> None:
    match = MatchFactory(components={"semantic": 0.7, "fused": 0.6})

    decision = suggestion_decision_log(
        project_id=match.project_id,
        expert_id=match.expert_id,
        outcome=DecisionOutcome.DECLINED,
        reason="Sin tiempo este semestre",
    )

    assert decision is not None
    assert decision.components == {"semantic": 0.7, "fused": 0.6}
    assert decision.reason == "Sin tiempo este semestre"
    assert decision.decided_at is not None
    assert suggestion_decision_log(project_id=0, expert_id=0, outcome="shown") is None


@pytest.mark.django_db
def test_a_fitted_weight_set_changes_nothing_until_staff_adopt_it(staff, expert_owner) -> None:
    rows, outcomes, _noise = _synthetic_log(30, seed=5)
    for row, outcome in zip(rows, outcomes, strict=True):
        match = MatchFactory(components={**row, "fused": row["semantic"]})
        SuggestionDecision.objects.create(
            project=match.project,
            expert=match.expert,
            components=match.components,
            algorithm_version="test",
            outcome="accepted" if outcome else "dismissed",
        )

    weight_set = weight_set_fit(minimum=20)

    assert weight_set.adopted_at is None
    assert set(weight_set.weights) == {"expert_fit", "project_fit"}
    with pytest.raises(Exception, match="Solo el equipo"):
        weight_set_adopt(weight_set=weight_set, by=expert_owner)
    adopted = weight_set_adopt(weight_set=weight_set, by=staff)
    assert adopted.adopted_by == staff
    assert adopted.adopted_at is not None
