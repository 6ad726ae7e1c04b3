import pytest


@pytest.fixture
def hashing_embedder(settings):
    """Fast deterministic vectors for engine tests that are not about language understanding."""
    settings.MATCHING_EMBEDDER = "hashing"
    return settings
