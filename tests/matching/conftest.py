import pytest
from pytest_django.fixtures import Settings


@pytest.fixture
def hashing_embedder(settings: Settings) -> Settings:
    """Fast deterministic vectors for engine tests that are not about language understanding."""
    settings.MATCHING_EMBEDDER = "hashing"
    return settings
