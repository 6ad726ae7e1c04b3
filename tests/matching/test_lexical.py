"""Lexical evidence: accent folding, stems, the taxonomy's bilingual bridge, coverage."""

import pytest

from matching import lexical
from matching.semantic import reference_thesaurus

THESAURUS = lexical.Thesaurus.from_skills(
    [
        {
            "slug": "hydrogeology",
            "name_es": "Hidrogeología",
            "name_en": "Hydrogeology",
            "synonyms": ["agua subterránea", "groundwater"],
        }
    ]
)


def test_words_are_folded_stemmed_and_stripped_of_stop_words() -> None:
    assert lexical.words("Energía de los acuíferos, 2024") == ["energ", "acuif"]
    assert lexical.words("ENERGIA") == lexical.words("energía")


def test_a_taxonomy_name_in_either_language_brings_the_same_concept() -> None:
    spanish = lexical.terms(["Modelación del agua subterránea"], THESAURUS)
    english = lexical.terms(["Groundwater modelling"], THESAURUS)

    assert "@hydrogeology" in spanish
    assert "@hydrogeology" in english


def test_coverage_is_the_weighted_share_of_the_need_terms_the_expert_has() -> None:
    need = lexical.need_terms("Groundwater of the aquifer", THESAURUS)

    assert need == {"@hydrogeology": 2.0, "aquif": 1.0, "groun": 1.0}
    assert lexical.coverage(need, ["@hydrogeology"]) == pytest.approx(0.5)
    assert lexical.coverage(need, ["aquif", "groun", "@hydrogeology", "other"]) == 1.0
    assert lexical.coverage(need, []) == 0.0
    assert lexical.coverage({}, ["aquif"]) == 0.0


def test_cross_language_needs_meet_profiles_only_through_the_taxonomy() -> None:
    need = lexical.need_terms("Recarga del agua subterránea del valle", THESAURUS)
    profile = lexical.terms(["Groundwater flow in arid basins"], THESAURUS)

    assert lexical.coverage(need, profile) > 0
    assert lexical.coverage(need, lexical.terms(["Groundwater flow in arid basins"])) == 0


def test_the_reference_taxonomy_bridges_spanish_and_english_skill_names() -> None:
    thesaurus = reference_thesaurus()

    assert set(lexical.terms(["Ingeniería de software"], thesaurus)) & set(
        lexical.terms(["software development"], thesaurus)
    ) >= {"@software-engineering"}


def test_need_terms_are_bounded_with_concepts_kept_first() -> None:
    text = " ".join(f"{chr(97 + i)}{chr(97 + j)}zzz" for i in range(10) for j in range(10))
    need = lexical.need_terms(text + " agua subterránea", THESAURUS)

    assert len(need) <= lexical.MAX_NEED_TERMS
    assert "@hydrogeology" in need


def test_a_word_few_experts_hold_weighs_more_than_one_most_experts_hold() -> None:
    experts = [["groun", "water"], ["water"], ["water", "aquif"], ["water"]]
    frequencies = lexical.TermFrequencies.of(experts)

    assert frequencies.experts == 4
    assert frequencies.idf("nobody") > frequencies.idf("groun") > frequencies.idf("water") > 0
    need = lexical.need_terms("Groundwater water", THESAURUS, frequencies)
    assert need["groun"] > need["water"]
    assert need["@hydrogeology"] == pytest.approx(
        lexical.CONCEPT_WEIGHT * frequencies.idf("@hydrogeology")
    )
    # The rare word the expert shares counts for more than the common one.
    assert lexical.coverage(need, ["groun"]) > lexical.coverage(need, ["water"])


def test_without_frequencies_every_word_weighs_one_and_a_concept_two() -> None:
    assert lexical.need_terms("Groundwater of the aquifer", THESAURUS, None) == {
        "@hydrogeology": 2.0,
        "aquif": 1.0,
        "groun": 1.0,
    }


def test_a_long_need_keeps_its_heaviest_terms() -> None:
    text = " ".join(f"{chr(97 + i)}{chr(97 + j)}zzz" for i in range(10) for j in range(10))
    rare = "qqrare"
    common = [word[:5] for word in text.split()]
    frequencies = lexical.TermFrequencies.of([common] * 9 + [[]])

    need = lexical.need_terms(f"{text} {rare}", frequencies=frequencies)

    assert len(need) == lexical.MAX_NEED_TERMS
    assert rare[:5] in need


AMBIGUOUS = lexical.Thesaurus.from_skills(
    [
        {"slug": "design", "name_es": "Diseño", "name_en": "Design", "synonyms": []},
        {"slug": "ux-design", "name_es": "Diseño UX/UI", "name_en": "UX design", "synonyms": []},
        {"slug": "hydrology", "name_es": "Hidrología", "name_en": "Hydrology", "synonyms": []},
        {
            "slug": "political-science",
            "name_es": "Ciencia política",
            "name_en": "Political science",
            "synonyms": ["politología"],
        },
    ]
)


def test_a_word_brings_a_concept_only_when_it_is_one_of_its_names() -> None:
    # "política" shares the stem "polit" with "politología" but is not that skill's name;
    # an inflection of the name still is ("hidrológicos" / "Hidrología").
    need = lexical.need_terms("Diseño de la política estatal", AMBIGUOUS)

    assert "@political-science" not in need
    assert "@political-science" in lexical.need_terms("Asesoría en politología", AMBIGUOUS)
    assert "@political-science" in lexical.need_terms("Ciencia política aplicada", AMBIGUOUS)
    assert "@hydrology" in lexical.need_terms("Balances hidrológicos de la cuenca", AMBIGUOUS)


def test_a_stem_several_skills_share_brings_none_of_them_to_the_need() -> None:
    # "diseño" is both "Diseño" and, its short words dropped, "Diseño UX/UI": evidence of
    # neither. The word itself still counts, and an expert's own terms keep every concept.
    need = lexical.need_terms("Diseño de convocatorias", AMBIGUOUS)

    assert "@design" not in need
    assert "@ux-design" not in need
    assert "disen" in need
    held = lexical.terms(["Diseño de convocatorias"], AMBIGUOUS)
    assert {"@design", "@ux-design"} <= set(held)
