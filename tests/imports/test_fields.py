"""Guessing columns from headers, and checking one row's cells (no database for the guess)."""

import pytest

from imports.fields import References, mapping_guess, row_clean
from tests.factories.imports import HEADERS, person


def test_mapping_guess_recognises_spanish_headers() -> None:
    assert mapping_guess(HEADERS) == {
        "0": "name",
        "1": "email",
        "2": "orcid",
        "3": "country",
        "4": "city",
        "5": "origin_state",
        "6": "skills",
        "7": "fields",
        "8": "languages",
        "9": "employer",
        "10": "current_position",
    }


def test_mapping_guess_recognises_english_headers_and_skips_unknown_ones() -> None:
    headers = ["Full name", "E-mail", "Favourite colour", "Country of residence", "Skills"]
    assert mapping_guess(headers) == {"0": "name", "1": "email", "3": "country", "4": "skills"}


def test_mapping_guess_maps_each_field_once() -> None:
    assert mapping_guess(["Correo", "Email"]) == {"0": "email"}


@pytest.mark.django_db
def test_a_good_row_becomes_clean_data() -> None:
    refs = References.load()
    data, errors = row_clean(person(1, orcid="0000-0002-1825-0097"), mapping_guess(HEADERS), refs)
    assert errors == []
    assert data["email"] == "importada1@example.org"
    assert data["orcid"] == "0000-0002-1825-0097"
    assert data["country"] == "US"
    assert data["languages"] == [("en", "fluent"), ("es", "native")]
    assert data["skills"] == ["Python", "análisis de datos"]
    assert len(data["fields"]) == 2
    assert data["origin_state"] is not None


@pytest.mark.django_db
def test_each_bad_cell_of_a_row_gets_its_own_error() -> None:
    refs = References.load()
    row = person(
        1,
        name="",
        email="correo@",
        orcid="0000-0002-1825-0098",
        country="Atlántida",
        state="Narnia",
        fields="Alquimia",
        languages="klingon",
    )
    _data, errors = row_clean(row, mapping_guess(HEADERS), refs)
    assert errors == [
        "Falta el nombre.",
        "Correo electrónico inválido: «correo@».",
        "ORCID iD inválido: «0000-0002-1825-0098».",
        "País desconocido: «Atlántida».",
        "Estado desconocido: «Narnia».",
        "Campo de conocimiento desconocido: «Alquimia».",
        "Idioma desconocido: «klingon».",
    ]
