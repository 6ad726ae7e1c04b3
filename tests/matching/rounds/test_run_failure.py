"""A round whose run fails for an unexpected reason shows as failed, so it can be solved again
(left "running", its page offered nothing)."""

import numpy as np
import pytest
from django.urls import reverse

from matching.models import MatchRound
from matching.rounds import services as rounds

pytestmark = pytest.mark.django_db


class BrokenEmbedder:
    """The embedding model failing (the outside boundary of a round's run)."""

    name, dim = "broken-model", 384

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        raise RuntimeError("model unavailable")

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        raise RuntimeError("model unavailable")


def test_a_round_failing_unexpectedly_is_marked_failed_and_can_be_solved_again(
    pool, institution, institution_admin, client
):
    match_round = rounds.round_create(
        by=institution_admin, name="Convocatoria", institution=institution, min_score=0
    )

    with pytest.raises(RuntimeError):
        rounds.round_run(round_id=match_round.pk, embedder=BrokenEmbedder())

    match_round.refresh_from_db()
    assert match_round.status == MatchRound.Status.FAILED
    assert "error inesperado" in match_round.error
    client.force_login(institution_admin)
    page = client.get(reverse("matching:rounds:detail", args=[match_round.pk])).content.decode()
    assert 'data-testid="round-failed"' in page
