"""The benchmark's timed production path, its exact baselines and the cold cache (issue 20).

`recompute` follows `services.project_matches_recompute` step by step on the bench tables:
read the need's stored vector (`services.project_embedding_refresh` embeds a need only when its
text changed: `store_need_vectors` plays the publication that did it, timed apart), select and
pre-rank candidates, passage semantics, the spread rule against other needs, scoring and
explanations, upsert, the event. `exact_sql` is the truth at
the same formula: every eligible row scored by `prerank.score_sql` inside PostgreSQL with no
index. `evict` empties PostgreSQL's buffers and the kernel's page cache of the bench relations
only (pg_buffercache and posix_fadvise), so cold figures disturb nobody else on the machine.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from django.db import DatabaseError, connections, transaction
from django.dispatch import Signal

from matching import selection, spread
from matching.bench.synthetic import Need
from matching.documents import SkillGraph
from matching.embeddings import EMBEDDING_DIM, Embedder
from matching.prerank import score_sql
from matching.selection import filters_for, vector_literal

TOP = 50
PASSAGES_PER_PROFILE = 3
# The bench sends its own event: the site's receivers would enqueue mail for bench rows.
bench_matches_computed = Signal()
STEPS = ("vector", "select", "passages", "prominence", "score", "upsert")


def passages_table(table: str) -> str:
    """The half-precision copy shares its source's passages (`vector`, as ExpertPassage)."""
    return f"{table.removesuffix('_half')}_passage"


def ensure_passages(alias: str, table: str) -> None:
    """Three passage rows per profile (their document vector: only the reading cost matters)."""
    passages = passages_table(table)
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [passages])
        if cursor.fetchone()[0] is not None:
            return
        cursor.execute(
            f"CREATE TABLE {passages} AS SELECT profile_id, n AS position, embedding "
            f"FROM {table}, generate_series(1, {PASSAGES_PER_PROFILE}) n ORDER BY profile_id"
        )
        cursor.execute(f"CREATE INDEX {passages}_profile ON {passages} (profile_id)")
        cursor.execute(f"ANALYZE {passages}")


def store_need_vectors(
    alias: str, needs: Sequence[tuple[Need, str]], embedder: Embedder
) -> list[float]:
    """Embed each need's text once, as publishing it does (`ProjectEmbedding`), and store the
    vector with the text's hash; returns the seconds each embedding took."""
    seconds = []
    with connections[alias].cursor() as cursor:
        cursor.execute(VECTORS_DDL)
        for need, text in needs:
            started = time.perf_counter()
            vector = embedder.embed_queries([text])[0]
            seconds.append(time.perf_counter() - started)
            cursor.execute(
                "INSERT INTO bench_need_vector VALUES (%s, %s, %s::vector) ON CONFLICT "
                "(need_id) DO UPDATE SET text_hash = excluded.text_hash, "
                "embedding = excluded.embedding",
                [need.number, _hash(text), vector_literal(vector)],
            )
    return seconds


VECTORS_DDL = (
    "CREATE TABLE IF NOT EXISTS bench_need_vector "
    f"(need_id integer PRIMARY KEY, text_hash text, embedding vector({EMBEDDING_DIM}))"
)


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def need_vector(alias: str, need: Need, text: str, embedder: Embedder) -> np.ndarray:
    """The stored vector when the text has not changed since it was embedded (as
    `services.project_embedding_refresh`), else a fresh embedding."""
    with connections[alias].cursor() as cursor:
        cursor.execute(
            "SELECT embedding::text FROM bench_need_vector WHERE need_id = %s AND text_hash = %s",
            [need.number, _hash(text)],
        )
        row = cursor.fetchone()
    if row is not None:
        return np.array(json.loads(row[0]), dtype=np.float32)
    return embedder.embed_queries([text])[0]


def recompute(
    alias: str,
    table: str,
    need: Need,
    text: str,
    *,
    others: Sequence[tuple[int, object, np.ndarray]],
    graph: SkillGraph,
    embedder: Embedder,
) -> tuple[list[tuple[float, int]], dict[str, float]]:
    """The production path for one need. Returns the pre-rank top-50 (score, id) the engine
    selected (what recall is measured on) and the seconds of each step."""
    steps: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        steps[name], clock = now - clock, now

    vector = need_vector(alias, need, text, embedder)
    lap("vector")
    rows = selection.select_candidates(
        query_vector=vector,
        project=need.data,
        graph=graph,
        limit=TOP * 3,  # as services.project_matches_recompute with MATCHING_TOP_K = 50
        ann_limit=TOP * 2,
        ef_search=max(100, TOP * 2),
        table=table,
        using=alias,
    )
    lap("select")
    ids = [row["profile_id"] for row in rows]
    semantics = selection.passage_semantics(ids, vector, table=passages_table(table), using=alias)
    lap("passages")
    elsewhere = spread.prominent_elsewhere(
        candidates=rows,
        project_id=need.number,
        others=others,  # type: ignore[arg-type]
        graph=graph,
        top=10,
        table=table,
        using=alias,
    )
    lap("prominence")
    scored = selection.score_candidates(
        pdata=need.data,
        candidates=rows,
        semantics=semantics,
        graph=graph,
        state_names={},
        elsewhere=elsewhere,
        keep=TOP,
    )
    lap("score")
    _upsert(alias, need.number, scored)
    bench_matches_computed.send(sender=None, project_id=need.number, expert_ids=ids[:TOP])
    lap("upsert")
    return [(float(row["prerank"]), row["profile_id"]) for row in rows[:TOP]], steps


def _upsert(alias: str, project: int, scored: list) -> None:
    from psycopg2.extras import execute_values  # noqa: PLC0415 - psycopg2 is Django's driver

    with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
        cursor.execute("DELETE FROM bench_match WHERE project_id = %s", [project])
        execute_values(
            cursor.cursor,
            "INSERT INTO bench_match VALUES %s",
            [
                (
                    project,
                    row["profile_id"],
                    result.score,
                    rank,
                    json.dumps(result.components),
                    json.dumps(result.reasons_es),
                    json.dumps(result.reasons_en),
                )
                for row, result, rank in scored
            ],
            template="(%s, %s, %s, %s, %s, %s, %s, now())",
        )


def exact_sql(alias: str, table: str, need: Need, graph: SkillGraph) -> list[tuple[float, int]]:
    """The first 50 eligible profiles by the engine's own formula, scanning every row."""
    where, params = filters_for(need.data)
    score, score_params = score_sql(
        need.data,
        cosine="(1 - (embedding <=> %s::halfvec))",
        cosine_params=[vector_literal(need.vector)],
        graph=graph,
        need_terms=need.data.need_terms,
    )
    with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(
            f"SELECT {score} AS s, profile_id FROM {table} WHERE {where} "
            "ORDER BY s DESC, profile_id LIMIT %s",
            [*score_params, *params, TOP],
        )
        return [(float(s), pid) for s, pid in cursor.fetchall()]


def recall(found: list[tuple[float, int]], truth: list[tuple[float, int]]) -> float:
    """Ties-aware recall@50: a returned expert counts when it scores at least the 50th exact
    score (many can share it at this scale; any of them is a right answer)."""
    if not truth:
        return 1.0
    threshold = truth[-1][0] - 1e-9
    hits = sum(1 for score, _ in found if score >= threshold)
    return min(hits, len(truth)) / len(truth)


def relations(alias: str, table: str) -> list[str]:
    """The bench table, its passages, the stored need vectors, their TOAST tables (where
    out-of-line vectors live: left cached, a cold run read them warm) and every index on them."""
    names = [table, passages_table(table), "bench_need_vector"]
    with connections[alias].cursor() as cursor:
        cursor.execute(
            "SELECT reltoastrelid::regclass::text FROM pg_class "
            "WHERE oid = ANY(%s::regclass[]) AND reltoastrelid <> 0",
            [names],
        )
        names += [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = ANY(%s::regclass[])",
            [names],
        )
        return [*names, *(row[0] for row in cursor.fetchall())]


def evict(alias: str, names: list[str]) -> bool:
    """Drop these relations from PostgreSQL's buffers and from the kernel's page cache.
    False when the server cannot (no pg_buffercache >= 1.6): cold figures are then not taken."""
    conn = connections[alias]
    with conn.cursor() as cursor:
        try:
            with transaction.atomic(using=alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_buffercache")
                for name in names:
                    cursor.execute("SELECT pg_buffercache_evict_relation(%s::regclass)", [name])
        except DatabaseError:
            return False
        for path in relation_files(cursor, names):
            drop_page_cache(path)
    return True


def relation_files(cursor: Any, names: list[str]) -> list[Path]:
    """The data files of these relations (the first segment and the next 1 GB ones)."""
    cursor.execute("SHOW data_directory")
    data = Path(cursor.fetchone()[0])
    files = []
    for name in names:
        cursor.execute("SELECT pg_relation_filepath(%s::regclass)", [name])
        base = data / cursor.fetchone()[0]
        files += [base, *(p for p in base.parent.glob(base.name + ".*") if p.suffix[1:].isdigit())]
    return files


def drop_page_cache(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)
