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


def test_term_frequencies_follow_every_change_of_the_index_in_one_query(
    indexed, expert, other_expert, django_assert_num_queries
) -> None:
    before = term_frequencies(["water", "aquif"])
    ExpertIndex.objects.filter(profile=expert).update(lexical_terms=["water", "water", "solar"])
    changed = term_frequencies(["water", "aquif", "solar"])
    ExpertIndex.objects.filter(profile=expert).update(is_available=False)  # terms untouched
    untouched = term_frequencies(["water", "solar"])
    other_expert.delete()  # its index row goes with it

    with django_assert_num_queries(1):
        after_delete = term_frequencies(["water", "@solar-energy"])

    assert before.counts == {"water": 2, "aquif": 1}
    assert changed.counts == {"water": 2, "aquif": 0, "solar": 1}
    assert untouched.counts == {"water": 2, "solar": 1}
    assert after_delete.counts == {"water": 1, "@solar-energy": 0}
    assert after_delete.experts == before.experts - 1 == ExpertIndex.objects.count()


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
