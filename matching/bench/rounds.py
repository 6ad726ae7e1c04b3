"""`make bench-round`: a whole round at scale. Candidate generation (the engine's selection
and scoring on the synthetic profiles of `matching.bench.benchmark`, or synthetic candidates
drawn directly), then the exact solve, beside the greedy per-project baseline."""

from __future__ import annotations

import resource
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
from django.conf import settings
from django.db import connections

from matching.bench import benchmark
from matching.bench.lexicon import bench_frequencies, ensure_lexical_ids, ensure_lexical_terms
from matching.bench.synthetic import load_vocabulary, make_needs
from matching.documents import SkillGraph
from matching.rounds import solver
from matching.selection import select_candidates


def synthetic_problem(*, needs: int, experts: int, k: int, seed: int) -> solver.Problem:
    """K candidates per need drawn with a popularity skew (a few experts fit many needs, as
    in the real pool), scores from a beta distribution, loads 1-3, wanted 1-3."""
    rng = np.random.default_rng(seed)
    popularity = 1.0 / np.arange(1, experts + 1) ** 0.9
    popularity /= popularity.sum()
    # The experts most needs want are also the strongest: that is where greedy goes wrong.
    quality = 1.0 - np.arange(experts) / experts
    scores: dict[int, dict[int, float]] = {}
    for n in range(needs):
        chosen = rng.choice(experts, size=min(k, experts), replace=False, p=popularity)
        fit = 0.6 * quality[chosen] + 0.4 * rng.beta(2, 3, size=len(chosen))
        values = np.round(100 * fit, 2)
        scores[n] = dict(zip(chosen.tolist(), values.tolist(), strict=True))
    return solver.Problem(
        wanted={n: int(w) for n, w in enumerate(rng.integers(1, 4, size=needs))},
        scores=scores,
        load={e: int(c) for e, c in enumerate(rng.integers(1, 3, size=experts))},
        min_score=40.0,
    )


def engine_problem(
    *, needs: int, experts: int, k: int, seed: int, log: Callable[[str], None]
) -> solver.Problem:
    """Candidates from the engine's own selection and scoring, on `experts` synthetic profiles
    in the benchmark database (loaded once, cached)."""
    alias = benchmark.bench_alias()
    benchmark.ensure_database(connections.databases[alias]["NAME"])
    vocab = load_vocabulary(Path(settings.BASE_DIR) / "var" / "bench")
    graph = SkillGraph.load()
    benchmark.load_profiles(alias, vocab, experts, seed, log)
    ensure_lexical_terms(alias, benchmark.table_for(experts), vocab, log)
    table = ensure_lexical_ids(alias, benchmark.table_for(experts), log)
    benchmark.warm(alias, table, log)
    scores: dict[int, dict[int, float]] = {}
    load: dict[int, int] = {}
    frequencies = bench_frequencies(alias, table)
    for done, need in enumerate(make_needs(vocab, graph, needs, seed, frequencies), start=1):
        rows = select_candidates(
            query_vector=need.vector,
            project=need.data,
            graph=graph,
            limit=k,
            ann_limit=k,
            ef_search=max(100, k),
            table=table,
            using=alias,
        )
        ranked = benchmark._score_rows(rows, need, graph, keep=k)  # noqa: SLF001 - bench helper
        scores[need.number] = {pid: score for score, pid, _ in ranked}
        for row in rows:
            load[row["profile_id"]] = max(1, min(3, int(row["capacity_left"])))
        if done % 100 == 0:
            log(f"  candidates for {done} needs")
    rng = np.random.default_rng(seed)
    return solver.Problem(
        wanted={n: int(rng.integers(1, 4)) for n in sorted(scores)},
        scores=scores,
        load=load,
        min_score=40.0,
    )


def run(
    *,
    needs: int,
    experts: int,
    k: int,
    seed: int,
    engine: bool,
    objective: str,
    log: Callable[[str], None],
) -> dict:
    started = time.perf_counter()
    if engine:
        problem = engine_problem(needs=needs, experts=experts, k=k, seed=seed, log=log)
    else:
        problem = synthetic_problem(needs=needs, experts=experts, k=k, seed=seed)
    generated = time.perf_counter()
    solution = solver.solve(problem, objective=objective)
    solved = time.perf_counter()
    baseline = solver.greedy(problem)
    greedy_done = time.perf_counter()
    return {
        "mode": "engine" if engine else "synthetic candidates",
        "needs": needs,
        "experts": experts,
        "k": k,
        "pairs": sum(len(row) for row in problem.scores.values()),
        "objective": objective,
        "solver": solution.solver,
        "candidates_s": generated - started,
        "solve_s": solved - generated,
        "greedy_s": greedy_done - solved,
        "round": solver.report(problem, solution),
        "greedy": solver.report(problem, baseline),
        "violations": len(solver.violations(problem, solution)),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def iter_report(f: dict) -> Iterator[str]:
    yield f"mode                        {f['mode']}"
    yield f"needs x experts (K)         {f['needs']:,} x {f['experts']:,} ({f['k']})"
    yield f"candidate pairs             {f['pairs']:,}"
    yield f"candidate generation        {f['candidates_s']:.1f} s"
    yield f"solve ({f['objective']}, {f['solver']})   {f['solve_s']:.1f} s (goal <= 60 s)"
    yield f"greedy                      {f['greedy_s']:.1f} s"
    yield f"rule violations             {f['violations']}"
    yield "                            round        greedy"
    for key in ("total", "mean", "fully_staffed", "worst_need", "assigned"):
        yield f"{key:<28}{f['round'][key]!s:<13}{f['greedy'][key]!s}"
    yield f"load histogram (round)      {f['round']['load_histogram']}"
    yield f"load histogram (greedy)     {f['greedy']['load_histogram']}"
    yield f"peak memory                 {f['peak_rss_mb']:.0f} MB"
