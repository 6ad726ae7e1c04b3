import pytest
from pytest_django.fixtures import Settings


@pytest.fixture
def hashing_embedder(settings: Settings) -> Settings:
    """Fast deterministic vectors for engine tests that are not about language understanding."""
    settings.MATCHING_EMBEDDER = "hashing"
    return settings


@pytest.fixture
def bounded_pool(settings: Settings) -> Settings:
    """The bounded candidate pool (nearest neighbours, holders, lexical branch) even on a test's
    small population, which would otherwise be ranked exactly (MATCHING_EXACT_BELOW)."""
    settings.MATCHING_EXACT_BELOW = 0
    return settings
