"""Lexical terms for the bench's synthetic experts (issue 21), so `make bench` times and checks
the fused expertise score the engine ranks by, not the embedding alone.

A synthetic expert's texts are mixtures of their skills' names (`synthetic`), so their terms
are `lexical.terms` of those names in both languages, concepts included. Added to a cached
table once: the column, one UPDATE from a skill -> terms table, then the table rewritten and
its indexes rebuilt (an UPDATE leaves every row twice in the HNSW index otherwise).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connections

from matching.bench.benchmark import INDEXES
from matching.bench.synthetic import Vocabulary
from matching.documents import skill_thesaurus
from matching.lexical import terms

LEXICON_VERSION = "1"


def ensure_lexical_terms(
    alias: str, table: str, vocab: Vocabulary, log: Callable[[str], None]
) -> None:
    key = f"{table}:lexical_terms"
    with connections[alias].cursor() as cursor:
        cursor.execute(
            "SELECT value FROM bench_meta WHERE key = %s AND EXISTS (SELECT FROM "
            "information_schema.columns WHERE table_name = %s AND column_name = 'lexical_terms')",
            [key, table],
        )
        row = cursor.fetchone()
        if row and row[0] == LEXICON_VERSION:
            return
        log("Adding the experts' lexical terms (once per table)…")
        thesaurus = skill_thesaurus()
        per_skill = [
            (int(pk), terms([es, en], thesaurus))
            for pk, (es, en) in zip(vocab.ids.tolist(), vocab.names, strict=True)
        ]
        cursor.execute(
            f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS lexical_terms varchar(64)[] "
            "NOT NULL DEFAULT '{}'"
        )
        for name in ("hnsw", "skills", "skills_types"):
            cursor.execute(f"DROP INDEX IF EXISTS {table}_{name}")
        cursor.execute("CREATE TEMP TABLE skill_terms (skill_id int PRIMARY KEY, terms text[])")
        cursor.executemany("INSERT INTO skill_terms VALUES (%s, %s)", per_skill)
        cursor.execute(
            f"UPDATE {table} t SET lexical_terms = COALESCE((SELECT array_agg(DISTINCT x) "
            "FROM unnest(t.skill_ids) s JOIN skill_terms st ON st.skill_id = s, "
            "unnest(st.terms) x), '{}')"
        )
        cursor.execute("DROP TABLE skill_terms")
        cursor.execute(f"VACUUM FULL {table}")
        cursor.execute("SET maintenance_work_mem = '4GB'")
        cursor.execute("SET max_parallel_maintenance_workers = 2")
        for ddl in INDEXES:
            cursor.execute(ddl.format(table=table))
        cursor.execute(f"ANALYZE {table}")
        cursor.execute(
            "INSERT INTO bench_meta VALUES (%s, %s) ON CONFLICT (key) "
            "DO UPDATE SET value = excluded.value",
            [key, LEXICON_VERSION],
        )
