"""How well an expert's own words fit a project's needs, as a score in (0, 1).

An expert is described by several passages (bio, each position, each portfolio item); a
project by one or more needs. Needs are embedded as e5 queries, passages as e5 passages; the
passages x needs cosine matrix is reduced per need by `aggregate` (0.7 x the best calibrated
passage + 0.3 x the mean of the best three), and `fuse` adds the lexical evidence of
`matching.lexical` (the share of the need's words and taxonomy concepts the expert's
passages hold): expertise = 0.6 x embedding + 0.4 x lexical.

Calibration. e5 cosines are compressed: on the bilingual set the best passage of the right
expert scored median 0.859 (p10 0.839, p90 0.893), the best passage of any expert median 0.817
(p90 0.844). `calibrate` is a logistic through 0.80 -> 0.05, 0.86 -> 0.5, 0.92 -> 0.95:
strictly increasing, so two cosines never tie (the former linear map clipped at 0.80 and
0.92: every unrelated expert tied at 0), and still on the 0..1 scale of the other components.

Measured (issue 21) on two sets: B, the bilingual set (matching/bench/data/eval_set.json, 30
needs x 150 experts, MRR / nDCG@10 of the embedding score alone); P, held-out authorship on
249 public ACL papers (matching/bench/public.py; 134 needs x ~800 authors; MRR / nDCG@10 /
pairwise-order loss, lower loss is better, a constant scorer 0.50).

    need     aggregation          B: MRR  nDCG     P: MRR  nDCG   loss
    query    best                   0.925 0.828      0.065 0.051 0.292
    query    mean of top 2          0.983 0.856      0.058 0.048 0.311
    query    mean of top 3          0.953 0.827      0.057 0.048 0.313
    query    0.7 best + 0.3 top 3   0.922 0.828      0.059 0.050 0.296  <- kept
    passage  best                   0.879 0.787      0.057 0.044 0.291
    passage  mean of top 3          0.925 0.796      0.047 0.038 0.310
    passage  0.7 best + 0.3 top 3   0.878 0.791      0.048 0.041 0.296
    both     0.7 best + 0.3 top 3   0.918 0.833      0.052 0.045 0.292

(both = the mean of the query and passage cosines.) The top-k means win on B but lose on P,
where prolific authors have many passages and a mean drags their best one down; "best" alone
wins P and loses B. The 0.7/0.3 blend is the one that is never far from the best on either.
The need stays a query: a passage need loses 0.04 MRR on B (es->en most) for no gain on P.

Fusion, 0.7/0.3 aggregation, fused = (1 - w) x embedding + w x lexical:

    w     B: MRR  nDCG    P: MRR  nDCG   loss
    0.0     0.922 0.828     0.059 0.050 0.296   (embedding alone)
    0.2     0.944 0.836     0.054 0.051 0.288
    0.3     0.944 0.848     0.055 0.050 0.286
    0.4     0.961 0.858     0.055 0.050 0.285   <- chosen
    0.5     0.978 0.860     0.053 0.044 0.285
    1.0     0.911 0.796     0.046 0.035 0.349   (lexical alone)

Without the taxonomy's concepts the lexical side falls to B 0.954 / 0.756 alone and the fused
es->en MRR from 0.872 to 0.798: the bilingual concepts are what carry it across languages.
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
