"""The expert document vector is stored in half precision (issue 20): SQL ranks on it with
`<=> ::halfvec` and the Python twin (`selection.document_cosine`) must read the same cosine,
or the two directions of matching (and the twin tests) drift apart."""

from __future__ import annotations

import json

import numpy as np
import pytest
from django.db import connection

from matching.models import ExpertIndex
from matching.selection import document_cosine, expert_semantic, vector_literal
from matching.semantic import calibrate

pytestmark = pytest.mark.django_db

DIM = 384


def _unit(vector: np.ndarray) -> np.ndarray:
    return (vector / np.linalg.norm(vector)).astype(np.float32)


def _near(query: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A vector at a cosine of ~0.75-1 from the query, the range the calibration stretches."""
    return _unit(
        (1 - rng.uniform(0, 0.6)) * query + rng.uniform(0, 0.6) * _unit(rng.normal(size=DIM))
    )


def _sql_cosines(
    vectors: list[np.ndarray], query: np.ndarray
) -> tuple[list[float], list[np.ndarray]]:
    """The cosines pgvector computes and the vectors as stored (read back)."""
    with connection.cursor() as cursor:
        cursor.execute(  # the ranking column's own type
            "CREATE TEMP TABLE half_case AS SELECT profile_id, embedding "
            "FROM matching_expertindex LIMIT 0"
        )
        for pid, vector in enumerate(vectors, start=1):
            cursor.execute(
                "INSERT INTO half_case (profile_id, embedding) VALUES (%s, %s)",
                [pid, vector_literal(vector)],
            )
        cursor.execute(
            "SELECT 1 - (embedding <=> %s::halfvec), embedding::text FROM half_case "
            "ORDER BY profile_id",
            [vector_literal(query)],
        )
        rows = cursor.fetchall()
    return [c for c, _ in rows], [np.array(json.loads(text), dtype=np.float32) for _, text in rows]


def test_the_python_document_cosine_equals_pgvectors_cosine_on_the_half_precision_column():
    rng = np.random.default_rng(7)
    query = _unit(rng.normal(size=DIM))
    vectors = [_near(query, rng) for _ in range(200)]
    sql, stored = _sql_cosines(vectors, query)
    python = [document_cosine(vector, query) for vector in stored]
    assert python == pytest.approx(sql, abs=2e-6)
    # The full-precision cosine is not the stored one: without rounding, the twin would drift.
    full = [float(vector @ query) for vector in vectors]
    assert max(abs(f - s) for f, s in zip(full, sql, strict=True)) > 1e-5


def test_an_expert_scored_from_the_stored_half_vector_gets_the_sql_semantic_score(expert):
    rng = np.random.default_rng(11)
    query = _unit(rng.normal(size=DIM))
    vector = _near(query, rng)
    ExpertIndex.objects.update_or_create(profile=expert, defaults={"embedding": vector})
    index = ExpertIndex.objects.get(profile=expert)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 - (embedding <=> %s::halfvec) FROM matching_expertindex "
            "WHERE profile_id = %s",
            [vector_literal(query), expert.pk],
        )
        sql = cursor.fetchone()[0]
    # Read back (a HalfVector) and as `expert_index_refresh` leaves it in memory (float32).
    for embedding in (index.embedding, vector):
        index.embedding = embedding
        semantic = expert_semantic(passages=None, index=index, query=query)
        assert semantic == pytest.approx(float(calibrate(sql)), abs=2e-6)


def test_the_ranking_column_is_halfvec_and_nearest_neighbour_search_uses_its_hnsw_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
            "WHERE attrelid = 'matching_expertindex'::regclass AND attname = 'embedding'"
        )
        assert cursor.fetchone()[0] == "halfvec(384)"
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT profile_id FROM matching_expertindex WHERE is_available "
            "ORDER BY embedding <=> %s::halfvec LIMIT 10",
            [vector_literal(np.ones(DIM) / np.sqrt(DIM))],
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "expertindex_embedding_hnsw" in plan
