"""Factories for the observatory: a population of experts to count."""

from profiles.models import ExpertProfile
from tests.factories.profiles import ExpertProfileFactory


def experts_in(country: str, n: int, **fields: object) -> list[ExpertProfile]:
    return ExpertProfileFactory.create_batch(n, country=country, **fields)
