"""How well an expert's own words fit a project's needs, as a score in (0, 1).

An expert is described by several passages (bio, each position, each portfolio item); a
project by one or more needs. Needs are embedded as e5 queries, passages as e5 passages; the
passages x needs cosine matrix is reduced per need by `aggregate` (0.7 x the best calibrated
passage + 0.3 x the mean of the best three), and `fuse` adds the lexical evidence of
`matching.lexical` (the IDF-weighted share of the need's words and taxonomy concepts the
expert's passages hold) to the log-odds of that score:
expertise = logistic(logit(embedding) + 20 x (lexical - 0.1)).

Calibration. e5 cosines are compressed: on the bilingual set the best passage of the right
expert scored median 0.859 (p10 0.839, p90 0.893), the best passage of any expert median 0.817
(p90 0.844). `calibrate` is a logistic through 0.80 -> 0.05, 0.86 -> 0.5, 0.92 -> 0.95:
strictly increasing, so two cosines never tie (the former linear map clipped at 0.80 and
0.92: every unrelated expert tied at 0), and still on the 0..1 scale of the other components.

Measured (issue 21) on two sets: B, the bilingual set (matching/bench/data/eval_set.json, 30
needs x 150 experts, MRR / nDCG@10); P, held-out authorship on 249 public ACL papers
(matching/bench/public.py; 134 needs x ~800 authors; MRR / nDCG@10 / pairwise-order loss,
lower loss is better, a constant scorer 0.50). Embedding score alone:

    need     aggregation          B: MRR  nDCG     P: MRR  nDCG   loss
    query    best                   0.925 0.828      0.065 0.051 0.292
    query    mean of top 2          0.983 0.856      0.058 0.048 0.311
    query    mean of top 3          0.953 0.827      0.057 0.048 0.313
    query    0.7 best + 0.3 top 3   0.922 0.828      0.059 0.050 0.296  <- kept
    passage  best                   0.879 0.787      0.057 0.044 0.291
    passage  mean of top 3          0.925 0.796      0.047 0.038 0.310
    passage  0.7 best + 0.3 top 3   0.878 0.791      0.048 0.041 0.296
    both     best                   0.912 0.824      0.059 0.050 0.288
    both     mean of top 3          0.925 0.816      0.051 0.048 0.307
    both     0.7 best + 0.3 top 3   0.918 0.833      0.052 0.045 0.292

(both = the mean of the query and passage cosines.) The top-k means win on B but lose on P,
where prolific authors have many passages and a mean drags their best one down; "best" alone
wins P and loses B. The 0.7/0.3 blend is the one that is never far from the best on either.
The need stays a query: a passage need loses 0.04 MRR on B (es->en most) for no gain on P.

Lexical score alone (words + taxonomy concepts, a concept x2, coverage of the union of the
expert's passages unless said):

    variant                                   B: MRR  nDCG     P: MRR  nDCG   loss
    unweighted, 48 terms (alphabetical)         0.911 0.796      0.046 0.035 0.349  (before)
    unweighted, every term                      0.911 0.796      0.038 0.032 0.338
    unweighted, best single passage             0.917 0.782      0.052 0.049 0.374
    IDF, 48 terms (alphabetical)                0.983 0.852      0.063 0.047 0.325
    IDF, 48 heaviest terms                      0.983 0.852      0.067 0.046 0.318
    IDF, 64 heaviest terms                      0.983 0.852      0.070 0.049 0.308
    IDF, 96 heaviest (~every term)              0.983 0.852      0.071 0.054 0.310  <- kept
    IDF, best single passage                    0.978 0.842      0.048 0.045 0.337
    IDF, a concept x1, 48 heaviest              0.978 0.840      0.072 0.052 0.311

IDF = BM25's log(1 + (N - df + 0.5) / (df + 0.5)), df the experts holding the term (log((N +
1) / (df + 1)) gives the same figures). B needs have at most 37 terms, so the cap only moves P.

Fusion (embedding as kept above, lexical IDF with 96 terms):

    rule                                      B: MRR  nDCG     P: MRR  nDCG   loss
    embedding alone                             0.922 0.828      0.059 0.050 0.296
    lexical alone                               0.983 0.852      0.071 0.054 0.310
    0.6 embedding + 0.4 lexical                 0.944 0.843      0.058 0.055 0.280
    0.4 embedding + 0.6 lexical                 0.978 0.874      0.055 0.054 0.272
    0.2 embedding + 0.8 lexical                 0.983 0.877      0.073 0.055 0.273
    logistic(logit(emb) +  8 x lexical)         0.978 0.885      0.063 0.056 0.268
    logistic(logit(emb) + 12 x lexical)         0.983 0.883      0.067 0.050 0.265
    logistic(logit(emb) + 16 x lexical)         0.983 0.881      0.071 0.057 0.266
    logistic(logit(emb) + 20 x lexical)         0.983 0.881      0.075 0.056 0.268  <- kept
    logistic(logit(emb) + 24 x lexical)         0.983 0.878      0.074 0.057 0.271
    z-scores summed, per need                   0.983 0.886      0.070 0.055 0.269
    reciprocal ranks (k = 60) summed            0.983 0.879      0.068 0.063 0.269
    kept rule, "best" aggregation               0.983 0.881      0.074 0.056 0.268
    kept rule, 48 heaviest terms                0.983 0.881      0.064 0.054 0.271
    before: 0.6 emb + 0.4 unweighted lexical    0.961 0.858      0.055 0.050 0.285

The log-odds rule is a logistic model of the cosine and the coverage (the calibrated score's
log-odds are linear in the cosine, so the SQL twin is one logistic); z-scores and reciprocal
ranks need the whole candidate list, which a per-pair score and its SQL twin cannot see.
Lexical weight 20 = 0.41 of cosine per unit of coverage; the pivot 0.1 (no shift) sits
between the coverage of a typical unrelated expert (B median 0, P 0.075) and of a relevant
one (B median 0.16), and does not change the order. B's MRR is at most 0.983 for both the
lexical and the fused score: n27's first relevant expert comes second behind a planted near
miss (until the need's concepts were made precise, below). Noise (paired bootstrap over the
134 P needs, 95% interval of fused minus lexical):
MRR +0.004 [-0.014, +0.022], nDCG +0.003 [-0.012, +0.020], loss -0.042 [-0.064, -0.022];
fused minus embedding on B: MRR +0.061 [+0.011, +0.133], nDCG +0.053 [+0.007, +0.105];
fused minus lexical on B: nDCG +0.029 [-0.008, +0.066]. So the loss gain on P and the gain
over the embedding on B are real; the margins over the lexical score on MRR and nDCG (and
between weights 12..24) are within noise: fused is at least as good, not provably better.

Which concepts a need asks for. The lexical and fused scores both missed need n27 ("Diseño
de la política estatal de ciencia, tecnología e innovación y evaluación de sus fondos"): its
first relevant expert (an OECD science-policy analyst, x134) came second behind x081, an
impact-evaluation economist ahead on *both* kinds of evidence (embedding 0.696 vs 0.573,
coverage 0.204 vs 0.160), so no rule combining the two scores could order them: the fix had
to be in the evidence. A third of x081's coverage came from concepts the need never meant:
"diseño" (the verb) brought @design and @ux-design (whose "diseño UX/UI" stems to "disen" once
UX and UI, two letters, drop), "programa" @software-engineering ("programación") and
@transnationalism ("Programa 3x1"), "política" @political-science ("politología"). Five-letter
stems join inflections; as the trigger of a concept they also join unrelated words. Variants
of the need's concepts (the expert's terms unchanged; fusion as kept, weight 20; B: MRR/nDCG
all, es->en, en->es; P: MRR nDCG loss; lexical alone: B MRR/nDCG, P loss):

    a single word brings             B all     es->en    en->es    P: MRR nDCG loss  lexical
    every concept of its stem        .983/.881 .967/.879 .967/.927 .075 .056 .268  .983/.852 .310
    those, 1/n each if n             .983/.892 .967/.876 1.00/.947 .078 .058 .270  .983/.872 .313
    none if its stem names several   1.00/.906 1.00/.902 1.00/.952 .078 .058 .272  1.00/.876 .316
    those it names (+-2 letters)     .983/.890 .933/.859 1.00/.952 .077 .061 .265  .983/.876 .308
      same, +-3 letters              .983/.884 .933/.851 1.00/.953 .077 .061 .262  .983/.874 .304
      same, exact word               .983/.883 .933/.855 1.00/.940 .080 .062 .262  .983/.871 .302
    the one it names alone (+-2)     1.00/.897 .956/.861 1.00/.954 .077 .058 .266  1.00/.872 .309 *
      same, +-3 letters              1.00/.893 .956/.856 1.00/.954 .077 .058 .265  1.00/.869 .307
    every concept, one-word x0.5     .983/.870                     .075 .058 .264  .978/.847 .303
    every concept, all x1            .983/.865                     .075 .057 .264  .978/.840 .303
    + its other names as words x0.25 .983/.905                     .071 .055 .265  .967/.880 .310
    + its other names as words x0.5  .983/.902                     .066 .054 .268  .950/.878 .316

("those it names": the word is one of the concept's one-word names but for an ending of that
many letters, several such concepts splitting the weight 1/n as a word's n translations do in
cross-language retrieval; "other names as words": the other-language names and synonyms of
each concept found, added as need words at that share of their weight. * kept.)

Kept: a phrase of two or more words brings its concepts; a single word brings a concept only
when its stem names that concept alone and the word is one of the concept's names but for an
ending of two letters (`lexical.Thesaurus.named`). It is the query side of concept detection
only: an expert's stored terms keep every concept (recall on the document side, precision
on the query side), so nothing is re-indexed and the SQL twin reads the same need terms.
Leave-one-out over needs, choosing among the rows above by the other needs' figures: B picks
"none if several" (30 of 30 folds), P picks "those it is a name of" (133 of 134); the kept
rule is within 0.009 of the pick on B nDCG and 0.001 on P loss, never far from the best on
either set. Kept minus before, paired bootstrap 95%: B MRR +0.017 [0, +0.050] (n27 alone:
no leave-one-out choice sees it), nDCG +0.016 [-0.007, +0.045]; P MRR +0.002 [-0.009,
+0.012], nDCG +0.002 [-0.002, +0.006], loss -0.002 [-0.010, +0.006]. Fused minus lexical
now: B MRR 0 (both 1.000: the lexical score is fixed by the same change, so the fused one
cannot beat it there), nDCG +0.025 [-0.008, +0.060]; P MRR +0.001 [-0.020, +0.022], nDCG
+0.007 [-0.009, +0.024], loss -0.043 [-0.065, -0.023]. Fusion weight re-checked with these
terms: 12 / 16 / 20 / 24 give B nDCG .889 / .892 / .897 / .895 and P loss .264 / .265 /
.266 / .268 (kept at 20, not re-tuned). The shape of the rule, re-checked: logit(emb) + w x
sqrt(coverage) (w 6..10), + w x log(coverage + 0.01) (w 1..2) and coverage divided by the
expert's term count^0.25 or ^0.5 (prolific authors cover more words by chance) all lose P loss
(0.268..0.280) for no steady B gain; additive log-odds stays. IDF over passages rather than
experts would need per-passage term counts the index does not store: not measured.

Cross-language, embedding side (issue 21, item 3): appending to the text, before embedding,
the names of the taxonomy skills found in it (the lexical side already bridges languages
through the concepts). B: MRR/nDCG@10 all, MRR es->en, en->es; P: MRR and loss, each for
the embedding alone / fused (P nDCG: .050 -> .043, .045 alone; .056 -> .056, .055 fused):

    expanded                 B: embedding alone        B: fused             P: MRR loss / MRR loss
    nothing (kept)           0.922/0.828 .754 .917  0.983/0.881 .967 .967  .059 .296 / .075 .268
    need, other language     0.967/0.885 .867 1.00  0.983/0.914 .967 1.00  .049 .304 / .069 .273
    need, both languages     0.942/0.853 .800 1.00  0.983/0.898 .967 1.00  .051 .309 / .068 .276
    Spanish needs only       0.950/0.865 .867 .917  0.983/0.894 .967 .967  (no Spanish need in P)
    need + passages, other   0.983/0.921 1.00 .933  0.983/0.906 .967 1.00  -
    need + passages, both    0.950/0.874 .933 .933  0.983/0.893 .967 .933  -

It helps on B, whose texts were written with the taxonomy, and costs on P (five-letter stems
also match skills an abstract is not about: the first paper brings "Secretos industriales"
and "Transnacionalismo"); so nothing is expanded before embedding.
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
# The fused score adds LEXICAL_WEIGHT x (coverage - LEXICAL_PIVOT) to the calibrated
# embedding score's log-odds (see the measurements above): a coverage of LEXICAL_PIVOT leaves
# it as it is, each further 0.1 of coverage is worth ~0.04 of cosine.
LEXICAL_WEIGHT = 20.0
LEXICAL_PIVOT = 0.1


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
    """The expertise score in [0, 1]: the lexical evidence shifts the log-odds of the
    calibrated embedding score, logistic(logit(semantic) + LEXICAL_WEIGHT x (lexical -
    LEXICAL_PIVOT)). Strictly increasing in both (so in the cosine) while semantic is inside
    (0, 1); no embedding evidence (0) stays 0. In SQL, logit(calibrate(cos)) is linear in the
    cosine, so the twin is one logistic (`matching.prerank`)."""
    if semantic <= 0.0:
        return 0.0
    if semantic >= 1.0:
        return 1.0
    shift = math.log(semantic / (1.0 - semantic)) + LEXICAL_WEIGHT * (lexical_score - LEXICAL_PIVOT)
    # exp overflows past ~709: the logistic is 0 or 1 to double precision long before.
    return 1.0 / (1.0 + math.exp(-shift)) if shift > -700.0 else 0.0


def expertise_scores(
    passages: list[str],
    needs: list[str],
    *,
    embedder: Embedder | None = None,
    thesaurus: lexical.Thesaurus | None = None,
    frequencies: lexical.TermFrequencies | None = None,
) -> list[float]:
    """One score in [0, 1] per need: how well the expert described by `passages` fits it,
    embedding and lexical evidence fused (`fuse`); `thesaurus` defaults to the reference
    taxonomy's skills, `frequencies` (the experts' document frequencies, for the IDF weights
    of `lexical.need_terms`) to none."""
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
            float(score),
            lexical.coverage(lexical.need_terms(needs[i], thesaurus, frequencies), held),
        )
    return scores


@functools.cache
def reference_thesaurus() -> lexical.Thesaurus:
    """The bilingual skill taxonomy shipped in profiles/data (what the database is seeded from)."""
    rows = json.loads((REFERENCE_SKILLS).read_text(encoding="utf-8"))
    return lexical.Thesaurus.from_skills(rows)
