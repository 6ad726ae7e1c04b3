"""Term ids (`lexical.term_id`): the same in Python and in PostgreSQL, distinct for distinct
terms of the vocabularies the engine meets, and the SQL coverage over them equal to Python's."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from matching import lexical
from matching.models import ExpertIndex
from matching.semantic import reference_thesaurus

DATA = Path(lexical.__file__).parent / "bench" / "data"
ODD_TERMS = ["@hydrology", "@solar-energy", "straß", "ñandú", "naïve", "ærø", "x1y", "ab-c", "a"]


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@cache
def _vocabulary() -> frozenset[str]:
    """Every term of the taxonomy (concepts and the words of its names) and of the texts of
    both evaluation sets (the bilingual set and the public papers)."""
    thesaurus = reference_thesaurus()
    found = {term for phrase in thesaurus.phrases for term in phrase}
    found |= {concept for concepts in thesaurus.phrases.values() for concept in concepts}
    for name in ("eval_set.json", "acl_papers.json"):
        texts = _strings(json.loads((DATA / name).read_text(encoding="utf-8")))
        found |= set(lexical.terms(texts, thesaurus))
    return frozenset(found)


def test_distinct_terms_of_the_taxonomy_and_both_evaluation_sets_have_distinct_ids() -> None:
    vocabulary = _vocabulary()

    assert len(vocabulary) > 5000
    assert len({lexical.term_id(term) for term in vocabulary}) == len(vocabulary)


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=5))
def test_a_plain_word_is_its_base_27_number_and_positive(word: str) -> None:
    ident = lexical.term_id(word)

    assert 0 < ident < 2**31
    decoded = ""
    while ident:
        ident, digit = divmod(ident, 27)
        decoded += chr(96 + digit)
    assert decoded == word


def test_any_other_term_has_a_negative_id() -> None:
    odd = [term for term in ODD_TERMS if term != "a"]

    assert all(lexical.term_id(term) < 0 for term in odd)
    assert lexical.term_id("a") > 0


@pytest.mark.django_db
def test_postgresql_computes_the_same_ids_as_python() -> None:
    rng = random.Random(3)
    vocabulary = sorted(_vocabulary())
    terms = [*rng.sample(vocabulary, 2000), *ODD_TERMS, "zzzzz", "z"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT matching_term_ids(%s::varchar[])", [terms])
        assert cursor.fetchone()[0] == lexical.term_ids(terms)
        cursor.execute("SELECT matching_term_ids('{}'::varchar[])")
        assert cursor.fetchone()[0] == []


@pytest.mark.django_db
def test_the_expert_index_keeps_its_term_ids_on_every_write(expert) -> None:
    index = ExpertIndex.objects.create(profile=expert, lexical_terms=["water", "@hydrology"])
    index.refresh_from_db()
    assert index.lexical_ids == lexical.term_ids(["water", "@hydrology"])

    ExpertIndex.objects.filter(pk=index.pk).update(lexical_terms=["solar", "aquif", "solar"])
    index.refresh_from_db()
    assert index.lexical_ids == sorted({lexical.term_id("solar"), lexical.term_id("aquif")})


def test_weights_are_whole_steps_of_the_heaviest_and_tiny_ones_drop_out() -> None:
    need = {"@hydrology": 4.0, "water": 2.0, "aquif": 1.0, "the": 0.005}

    assert lexical.quantised(need) == {
        lexical.term_id("@hydrology"): 256,
        lexical.term_id("water"): 128,
        lexical.term_id("aquif"): 64,
    }
    assert lexical.coverage(need, ["water", "aquif", "the"]) == pytest.approx(48 / 112)


@pytest.mark.django_db
@pytest.mark.parametrize("distinct_weights", [2, 5, 40])
def test_sql_coverage_equals_python_coverage_exactly(distinct_weights: int) -> None:
    # Few distinct weights: one intersection per weight; many: one per bit of the steps.
    rng = random.Random(distinct_weights)
    vocabulary = sorted(_vocabulary())
    pool = rng.sample(vocabulary, 60) + ODD_TERMS
    weights = [rng.uniform(0.05, 12.0) for _ in range(distinct_weights)]
    need = {term: rng.choice(weights) for term in rng.sample(pool, 40)}
    experts = [rng.sample(pool, rng.randint(0, 25)) for _ in range(200)]
    params: list = []
    sql = lexical.coverage_sql(need, params, column="ids")
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE coverage_case (n int, terms varchar[], "
            "ids int4[] GENERATED ALWAYS AS (matching_term_ids(terms)) STORED)"
        )
        cursor.executemany(
            "INSERT INTO coverage_case (n, terms) VALUES (%s, %s)",
            [(n, held) for n, held in enumerate(experts)],
        )
        cursor.execute(f"SELECT n, {sql} FROM coverage_case ORDER BY n", params)
        found = [value for _, value in cursor.fetchall()]

    expected = [lexical.coverage(need, held) for held in experts]
    assert found == expected
    assert len(set(expected)) > 20
    assert 0.0 in expected
