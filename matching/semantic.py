"""How well an expert's own words fit a project's needs, as a score in (0, 1).

An expert is described by several passages (bio, each position, each portfolio item); a
project by one or more needs. Needs are embedded as e5 queries, passages as e5 passages, and
the passages x needs cosine matrix is reduced per need by `aggregate`: the mean of the three
best calibrated passages (fewer if the expert wrote fewer).

Calibration. e5 cosines are compressed: on the bilingual set (matching/bench/data) the best
passage of the right expert scored median 0.859 (p10 0.839, p90 0.893) and the best passage of
any expert median 0.817 (p90 0.844). `calibrate` is a logistic through 0.80 -> 0.05, 0.86 ->
0.5 and 0.92 -> 0.95: strictly increasing, so two cosines never tie (the former linear map
clipped at 0.80 and 0.92, and every unrelated expert tied at 0), and still on the 0..1 scale
of the other components.

Choices, measured (issue 21). Independent data: a public reviewer-paper expertise benchmark
(researchers' own papers as passages, the papers they rated as needs; weighted share of
mis-ordered pairs, lower is better, a constant scorer 0.50), as reported in the issue:
need as query, 0.7 best + 0.3 top-3 0.297; need as passage, same 0.277; need as passage, mean
of top 3 0.264. Bilingual set (30 needs x 150 experts, logistic calibration), MRR / nDCG@10:

    need     aggregation        engine         semantic only
    query    best               0.967 0.926    0.925 0.828
    query    mean of top 2      0.983 0.928    0.983 0.856
    query    mean of top 3      0.983 0.931    0.953 0.827   <- chosen
    query    0.7 best + 0.3 top 3  0.983 0.934    0.922 0.828
    passage  best               0.967 0.931    0.879 0.787
    passage  mean of top 3      0.983 0.929    0.925 0.796
    passage  0.7 best + 0.3 top 3  0.967 0.931    0.878 0.791
    both (mean of the cosines), top 3  0.983 0.934    0.925 0.816

The top-3 mean wins on both sets (the 0.7 best weighting leans on one lucky passage). The
need stays a query: passage embedding helps on the independent set (0.02) but costs 0.03 MRR
semantic-only on the bilingual one, most of it es->en, and stored need vectors stay valid.
"""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path

import numpy as np

from matching import lexical
from matching.embeddings import Embedder, get_embedder

REFERENCE_SKILLS = Path(__file__).resolve().parents[1] / "profiles" / "data" / "skills.json"

CALIBRATION_LOW = 0.80
CALIBRATION_HIGH = 0.92
# The logistic's centre and steepness: LOW -> 0.05, HIGH -> 0.95, the midpoint -> 0.5.
CALIBRATION_MID = (CALIBRATION_LOW + CALIBRATION_HIGH) / 2
CALIBRATION_SLOPE = 2 * math.log(19) / (CALIBRATION_HIGH - CALIBRATION_LOW)
BEST_WEIGHT = 0.7
TOP_K = 3
# Share of the lexical evidence in the fused expertise score (see the measurements above).
LEXICAL_WEIGHT = 0.4


def calibrate(cos: np.ndarray | float) -> np.ndarray | float:
    """Map raw e5 cosine similarity into (0, 1), strictly increasing: ~0.80 (unrelated) ->
    0.05, 0.86 -> 0.5, ~0.92 (paraphrase) -> 0.95. A logistic, so two different cosines never
    tie (clipping made every unrelated expert 0 and every paraphrase 1)."""
    if isinstance(cos, float | int):
        # Scalar fast path: ranking calls this once per candidate.
        return 1.0 / (1.0 + math.exp(-CALIBRATION_SLOPE * (float(cos) - CALIBRATION_MID)))
    values = np.asarray(cos, dtype=np.float64)
    calibrated = 1.0 / (1.0 + np.exp(-CALIBRATION_SLOPE * (values - CALIBRATION_MID)))
    return float(calibrated) if np.ndim(calibrated) == 0 else calibrated


def aggregate(similarities: np.ndarray) -> np.ndarray:
    """Per-need score in [0, 1] from a passages x needs matrix of raw cosine similarities.

    Calibration happens here, so pass raw cosines (e.g. `passages @ needs.T`). With no
    passages the result is all zeros.
    """
    sims = np.asarray(similarities, dtype=np.float64)
    if sims.ndim != 2:
        raise ValueError(f"expected a passages x needs matrix, got shape {sims.shape}")
    if sims.shape[0] == 0:
        return np.zeros(sims.shape[1], dtype=np.float64)
    calibrated = np.asarray(calibrate(sims))
    k = min(TOP_K, calibrated.shape[0])
    top = np.sort(calibrated, axis=0)[-k:]
    return BEST_WEIGHT * top[-1] + (1.0 - BEST_WEIGHT) * top.mean(axis=0)


def fuse(semantic: float, lexical_score: float) -> float:
    """The expertise score: a weighted sum of the calibrated embedding score and the lexical
    coverage, both on 0..1 (so, strictly increasing in the cosine, it stays on 0..1)."""
    return (1.0 - LEXICAL_WEIGHT) * semantic + LEXICAL_WEIGHT * lexical_score


def expertise_scores(
    passages: list[str],
    needs: list[str],
    *,
    embedder: Embedder | None = None,
    thesaurus: lexical.Thesaurus | None = None,
) -> list[float]:
    """One score in [0, 1] per need: how well the expert described by `passages` fits it,
    embedding and lexical evidence fused (`fuse`); `thesaurus` defaults to the reference
    taxonomy's skills."""
    passages = [text for text in passages if text and text.strip()]
    scores = [0.0] * len(needs)
    # A blank need or an expert who wrote nothing gives no evidence: score 0, not the
    # similarity of two empty strings.
    asked = [i for i, need in enumerate(needs) if need and need.strip()]
    if not passages or not asked:
        return scores
    embedder = embedder or get_embedder()
    need_vectors = embedder.embed_queries([needs[i] for i in asked])
    passage_vectors = embedder.embed_passages(passages)
    thesaurus = thesaurus or reference_thesaurus()
    held = lexical.terms(passages, thesaurus)
    semantic = aggregate(passage_vectors @ need_vectors.T)
    for i, score in zip(asked, semantic, strict=True):
        scores[i] = fuse(
            float(score), lexical.coverage(lexical.need_terms(needs[i], thesaurus), held)
        )
    return scores


@functools.cache
def reference_thesaurus() -> lexical.Thesaurus:
    """The bilingual skill taxonomy shipped in profiles/data (what the database is seeded from)."""
    rows = json.loads((REFERENCE_SKILLS).read_text(encoding="utf-8"))
    return lexical.Thesaurus.from_skills(rows)
