"""Project search like the directory's (issue 12 item 10): both languages through the skills'
names and synonyms, accents ignored, queries cut and stripped of symbols, empty results said."""

import pytest
from django.urls import reverse

from tests.factories.projects import PublishedProjectFactory

pytestmark = pytest.mark.django_db

LIST = reverse("projects:list")
NO_MATCH = "Ningún proyecto publicado coincide con tu búsqueda"


@pytest.fixture
def avocado(db):
    return PublishedProjectFactory(
        title="Co-director de tesis sobre cadenas de suministro de aguacate",
        skill_slugs=["avocado-production"],
    )


@pytest.fixture
def logistics(db):
    return PublishedProjectFactory(
        title="Asesoría en logística portuaria", skill_slugs=["logistics"]
    )


def titles(response) -> list[str]:
    assert response.status_code == 200
    return [project.title for project in response.context["projects"]]


def test_an_english_word_finds_the_spanish_project_through_its_skills(
    anonymous, avocado, logistics
):
    assert titles(anonymous.get(LIST, {"q": "avocado"})) == [avocado.title]
    assert titles(anonymous.get(LIST, {"q": "aguacate"})) == [avocado.title]


def test_accents_and_capitals_do_not_matter(anonymous, avocado, logistics):
    assert titles(anonymous.get(LIST, {"q": "LOGISTICA"})) == [logistics.title]
    assert titles(anonymous.get(LIST, {"q": "logística portuaria"})) == [logistics.title]


def test_every_word_must_match(anonymous, avocado, logistics):
    assert titles(anonymous.get(LIST, {"q": "aguacate portuaria"})) == []


def test_a_query_of_only_symbols_finds_nothing_and_says_so(anonymous, avocado, logistics):
    response = anonymous.get(LIST, {"q": "🥑🥑 ¡¿?! ***"})

    assert titles(response) == []
    assert NO_MATCH in response.content.decode()


def test_a_very_long_query_is_cut_not_ignored(anonymous, avocado, logistics):
    response = anonymous.get(LIST, {"q": "aguacate " + "x" * 3000})

    assert titles(response) == []
    assert not response.context["form"].errors
    assert NO_MATCH in response.content.decode()


def test_the_directory_cuts_long_queries_and_ignores_symbols(client, expert_owner):
    client.force_login(expert_owner)
    directory = reverse("profiles:directory")

    symbols = client.get(directory, {"q": "🥑🥑 ***"})
    long = client.get(directory, {"q": "x" * 3000})

    assert len(symbols.context["page_obj"].object_list) == 0
    assert len(long.context["page_obj"].object_list) == 0
    assert not long.context["form"].errors
    assert "Nadie coincide con esa búsqueda" in symbols.content.decode()
