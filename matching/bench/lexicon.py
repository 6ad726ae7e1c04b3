"""Lexical terms for the bench's synthetic experts (issue 21), so `make bench` times and checks
the fused expertise score the engine ranks by, not the embedding alone.

A synthetic expert's texts are mixtures of their skills' names (`synthetic`), so their terms
are `lexical.terms` of those names in both languages, concepts included. Added to a cached
table once: the column, one UPDATE from a skill -> terms table, then the table rewritten and
its indexes rebuilt (an UPDATE leaves every row twice in the HNSW index otherwise).

The engine's SQL reads the terms' ids (`ExpertIndex.lexical_ids`): `ensure_lexical_ids` makes
a copy of the table with that column, `<table>_ids`, built once and rebuilt when the table it
copies changes. A copy, not a new column: the cached table stays as older checkouts read it,
so a base commit and a branch can be timed on one database, back to back.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connections

from matching.bench.benchmark import finish_table, is_current
from matching.bench.synthetic import Vocabulary
from matching.documents import skill_thesaurus
from matching.lexical import TERM_IDS_FUNCTION, TermFrequencies, terms

LEXICON_VERSION = "1"
IDS_VERSION = "1"


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
        finish_table(cursor, table, key=key, version=LEXICON_VERSION)


def ensure_lexical_ids(alias: str, table: str, log: Callable[[str], None]) -> str:
    """The name of the copy of `table` with `lexical_ids` (see the module), built if needed.
    The caller has run `ensure_lexical_terms` on `table`."""
    copy = f"{table}_ids"
    with connections[alias].cursor() as cursor:
        cursor.execute(
            "SELECT string_agg(value, ':' ORDER BY key) FROM bench_meta WHERE key IN (%s, %s)",
            [table, f"{table}:lexical_terms"],
        )
        version = f"{IDS_VERSION}:{cursor.fetchone()[0]}"
        if is_current(cursor, copy, version):
            return copy
        log(f"Copying {table} with the experts' term ids into {copy} (once per table)…")
        cursor.execute("CREATE SCHEMA IF NOT EXISTS intarray")
        cursor.execute("CREATE EXTENSION IF NOT EXISTS intarray SCHEMA intarray")
        cursor.execute(TERM_IDS_FUNCTION)
        cursor.execute(f"DROP TABLE IF EXISTS {copy}, {copy}_passage")
        cursor.execute(
            f"CREATE TABLE {copy} AS SELECT *, matching_term_ids(lexical_terms) AS lexical_ids "
            f"FROM {table} ORDER BY profile_id"
        )
        cursor.execute(f"ALTER TABLE {copy} ADD PRIMARY KEY (profile_id)")
        finish_table(cursor, copy, key=copy, version=version)
    ensure_lexical_index(alias, copy)
    return copy


def bench_frequencies(alias: str, table: str) -> TermFrequencies:
    """How many of the bench's experts hold each term: the IDF production weighs a need's
    terms with (`documents.weighted_need_terms`), over the bench's population."""
    with connections[alias].cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")
        experts = int(cursor.fetchone()[0])
        cursor.execute(
            f"SELECT term, count(*) FROM {table}, unnest(lexical_terms) AS term GROUP BY term"
        )
        return TermFrequencies(experts=experts, counts=dict(cursor.fetchall()))


def ensure_lexical_index(alias: str, table: str) -> None:
    """The GIN index on `lexical_ids` that `ExpertIndex` has (the lexical branch of the
    candidate pool reads it), on a bench copy with term ids; made once, idempotent. An index
    only: code that does not read it runs on the same table as before."""
    with connections[alias].cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '1GB'")
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {table}_lexical_ids ON {table} "
            "USING gin (lexical_ids intarray.gin__int_ops)"
        )
        cursor.execute(f"ANALYZE {table}")
