"""A need is embedded when its text is new or changed, never on a recompute of the same text:
`make bench` times the recompute with the stored vector on that promise (issue 20)."""

from __future__ import annotations

import numpy as np
import pytest

from matching import services
from matching.embeddings import get_embedder
from tests.factories.projects import PublishedProjectFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hashing_embedder")]


class CountingEmbedder:
    """The hashing embedder, counting the needs it embeds."""

    def __init__(self) -> None:
        self.inner = get_embedder("hashing")
        self.name, self.dim, self.queries = self.inner.name, self.inner.dim, 0

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        self.queries += len(texts)
        return self.inner.embed_queries(texts)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self.inner.embed_passages(texts)


def test_recomputing_a_need_reads_its_stored_vector_until_its_text_changes():
    project = PublishedProjectFactory(title="Riego por goteo", summary="Huertas de aguacate.")
    embedder = CountingEmbedder()

    services.project_matches_recompute(project_id=project.pk, embedder=embedder)
    services.project_matches_recompute(project_id=project.pk, embedder=embedder)
    assert embedder.queries == 1, "the second recompute read the stored vector"

    project.summary = "Huertas de limón en Colima."
    project.save()
    services.project_matches_recompute(project_id=project.pk, embedder=embedder)
    assert embedder.queries == 2, "a changed text is embedded again"
