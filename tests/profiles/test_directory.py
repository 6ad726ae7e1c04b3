"""The expert directory: who may use it, full-text search, filters, pagination, query budget."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from profiles.models import FieldOfScience, State
from profiles.services.experts import profile_reindex
from tests.factories.profiles import (
    ExpertProfileFactory,
    InstitutionFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("profiles:directory")


def indexed(**kwargs):
    fields = kwargs.pop("field_codes", [])
    profile = ExpertProfileFactory(**kwargs)
    if fields:
        profile.fields.set(FieldOfScience.objects.filter(code__in=fields))
    profile_reindex(profile=profile)
    return profile


def names_in(response) -> list[str]:
    assert response.status_code == 200
    html = response.content.decode()
    return re.findall(r'data-testid="expert-card">\s*<h2><a href="[^"]+">([^<]+)</a>', html)


@pytest.fixture
def member(client):
    profile = indexed(user__name="Zoe Miembro", headline="Miembro que busca")
    client.force_login(profile.user)
    return profile.user


def search(client, **params) -> list[str]:
    return names_in(client.get(DIRECTORY, params))


# --- Access -------------------------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_log_in(anonymous):
    response = anonymous.get(DIRECTORY)

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_newcomer_gets_a_page_explaining_how_to_get_access(client):
    client.force_login(UserFactory())

    response = client.get(DIRECTORY)

    assert response.status_code == 403
    html = response.content.decode()
    assert "El directorio es solo para miembros" in html
    assert "Crear mi perfil de experto" in html
    assert reverse("profiles:me") in html


def test_expert_with_unfinished_onboarding_is_invited_to_finish_it(client):
    profile = ExpertProfileFactory(onboarded_at=None, onboarding_step=2)
    client.force_login(profile.user)

    response = client.get(DIRECTORY)

    assert response.status_code == 403
    assert "Terminar mi registro" in response.content.decode()


def test_member_of_a_pending_institution_has_no_access(client):
    institution = InstitutionFactory(verification_status="pending", verified_at=None)
    client.force_login(MembershipFactory(institution=institution).user)

    assert client.get(DIRECTORY).status_code == 403


@pytest.mark.parametrize("persona", ["expert_owner", "liaison", "staff"])
def test_network_members_may_use_the_directory(client, request, persona):
    indexed(user__name="Ana Visible")
    client.force_login(request.getfixturevalue(persona))

    assert "Ana Visible" in search(client)


# --- What is listed ----------------------------------------------------------------------------


def test_hidden_unfinished_and_deactivated_profiles_are_never_listed(client, member):
    indexed(user__name="Hugo Oculto", visibility="hidden")
    indexed(user__name="Iris Incompleta", onboarded_at=None)
    gone = indexed(user__name="Dora Desactivada")
    gone.user.is_active = False
    gone.user.save()
    indexed(user__name="Pablo Publico", visibility="public")

    names = search(client)

    assert names == ["Pablo Publico", "Zoe Miembro"]


def test_my_own_hidden_profile_is_not_listed_either(client):
    me = indexed(user__name="Yo Oculta", visibility="hidden")
    client.force_login(me.user)

    assert search(client) == []


def test_directory_never_shows_contact_data(client, member):
    profile = indexed(
        user__name="Carla Contacto",
        linkedin_url="https://www.linkedin.com/in/carla-contacto",
        website_url="https://carla.example.net",
    )

    response = client.get(DIRECTORY, {"q": "carla"})

    html = response.content.decode()
    assert "Carla Contacto" in html
    assert profile.user.email not in html
    assert "linkedin.com/in/carla-contacto" not in html
    assert "carla.example.net" not in html


def test_results_link_to_the_profile_page(client, member):
    profile = indexed(user__name="Lina Enlace")

    html = client.get(DIRECTORY, {"q": "lina"}).content.decode()

    assert reverse("profiles:expert_detail", args=[profile.pk]) in html


def test_empty_result_explains_what_to_try(client, member):
    response = client.get(DIRECTORY, {"q": "paleontologia marciana"})

    html = response.content.decode()
    assert "Nadie coincide con esa búsqueda" in html
    assert "0 expertos encontrados" in html


# --- Full-text search --------------------------------------------------------------------------


def test_search_without_accents_finds_accented_words(client, member):
    indexed(user__name="Ingrid Materiales", headline="Ingeniería de materiales en Múnich")
    indexed(user__name="Otto Otro", headline="Historiador del arte", bio="Archivos y museos.")

    assert search(client, q="ingenieria") == ["Ingrid Materiales"]
    assert search(client, q="INGENIERÍA munich") == ["Ingrid Materiales"]


def test_an_english_synonym_of_a_spanish_skill_finds_the_profile(client, member):
    indexed(
        user__name="Rosa Aguacatera",
        headline="Productora en Uruapan",
        bio="Trabajo con huertas familiares.",
        skill_slugs=["avocado-production"],
    )
    indexed(user__name="Otto Otro", headline="Historiador", bio="Archivos y museos.")

    assert search(client, q="avocado farming") == ["Rosa Aguacatera"]
    assert search(client, q="aguacate hass") == ["Rosa Aguacatera"]


def test_skill_names_in_english_find_spanish_profiles(client, member):
    indexed(user__name="Mario Datos", headline="Científico", skill_slugs=["machine-learning"])

    assert search(client, q="machine learning") == ["Mario Datos"]
    assert search(client, q="aprendizaje automatico") == ["Mario Datos"]


def test_field_names_position_employer_and_portfolio_titles_are_searched(client, member):
    profile = indexed(
        user__name="Fabiola Campos",
        headline="",
        bio="",
        current_position="Jefa de laboratorio",
        employer="Instituto Karolinska",
        field_codes=["3.4"],
    )
    profile.portfolio.create(kind="publication", title="Biobancos latinoamericanos", year=2020)
    profile_reindex(profile=profile)

    assert search(client, q="karolinska") == ["Fabiola Campos"]
    assert search(client, q="laboratorio") == ["Fabiola Campos"]
    assert search(client, q="medical biotechnology") == ["Fabiola Campos"]
    assert search(client, q="biobancos") == ["Fabiola Campos"]


def test_words_are_matched_as_prefixes(client, member):
    indexed(user__name="Tere Telecom", headline="Telecomunicaciones satelitales")

    assert search(client, q="telecom") == ["Tere Telecom"]


def test_a_typo_in_a_name_still_finds_the_person(client, member):
    indexed(user__name="Guadalupe Hernández Zamudio", headline="Química")

    assert search(client, q="guadalupe hernandes") == ["Guadalupe Hernández Zamudio"]


def test_better_matches_rank_first(client, member):
    indexed(user__name="Beto Bio", headline="Microbiología", bio="Algo de riego también.")
    indexed(user__name="Ramiro Riego", headline="Riego tecnificado", skill_slugs=["irrigation"])

    assert search(client, q="riego") == ["Ramiro Riego", "Beto Bio"]


def test_search_symbols_do_not_break_the_page(client, member):
    for text in ["c++ & | ! :*", "'; drop table", "(((", "   "]:
        assert client.get(DIRECTORY, {"q": text}).status_code == 200


# --- Filters -----------------------------------------------------------------------------------


def test_field_filter_accepts_a_major_field_or_a_subfield(client, member):
    indexed(user__name="Ada Ambiental", field_codes=["2.7"])
    indexed(user__name="Beto Medico", field_codes=["3.2"])

    assert search(client, field="2") == ["Ada Ambiental"]
    assert search(client, field="2.7") == ["Ada Ambiental"]
    assert search(client, field="3.2") == ["Beto Medico"]


def test_skill_filter_includes_narrower_skills(client, member):
    indexed(user__name="Irma Riego", skill_slugs=["irrigation"])
    indexed(user__name="Ulises Urbano", skill_slugs=["urban-planning"])

    assert search(client, skill="water-management") == ["Irma Riego"]
    assert search(client, skill="irrigation") == ["Irma Riego"]


def test_country_origin_state_language_type_and_sector_filters(client, member):
    indexed(
        user__name="Cande Canada",
        country="CA",
        origin_state=State.objects.get(code="14"),
        languages={"es": "native", "fr": "fluent"},
        collaboration_types=["investment"],
        sector="private",
    )

    assert search(client, country="CA") == ["Cande Canada"]
    assert search(client, origin_state="14") == ["Cande Canada"]
    assert search(client, language="fr") == ["Cande Canada"]
    assert search(client, collaboration_type="investment") == ["Cande Canada"]
    assert search(client, sector="private") == ["Cande Canada"]
    assert search(client, country="CA", sector="academia") == []


def test_filters_combine_with_search(client, member):
    indexed(user__name="Elsa Espana", country="ES", skill_slugs=["machine-learning"])
    indexed(user__name="Uma Usa", country="US", skill_slugs=["machine-learning"])

    assert search(client, q="machine learning", country="ES") == ["Elsa Espana"]


def test_an_unknown_filter_value_is_reported_and_ignored(client, member):
    response = client.get(DIRECTORY, {"skill": "no-existe"})

    assert response.status_code == 200
    assert "Zoe Miembro" in names_in(response)
    assert "errorlist" in response.content.decode()


# --- Pagination and query budget ---------------------------------------------------------------


def test_results_are_paginated_by_twenty_in_name_order(client, member):
    for n in range(24):
        ExpertProfileFactory(user__name=f"Experto {n:02d}")

    first = search(client)
    second = search(client, page=2)

    assert len(first) == 20
    assert first[0] == "Experto 00"
    assert second == ["Experto 20", "Experto 21", "Experto 22", "Experto 23", "Zoe Miembro"]


def many_profiles(count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        profile = ExpertProfileFactory(
            user__name=f"Persona {n:03d}",
            user__password=None,  # no password hashing: 200 users stay fast
            headline="Ingeniería del agua",
            skill_slugs=["irrigation", "water-management", "machine-learning"],
        )
        profile.fields.set(FieldOfScience.objects.filter(code__in=["2.7", "4.1"]))
        profile_reindex(profile=profile)


QUERY_BUDGET = 14
BUDGET_CASES = [
    # query string, results shown with 5 profiles (+ the member), with 200
    ({}, 6, 20),
    ({"q": "ingenieria agua"}, 5, 20),
    ({"q": "riego", "field": "2", "language": "en", "sector": "academia", "page": "2"}, 5, 20),
]


def directory_queries(client, params: dict) -> tuple[int, int]:
    # Cold: the cards shared through the cache would spare a warm page the rows' queries.
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(DIRECTORY, params)
    return len(queries), len(names_in(response))


def test_directory_query_count_is_the_same_for_5_and_200_profiles(
    client, member, django_assert_max_num_queries
):
    many_profiles(5)
    counts = []
    for params, shown_with_5, _shown_with_200 in BUDGET_CASES:
        with django_assert_max_num_queries(QUERY_BUDGET):
            count, shown = directory_queries(client, params)
        assert shown == shown_with_5, params
        counts.append(count)

    many_profiles(195, start=5)

    for (params, _shown_with_5, shown_with_200), count_with_5 in zip(
        BUDGET_CASES, counts, strict=True
    ):
        with django_assert_max_num_queries(QUERY_BUDGET):
            count, shown = directory_queries(client, params)
        assert shown == shown_with_200, params
        assert count == count_with_5, params


def test_a_long_result_says_more_than_the_cap_and_asks_to_narrow_it(client, member, monkeypatch):
    monkeypatch.setattr("profiles.views.experts.DIRECTORY_COUNT_CAP", 3)
    monkeypatch.setattr("profiles.selectors.experts.SEARCH_CANDIDATES", 4)
    many_profiles(5)

    for params in ({}, {"q": "ingenieria"}):
        html = client.get(DIRECTORY, params).content.decode()

        assert "Más de 3 expertos encontrados" in html, params


def test_counting_a_search_reads_only_ids_without_ranking_every_match(client, member):
    many_profiles(5)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(DIRECTORY, {"q": "ingenieria"})

    assert response.status_code == 200
    counts = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT")]
    assert len(counts) == 1
    assert "ts_rank" not in counts[0]
    assert "word_similarity" not in counts[0].lower()
