import pytest


@pytest.fixture
def hashing_embedder(settings):  # noqa: ANN001, ANN201
    """Fast deterministic vectors for engine tests that are not about language understanding."""
    settings.MATCHING_EMBEDDER = "hashing"
    return settings
