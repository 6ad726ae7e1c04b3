"""Below MATCHING_EXACT_BELOW indexed experts, selection ranks every eligible one: with few
holders of a skill, the best experts include people who hold none and are not among the
nearest, whom the bounded pool can miss (make bench: recall@50 down to 0.48 at 20,000 and 0.46 at
50,000 profiles on Spanish-only needs), while the exact ranking costs about what the pool does."""

from __future__ import annotations

import pytest
from django.db import connection

from matching.selection import select_candidates
from tests.matching import test_prerank as twins
from tests.matching.test_lexical_pool import WORDY, _add_wordy_expert, _need
from tests.matching.test_prerank import TABLE

vocabulary, corpus = twins.vocabulary, twins.corpus

pytestmark = pytest.mark.django_db
LONG = 60  # a first list longer than the holders of the need's skills


def _selected(corpus: dict, limit: int = 10) -> set[int]:
    found = select_candidates(
        query_vector=corpus["query"],
        project=_need(corpus),
        graph=corpus["graph"],
        limit=limit,
        ann_limit=5,
        ef_search=40,
        table=TABLE,
    )
    return {row["profile_id"] for row in found}


def test_a_small_population_is_ranked_exactly_so_no_pool_branch_can_miss_the_best(corpus, settings):
    _add_wordy_expert(corpus)
    settings.MATCHING_LEXICAL_POOL = 0  # the one branch of the bounded pool that finds them

    assert WORDY in _selected(corpus), "ranked with everyone, as the exact top 10 has them"
    settings.MATCHING_EXACT_BELOW = 0
    assert WORDY not in _selected(corpus), "the bounded pool without that branch misses them"


def test_the_size_is_the_planners_count_once_the_table_is_analysed(corpus, settings):
    _add_wordy_expert(corpus)
    settings.MATCHING_LEXICAL_POOL = 0
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {TABLE}")
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [TABLE])
        rows = cursor.fetchone()[0]

    settings.MATCHING_EXACT_BELOW = int(rows) + 1
    assert WORDY in _selected(corpus)
    settings.MATCHING_EXACT_BELOW = int(rows)  # as many rows as the limit: the bounded pool
    assert WORDY not in _selected(corpus)


def test_above_the_size_a_pool_whose_best_hold_no_wanted_skill_is_ranked_exactly(corpus, settings):
    _add_wordy_expert(corpus)
    settings.MATCHING_LEXICAL_POOL = 0
    settings.MATCHING_EXACT_BELOW = 0  # a population above the size: the bounded pool runs
    project = _need(corpus)
    wanted = {int(s) for s in project.nice_skills}
    settings.MATCHING_EXACT_OUTSIDERS_SHARE = 0  # never
    pool = select_candidates(
        query_vector=corpus["query"],
        project=project,
        graph=corpus["graph"],
        limit=LONG,
        ann_limit=5,
        ef_search=40,
        table=TABLE,
    )
    outsiders = [row for row in pool if not wanted & set(row["skill_ids"])]
    assert outsiders, "near experts holding no wanted skill are among the pool's best"
    assert WORDY not in {row["profile_id"] for row in pool}

    settings.MATCHING_EXACT_OUTSIDERS_SHARE = len(outsiders) / LONG
    assert WORDY in _selected(corpus, LONG), "as many outsiders as the share: ranked exactly"
    settings.MATCHING_EXACT_OUTSIDERS_SHARE = (len(outsiders) + 1) / LONG
    assert WORDY not in _selected(corpus, LONG), "fewer than the share: the pool stands"
