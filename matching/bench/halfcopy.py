"""The bench's ranking table in half precision, as `matching_expertindex` stores it (issue 20).

The cached bench table (`benchmark.table_for`) keeps its `vector` column: code from before the
change, run against the same bench database at the same time, still reads it. The engine ranks
a copy, `<table>_half`, whose `embedding` is `halfvec` with its HNSW index on
`halfvec_cosine_ops`; every other column and index is the same. The copy is made once and
made again only when the source changes (its bench_meta stamps or its columns), so it is
idempotent and never alters the source. Passages stay `vector` (as `ExpertPassage`): the copy
shares the source's passage table (`production.passages_table`).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connections, transaction
from django.db.backends.utils import CursorWrapper

from matching.bench.benchmark import INDEXES, is_current
from matching.embeddings import EMBEDDING_DIM

SUFFIX = "_half"
HALF_VERSION = "1"


def half_table(table: str) -> str:
    return f"{table}{SUFFIX}"


def _stamp(cursor: CursorWrapper, table: str) -> str:
    """What the copy was made from: the source's bench_meta stamps and its columns."""
    cursor.execute(
        "SELECT string_agg(key || '=' || value, ';' ORDER BY key) FROM bench_meta "
        "WHERE key = %s OR key LIKE %s",
        [table, f"{table}:%"],
    )
    meta = cursor.fetchone()[0] or ""
    cursor.execute(
        "SELECT string_agg(column_name || ' ' || data_type, ',' ORDER BY ordinal_position) "
        "FROM information_schema.columns WHERE table_name = %s",
        [table],
    )
    columns = cursor.fetchone()[0] or ""
    return f"{HALF_VERSION}|{meta}|{columns}"


def ensure_half(alias: str, table: str, log: Callable[[str], None]) -> str:
    """The half-precision copy of `table` (made or remade when stale); returns its name."""
    half = half_table(table)
    with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
        # One builder at a time: a second bench waits here, then finds the copy made.
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [half])
        stamp = _stamp(cursor, table)
        if is_current(cursor, half, stamp):
            return half
        log(f"Copying {table} with half-precision vectors into {half} (once)…")
        cursor.execute(f"DROP TABLE IF EXISTS {half}")
        cursor.execute(f"CREATE TABLE {half} (LIKE {table} INCLUDING DEFAULTS)")
        cursor.execute(
            f"ALTER TABLE {half} ALTER COLUMN embedding TYPE halfvec({EMBEDDING_DIM}) "
            f"USING embedding::halfvec({EMBEDDING_DIM})"
        )
        cursor.execute(f"INSERT INTO {half} SELECT * FROM {table} ORDER BY profile_id")
        cursor.execute(f"ALTER TABLE {half} ADD PRIMARY KEY (profile_id)")
        cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        cursor.execute("SET LOCAL max_parallel_maintenance_workers = 2")
        for ddl in INDEXES:
            cursor.execute(
                ddl.format(table=half).replace("vector_cosine_ops", "halfvec_cosine_ops")
            )
        cursor.execute(f"ANALYZE {half}")
        cursor.execute(
            "INSERT INTO bench_meta VALUES (%s, %s) ON CONFLICT (key) "
            "DO UPDATE SET value = excluded.value",
            [half, stamp],
        )
    return half
