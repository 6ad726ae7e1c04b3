"""Factories for stored suggestions and runs. They write rows directly (fast, for pages and
query budgets); tests of the engine compute matches through matching.services."""

from typing import Any

import factory
from django.utils import timezone

from matching.models import (
    Match,
    MatchRound,
    MatchRun,
    RoundCandidate,
    RoundNeed,
)
from matching.scoring import ALGORITHM_VERSION
from tests.factories.profiles import ExpertProfileFactory
from tests.factories.projects import PublishedProjectFactory


class MatchFactory(factory.django.DjangoModelFactory):
    """A new (unseen) suggestion of an expert for a published project, with reasons."""

    class Meta:
        model = Match

    project = factory.SubFactory(PublishedProjectFactory)
    expert = factory.SubFactory(ExpertProfileFactory)
    score = 80.0
    rank_score = factory.SelfAttribute("score")
    components = factory.LazyFunction(lambda: {"skills": 0.8, "fields": 1.0})
    reasons_es = factory.LazyFunction(lambda: ["Tiene la habilidad requerida: Logística"])
    reasons_en = factory.LazyFunction(lambda: ["Has the required skill: Logistics"])
    missing_es = factory.LazyFunction(list)
    missing_en = factory.LazyFunction(list)
    algorithm_version = ALGORITHM_VERSION
    computed_at = factory.LazyFunction(timezone.now)


class MatchRunFactory(factory.django.DjangoModelFactory):
    """A queued computation of one project's suggestions."""

    class Meta:
        model = MatchRun

    scope = MatchRun.Scope.PROJECT
    object_id = None


def match_round_with_candidate(*, institution: Any, project: Any, expert: Any) -> MatchRound:
    """A solved round of an institution with one need and one proposed expert."""
    match_round = MatchRound.objects.create(
        name="Ronda de prueba", institution=institution, status=MatchRound.Status.SOLVED
    )
    RoundNeed.objects.create(round=match_round, project=project, wanted=1)
    RoundCandidate.objects.create(
        round=match_round,
        project=project,
        expert=expert,
        score=80,
        reasons_es=["Tiene la habilidad requerida"],
        reasons_en=["Has the required skill"],
        assigned=True,
    )
    return match_round
