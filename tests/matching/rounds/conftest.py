"""Shared fixtures of the round tests: a small pool of fitting experts and needs."""

import pytest

from matching import services
from matching.models import MatchRound
from matching.rounds import services as rounds
from tests.factories.profiles import ExpertProfileFactory
from tests.factories.projects import PublishedProjectFactory


def _expert(bio: str, **kwargs):
    kwargs.setdefault("max_concurrent_engagements", 2)
    profile = ExpertProfileFactory(
        bio=bio, collaboration_types=["consulting"], skill_slugs=["supply-chain"], **kwargs
    )
    services.expert_index_refresh(profile_id=profile.pk)
    return profile


@pytest.fixture
def pool(institution):
    experts = [_expert(f"Cadena de suministro de aguacate y exportación {i}.") for i in range(3)]
    projects = [
        PublishedProjectFactory(
            institution=institution,
            title=f"Cadena de suministro de aguacate {i}",
            summary="Logística de exportación de aguacate.",
        )
        for i in range(3)
    ]
    return experts, projects


def _round(by, **kwargs) -> MatchRound:
    kwargs.setdefault("min_score", 0)
    match_round = rounds.round_create(by=by, name="Convocatoria", **kwargs)
    rounds.round_run(round_id=match_round.pk)
    match_round.refresh_from_db()
    return match_round


def _assigned(match_round: MatchRound) -> set[tuple[int, int]]:
    return set(match_round.candidates.filter(assigned=True).values_list("project_id", "expert_id"))
