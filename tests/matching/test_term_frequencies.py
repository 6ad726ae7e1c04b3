"""Document frequencies of lexical terms over the indexed experts, for the IDF weights."""

import pytest

from matching.documents import term_frequencies, weighted_need_terms
from matching.lexical import TermFrequencies
from matching.models import ExpertIndex

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(expert, other_expert) -> None:
    ExpertIndex.objects.update_or_create(
        profile=expert, defaults={"lexical_terms": ["aquif", "groun", "water"]}
    )
    ExpertIndex.objects.update_or_create(
        profile=other_expert, defaults={"lexical_terms": ["water", "@solar-energy"]}
    )


def test_term_frequencies_count_the_indexed_experts_holding_each_term(indexed) -> None:
    frequencies = term_frequencies(["water", "aquif", "nobody"])

    assert frequencies.experts == ExpertIndex.objects.count() >= 2
    assert frequencies.counts == {"water": 2, "aquif": 1, "nobody": 0}


def test_term_frequencies_are_read_once_then_served_from_the_cache(
    indexed, expert, django_assert_num_queries
) -> None:
    term_frequencies(["water", "aquif"])
    ExpertIndex.objects.filter(profile=expert).update(lexical_terms=[])

    with django_assert_num_queries(0):
        cached = term_frequencies(["water", "aquif"])
    with django_assert_num_queries(1):
        fresh = term_frequencies(["water", "groun"])

    assert cached.counts == {"water": 2, "aquif": 1}
    assert fresh.counts == {"water": 2, "groun": 0}


def test_a_need_s_rare_words_weigh_more_than_its_common_ones(indexed) -> None:
    need = weighted_need_terms("Water in the aquifer")
    idf = TermFrequencies(experts=ExpertIndex.objects.count(), counts={"water": 2, "aquif": 1})

    assert need["aquif"] > need["water"] > 0
    # "aquifer" names a skill of the taxonomy: its concept comes too, held by nobody here.
    assert need == pytest.approx(
        {
            "aquif": idf.idf("aquif"),
            "water": idf.idf("water"),
            "@hydrology": 2 * idf.idf("@hydrology"),
        }
    )
