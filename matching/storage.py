"""Match storage: the one way computed suggestions become `Match` rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from matching.models import ACTIVE_STATES, Match
from matching.scoring import ALGORITHM_VERSION, MatchResult

UPDATE_FIELDS = [
    "score",
    "rank_score",
    "components",
    "reasons_es",
    "reasons_en",
    "missing_es",
    "missing_en",
    "algorithm_version",
    "weights_version",
    "computed_at",
]


@dataclass(frozen=True)
class Suggestion:
    """One scored pair to store; `rank_score` orders the lists people see."""

    project_id: int
    expert_id: int
    result: MatchResult
    rank_score: float

    @property
    def key(self) -> tuple[int, int]:
        return (self.project_id, self.expert_id)

    def values(self) -> dict[str, object]:
        return {
            "score": self.result.score,
            "rank_score": round(self.rank_score, 4),
            "components": self.result.components,
            "reasons_es": self.result.reasons_es,
            "reasons_en": self.result.reasons_en,
            "missing_es": self.result.missing_es,
            "missing_en": self.result.missing_en,
            "algorithm_version": ALGORITHM_VERSION,
            "weights_version": self.result.weights_version,
        }


def matches_upsert(*, scope: Q, suggestions: Sequence[Suggestion]) -> list[Suggestion]:
    """Make `suggestions` the active suggestions within `scope` (one project's or one expert's
    matches) and return those that are new.

    Idempotent: rows whose values did not change are not written. Undecided rows in scope that
    are no longer suggested are deleted; people's decisions (invited, dismissed...) are kept.
    A pair inserted meanwhile by a concurrent run is updated, not duplicated.
    """
    now = timezone.now()
    existing = {(m.project_id, m.expert_id): m for m in Match.objects.filter(scope)}
    to_create, to_update, new = [], [], []
    for suggestion in suggestions:
        values = suggestion.values()
        current = existing.get(suggestion.key)
        if current is None:
            to_create.append(
                Match(
                    project_id=suggestion.project_id,
                    expert_id=suggestion.expert_id,
                    computed_at=now,
                    **values,
                )
            )
            new.append(suggestion)
        elif any(getattr(current, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(current, k, v)
            current.computed_at = now
            to_update.append(current)
    kept = {suggestion.key for suggestion in suggestions}
    stale = [m.pk for key, m in existing.items() if key not in kept and m.state in ACTIVE_STATES]
    with transaction.atomic():
        if stale:
            Match.objects.filter(pk__in=stale).delete()
        Match.objects.bulk_create(
            to_create,
            update_conflicts=True,
            unique_fields=["project", "expert"],
            update_fields=UPDATE_FIELDS,
        )
        if to_update:
            Match.objects.bulk_update(to_update, UPDATE_FIELDS)
    return new
