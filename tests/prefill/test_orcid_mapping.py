"""Each section of a recorded ORCID v3.0 record becomes the right proposals."""

from prefill import orcid
from prefill.proposals import Proposal
from tests.prefill.conftest import load_record

HYDROLOGIST = "0000-0002-1825-0097"
ENGINEER = "0000-0003-1234-5674"
SOCIOLOGIST = "0000-0001-5555-1238"


def _data(proposals: list[Proposal]) -> list[dict]:
    return [p.data for p in proposals]


def test_name_joins_given_and_family_names() -> None:
    record, _works = load_record(HYDROLOGIST)
    assert _data(orcid.name_proposals(record)) == [{"name": "Mariana López Hernández"}]


def test_name_keeps_accents_of_the_record() -> None:
    record, _works = load_record(SOCIOLOGIST)
    assert _data(orcid.name_proposals(record)) == [{"name": "José Ángel Núñez Ibáñez"}]


def test_name_falls_back_to_the_credit_name() -> None:
    record, _works = load_record(ENGINEER)
    assert _data(orcid.name_proposals(record)) == [{"name": "Dr. Tonatiuh Ek"}]


def test_employments_put_the_current_one_first_and_mark_past_ones() -> None:
    record, _works = load_record(HYDROLOGIST)
    assert _data(orcid.employment_proposals(record)) == [
        {
            "position": "Associate Professor",
            "employer": "University of Waterloo",
            "span": "2016–hoy",
            "is_current": True,
            "year": 2016,
        },
        {
            "position": "Ingeniera de proyectos",
            "employer": "Comisión Nacional del Agua",
            "span": "2008–2011",
            "is_current": False,
            "year": 2008,
        },
    ]


def test_employment_without_role_uses_the_department() -> None:
    record, _works = load_record(ENGINEER)
    [position] = _data(orcid.employment_proposals(record))
    assert position["position"] == "Imaging R&D"
    assert position["employer"] == "Siemens Healthineers"
    assert position["is_current"] is True


def test_no_employments_propose_nothing() -> None:
    record, _works = load_record(SOCIOLOGIST)
    assert orcid.employment_proposals(record) == []


def test_educations_map_degree_field_institution_and_end_year() -> None:
    record, _works = load_record(HYDROLOGIST)
    assert _data(orcid.education_proposals(record)) == [
        {
            "degree": "doctorate",
            "field": "PhD",
            "institution": "University of Waterloo",
            "year": 2015,
        },
        {
            "degree": "bachelor",
            "field": "Licenciatura en Ingeniería Civil",
            "institution": "Universidad Nacional Autónoma de México",
            "year": 2008,
        },
    ]


def test_educations_recognise_degrees_in_other_languages() -> None:
    record, _works = load_record(ENGINEER)
    degrees = [(d["degree"], d["year"]) for d in _data(orcid.education_proposals(record))]
    assert degrees == [("master", 2014), ("doctorate", 2018)]


def test_works_map_title_kind_year_and_doi() -> None:
    record, works = load_record(HYDROLOGIST)
    found = _data(orcid.work_proposals(record, works))
    assert [(w["title"], w["kind"], w["year"], w["url"]) for w in found] == [
        (
            "Modelación de la recarga de acuíferos en el Valle de México",
            "publication",
            2021,
            "https://doi.org/10.24850/j-tyca-2021-03-01",
        ),
        (
            "Groundwater depletion under urban growth",
            "publication",
            2019,
            "https://doi.org/10.1029/2019WR025000",
        ),
        ("Calibración de modelos MODFLOW con datos escasos", "publication", 2017, ""),
    ]


def test_works_claimed_by_two_sources_are_proposed_once_and_patents_keep_their_kind() -> None:
    record, works = load_record(ENGINEER)
    found = _data(orcid.work_proposals(record, works))
    assert [(w["kind"], w["url"]) for w in found] == [
        ("publication", "https://doi.org/10.1016/j.media.2020.101700"),
        ("patent", "https://patents.google.com/patent/EP3900000A1"),
    ]


def test_abstracts_come_from_the_full_works() -> None:
    record, works = load_record(HYDROLOGIST)
    summaries = [w["summary"] for w in _data(orcid.work_proposals(record, works))]
    assert summaries[1].endswith(
        "We quantify groundwater storage loss in three fast-growing metropolitan areas "
        "using GRACE data."
    )
    assert summaries[2] == ""  # no translated title, no abstract


def test_works_without_the_bulk_answer_keep_their_titles() -> None:
    record, _works = load_record(HYDROLOGIST)
    found = _data(orcid.work_proposals(record, {}))
    assert len(found) == 3
    assert found[0]["summary"] == "(en) Modelling aquifer recharge in the Valley of Mexico."


def test_multilingual_works_keep_the_original_title_and_the_translation_with_its_language() -> None:
    record, works = load_record(HYDROLOGIST)
    spanish, english, _third = _data(orcid.work_proposals(record, works))
    assert spanish["title"] == "Modelación de la recarga de acuíferos en el Valle de México"
    assert spanish["summary"] == (
        "(en) Modelling aquifer recharge in the Valley of Mexico. Estimamos la recarga del "
        "acuífero con un modelo acoplado de flujo subterráneo y balance hídrico."
    )
    assert english["summary"].startswith(
        "(es) Agotamiento del agua subterránea bajo crecimiento urbano. We quantify"
    )


def test_multilingual_work_translated_to_portuguese_and_blank_abstract() -> None:
    record, works = load_record(SOCIOLOGIST)
    book, article = _data(orcid.work_proposals(record, works))
    assert book["summary"].startswith("(pt) Migração qualificada e desenvolvimento regional")
    assert book["year"] is None
    assert book["kind"] == "publication"
    assert article["summary"] == "(es) Circulación de talentos entre Jalisco y California."


def test_record_proposals_start_with_the_orcid_id_then_each_section() -> None:
    record, works = load_record(HYDROLOGIST)
    kinds = [p.kind for p in orcid.record_proposals(HYDROLOGIST, record, works)]
    assert (
        kinds == ["orcid", "name", "position", "position", "education", "education"] + ["work"] * 3
    )
