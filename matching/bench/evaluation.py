"""Offline quality check of the matching engine on a labelled bilingual evaluation set.

Pure on purpose (no ORM, no settings): the set in `matching/bench/data/eval_set.json` holds 30
collaboration needs (15 in Spanish, 15 in English) and 150 expert profiles written for the
purpose, mostly in the other language, with graded judgements (2 = ideal, 1 = acceptable;
everyone else is not relevant). For each need every expert is scored with the production
scorer, `score_pair`, fed the same semantic score the engine computes (`aggregate` over the
passages x need cosine matrix); experts failing a hard filter are dropped, the rest ranked.

Metrics, per need then averaged over needs:
- MRR: 1 / rank of the first relevant expert (either grade), 0 when none is ranked;
- nDCG@10: graded, gain 2^grade - 1, divided by the ideal DCG of all judged experts (an
  eligible-looking relevant expert the filters drop still counts in the ideal).

Splits by language direction: "es→en" (Spanish need, English profile), "en→es" and "same".
For a split, a need is scored only against its relevant experts in that direction; its other
relevant experts are taken out of the ranking (neither reward nor penalty), while every
non-relevant expert stays in whatever language it is written. A need with no relevant expert
in a direction does not count for that split.

Methods, to show each part matters:
- "engine": the fused score of `score_pair`;
- "semantic": the embedding score alone (hard filters still applied);
- "lexical": the lexical coverage alone (`matching.lexical`, taxonomy-expanded);
- "fused": the expertise score the engine uses, the two fused (`matching.semantic.fuse`);
- "no_semantic": `score_pair` with the semantic component set to 0 for everyone (skills,
  fields, language, logistics and preferences only).

Ties are broken by a hash of (need, expert), not by id, so the order the set was written in
cannot help or hurt.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import time
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from matching import lexical
from matching.bench.metrics import CUTOFF, dcg, ndcg, reciprocal_rank

__all__ = ["CUTOFF", "dcg", "ndcg", "reciprocal_rank"]  # re-exported: the metrics moved
from matching.embeddings import Embedder, get_embedder
from matching.scoring import ALGORITHM_VERSION, ExpertData, ProjectData, score_pair
from matching.semantic import aggregate, fuse, reference_thesaurus

EVAL_SET_PATH = Path(__file__).resolve().parent / "data" / "eval_set.json"
REFERENCE_DIR = Path(__file__).resolve().parents[2] / "profiles" / "data"

METHODS = ("engine", "semantic", "lexical", "fused", "no_semantic")
SPLITS = ("all", "es→en", "en→es", "same")
# Time-zone offsets of the needs' states are taken on a fixed day so results never depend on
# when the check runs.
OFFSET_DATE = datetime.datetime(2026, 1, 15, 18, tzinfo=datetime.UTC)


# --- The evaluation set ---------------------------------------------------------------------


@dataclass(frozen=True)
class EvalSet:
    needs: list[dict[str, Any]]
    experts: list[dict[str, Any]]

    @property
    def judgements(self) -> int:
        return sum(len(need["relevant"]) for need in self.needs)


def load_eval_set(path: Path | str = EVAL_SET_PATH) -> EvalSet:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return EvalSet(needs=data["needs"], experts=data["experts"])


def need_text(need: Mapping[str, Any]) -> str:
    # The same shape as matching.documents.project_need_text: title, then summary.
    return ". ".join(part.strip() for part in (need["title"], need["summary"]) if part.strip())


@dataclass(frozen=True)
class Vocabulary:
    """Skills, fields and states from profiles/data/, as the scorer wants them."""

    skill_ancestors: Mapping[str, frozenset[str]]
    skill_names: Mapping[str, tuple[str, str]]
    subfield_names: Mapping[str, tuple[str, str]]
    state_names: Mapping[str, str]
    state_offsets: Mapping[str, float]


def load_vocabulary(directory: Path = REFERENCE_DIR) -> Vocabulary:
    def read(name: str) -> Any:
        return json.loads((directory / name).read_text(encoding="utf-8"))

    skills = {row["slug"]: row for row in read("skills.json")}
    ancestors: dict[str, frozenset[str]] = {}
    for slug, row in skills.items():
        chain: list[str] = []
        parent = row["parent"]
        while parent and parent in skills and parent not in chain and parent != slug:
            chain.append(parent)
            parent = skills[parent]["parent"]
        ancestors[slug] = frozenset(chain)
    states = read("states.json")
    offsets = {}
    for state in states:
        offset = OFFSET_DATE.astimezone(zoneinfo.ZoneInfo(state["timezone"])).utcoffset()
        offsets[state["code"]] = offset.total_seconds() / 3600 if offset is not None else 0.0
    return Vocabulary(
        skill_ancestors=ancestors,
        skill_names={slug: (row["name_es"], row["name_en"]) for slug, row in skills.items()},
        subfield_names={
            sub["code"]: (sub["name_es"], sub["name_en"])
            for major in read("fields.json")
            for sub in major["subfields"]
        },
        state_names={state["code"]: state["name"] for state in states},
        state_offsets=offsets,
    )


def project_data(need: Mapping[str, Any], vocabulary: Vocabulary) -> ProjectData:
    required = frozenset(need["required_skills"])
    wanted = required | frozenset(need["nice_skills"])
    state = need.get("state")
    return ProjectData(
        id=need["id"],
        required_skills=required,
        nice_skills=frozenset(need["nice_skills"]),
        skill_names={s: vocabulary.skill_names.get(s, (s, s)) for s in wanted},
        skill_ancestors={s: vocabulary.skill_ancestors.get(s, frozenset()) for s in wanted},
        subfields=frozenset(need["subfields"]),
        languages=frozenset(need["languages"]),
        collaboration_type=need["collaboration_type"],
        # Labels only word the reasons, which this check does not read.
        collaboration_type_labels=(need["collaboration_type"], need["collaboration_type"]),
        modality=need["modality"],
        state=state,
        state_name=vocabulary.state_names.get(state) if state else None,
        hours_per_month=int(need["hours_per_month"]),
        sector=need.get("sector"),
        utc_offset_hours=vocabulary.state_offsets.get(state) if state else None,
        subfield_names=vocabulary.subfield_names,
    )


def expert_data(
    expert: Mapping[str, Any], vocabulary: Vocabulary, *, semantic: float
) -> ExpertData:
    skills = frozenset(expert["skills"])
    origin = expert.get("origin_state")
    return ExpertData(
        id=expert["id"],
        is_active=True,
        is_visible=True,
        is_paused=False,
        capacity_left=int(expert.get("capacity_left", 1)),
        languages=dict(expert["languages"]),
        collaboration_types=frozenset(expert["collaboration_types"]),
        skills=skills,
        skill_ancestors={s: vocabulary.skill_ancestors.get(s, frozenset()) for s in skills},
        subfields=frozenset(expert["subfields"]),
        origin_state=origin,
        origin_state_name=vocabulary.state_names.get(origin) if origin else None,
        residence_state=expert.get("residence_state"),
        willing_to_travel=bool(expert["willing_to_travel"]),
        modality_preference=expert.get("modality_preference") or "either",
        utc_offset_hours=expert.get("utc_offset_hours"),
        hours_per_month=int(expert["hours_per_month"]),
        states_of_interest=frozenset(expert.get("states_of_interest", ())),
        sectors_of_interest=frozenset(expert.get("sectors_of_interest", ())),
        semantic=float(semantic),
    )


# --- Semantic scores ------------------------------------------------------------------------


def semantic_matrix(eval_set: EvalSet, embedder: Embedder) -> np.ndarray:
    """experts x needs semantic scores, as the engine computes them from stored vectors.

    Every passage and every need is embedded once, in two batches; each expert's block of
    the passages x needs cosine matrix then goes through `aggregate`.
    """
    passages = [text for expert in eval_set.experts for text in expert["passages"]]
    passage_vectors = embedder.embed_passages(passages)
    need_vectors = embedder.embed_queries([need_text(need) for need in eval_set.needs])
    cosines = passage_vectors @ need_vectors.T
    scores = np.zeros((len(eval_set.experts), len(eval_set.needs)), dtype=np.float64)
    start = 0
    for row, expert in enumerate(eval_set.experts):
        end = start + len(expert["passages"])
        scores[row] = aggregate(cosines[start:end])
        start = end
    return scores


def lexical_matrix(eval_set: EvalSet, thesaurus: lexical.Thesaurus) -> np.ndarray:
    """experts x needs lexical coverage, as `matching.semantic.expertise_scores` computes it,
    the need's terms weighted by their document frequency over the set's experts."""
    held = [lexical.terms(expert["passages"], thesaurus) for expert in eval_set.experts]
    frequencies = lexical.TermFrequencies.of(held)
    scores = np.zeros((len(eval_set.experts), len(eval_set.needs)), dtype=np.float64)
    for column, need in enumerate(eval_set.needs):
        wanted = lexical.need_terms(need_text(need), thesaurus, frequencies)
        for row, terms in enumerate(held):
            scores[row, column] = lexical.coverage(wanted, terms)
    return scores


# --- Ranking and the report -----------------------------------------------------------------


def _tiebreak(need_id: str, expert_id: str) -> int:
    digest = hashlib.blake2b(f"{need_id}\x00{expert_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


@dataclass(frozen=True)
class Metrics:
    mrr: float
    ndcg: float
    needs: int


@dataclass(frozen=True)
class NeedResult:
    need: str
    language: str
    relevant: dict[str, int]
    eligible: int
    # Expert ids, best first, per method (eligible experts only).
    rankings: dict[str, list[str]]

    def rank_of(self, method: str, expert: str) -> int | None:
        ranking = self.rankings[method]
        return ranking.index(expert) + 1 if expert in ranking else None


@dataclass(frozen=True)
class EvaluationReport:
    algorithm_version: str
    embedder: str
    needs: int
    experts: int
    judgements: int
    eligible_pairs: int
    ineligible_relevant: list[tuple[str, str]]
    embed_seconds: float
    seconds: float
    metrics: dict[str, dict[str, Metrics]]
    per_need: list[NeedResult] = field(repr=False)

    def table(self) -> list[str]:
        lines = [
            f"Matching evaluation · algorithm {self.algorithm_version} · embedder {self.embedder}",
            f"{self.needs} needs × {self.experts} experts · {self.judgements} judgements · "
            f"{self.eligible_pairs} eligible pairs · {self.seconds:.1f} s "
            f"(embedding {self.embed_seconds:.1f} s)",
            "",
            f"{'method':<12} {'split':<6} {'needs':>5} {'MRR':>6} {'nDCG@10':>8}",
        ]
        for method in METHODS:
            for split in SPLITS:
                m = self.metrics[method][split]
                lines.append(f"{method:<12} {split:<6} {m.needs:>5} {m.mrr:>6.3f} {m.ndcg:>8.3f}")
        if self.ineligible_relevant:
            pairs = ", ".join(f"{n}/{e}" for n, e in self.ineligible_relevant)
            lines += ["", f"Relevant but filtered out: {pairs}"]
        return lines


def _direction(need_language: str, profile_language: str) -> str:
    return "same" if need_language == profile_language else f"{need_language}→{profile_language}"


# Long because it is one report: every ablation (semantic, lexical, fused, per direction) is
# scored and printed in the order `make evaluate` shows it, so the figures read as one table.
def evaluate_semantics(
    eval_set: EvalSet,
    semantics: np.ndarray,
    *,
    embedder_name: str,
    vocabulary: Vocabulary | None = None,
    embed_seconds: float = 0.0,
    lexicals: np.ndarray | None = None,
) -> EvaluationReport:
    """Rank and measure, given the experts x needs embedding-score matrix and, optionally, the
    lexical one (without it the engine reads the embedding score alone)."""
    started = time.perf_counter()
    vocabulary = vocabulary or load_vocabulary()
    per_need: list[NeedResult] = []
    ineligible_relevant: list[tuple[str, str]] = []
    eligible_pairs = 0
    for column, need in enumerate(eval_set.needs):
        project = project_data(need, vocabulary)
        relevant = {row["expert"]: int(row["grade"]) for row in need["relevant"]}
        keys: dict[str, list[tuple[float, int, str]]] = {method: [] for method in METHODS}
        for row, expert in enumerate(eval_set.experts):
            semantic = float(semantics[row, column])
            words = float(lexicals[row, column]) if lexicals is not None else 0.0
            fused = fuse(semantic, words) if lexicals is not None else semantic
            result = score_pair(expert_data(expert, vocabulary, semantic=fused), project)
            if not result.eligible:
                if expert["id"] in relevant:
                    ineligible_relevant.append((need["id"], expert["id"]))
                continue
            blind = score_pair(expert_data(expert, vocabulary, semantic=0.0), project)
            tie = _tiebreak(need["id"], expert["id"])
            keys["engine"].append((-result.components["fused"], tie, expert["id"]))
            keys["semantic"].append((-semantic, tie, expert["id"]))
            keys["lexical"].append((-words, tie, expert["id"]))
            keys["fused"].append((-fused, tie, expert["id"]))
            keys["no_semantic"].append((-blind.components["fused"], tie, expert["id"]))
        eligible_pairs += len(keys["engine"])
        per_need.append(
            NeedResult(
                need=need["id"],
                language=need["language"],
                relevant=relevant,
                eligible=len(keys["engine"]),
                rankings={m: [expert for *_, expert in sorted(k)] for m, k in keys.items()},
            )
        )
    languages = {expert["id"]: expert["profile_language"] for expert in eval_set.experts}
    metrics = {
        method: {split: _split_metrics(per_need, method, split, languages) for split in SPLITS}
        for method in METHODS
    }
    return EvaluationReport(
        algorithm_version=ALGORITHM_VERSION,
        embedder=embedder_name,
        needs=len(eval_set.needs),
        experts=len(eval_set.experts),
        judgements=eval_set.judgements,
        eligible_pairs=eligible_pairs,
        ineligible_relevant=ineligible_relevant,
        embed_seconds=embed_seconds,
        seconds=embed_seconds + time.perf_counter() - started,
        metrics=metrics,
        per_need=per_need,
    )


def _split_metrics(
    per_need: list[NeedResult], method: str, split: str, languages: Mapping[str, str]
) -> Metrics:
    reciprocal_ranks, gains = [], []
    for result in per_need:
        if split == "all":
            judged = result.relevant
        else:
            judged = {
                expert: grade
                for expert, grade in result.relevant.items()
                if _direction(result.language, languages[expert]) == split
            }
        if not judged:
            continue
        # Relevant experts of other directions leave the ranking instead of counting as misses.
        grades = [
            judged.get(expert, 0)
            for expert in result.rankings[method]
            if expert in judged or expert not in result.relevant
        ]
        reciprocal_ranks.append(reciprocal_rank(grades))
        gains.append(ndcg(grades, judged.values()))
    if not reciprocal_ranks:
        return Metrics(mrr=0.0, ndcg=0.0, needs=0)
    return Metrics(
        mrr=float(np.mean(reciprocal_ranks)), ndcg=float(np.mean(gains)), needs=len(gains)
    )


def evaluate(
    eval_set: EvalSet | None = None, *, embedder: Embedder | str | None = None
) -> EvaluationReport:
    """Embed the set with `embedder` (default: the configured one) and measure the engine."""
    eval_set = eval_set or load_eval_set()
    if not isinstance(embedder, Embedder):
        embedder = get_embedder(embedder)
    started = time.perf_counter()
    semantics = semantic_matrix(eval_set, embedder)
    return evaluate_semantics(
        eval_set,
        semantics,
        embedder_name=embedder.name,
        embed_seconds=time.perf_counter() - started,
        lexicals=lexical_matrix(eval_set, reference_thesaurus()),
    )
