"""Import from ORCID: read the public record, propose, write only what the person ticks."""

import pytest
from django.test import Client
from django.urls import reverse

from matching.documents import expert_passages
from profiles.models import ExpertProfile, User
from tests.prefill.conftest import SLOW_ORCID

HYDROLOGIST = "0000-0002-1825-0097"


@pytest.fixture
def owner_client(client: Client, expert_owner: User) -> Client:
    client.force_login(expert_owner)
    return client


def _read(client: Client, orcid: str) -> object:
    return client.post(reverse("prefill:orcid"), {"orcid": orcid})


def test_profile_page_offers_the_orcid_import(owner_client: Client, expert: ExpertProfile) -> None:
    response = owner_client.get(reverse("profiles:me"))
    assert reverse("prefill:orcid") in response.content.decode()


def test_reading_a_record_asks_the_v3_api_for_json_and_shows_proposals_without_writing(
    owner_client: Client, expert: ExpertProfile, orcid_api: list
) -> None:
    response = _read(owner_client, f"https://orcid.org/{HYDROLOGIST}")
    assert response.status_code == 302
    assert response["Location"] == reverse("prefill:review", args=["orcid"])
    assert orcid_api == [
        (f"/v3.0/{HYDROLOGIST}/record", "application/vnd.orcid+json"),
        (f"/v3.0/{HYDROLOGIST}/works/41001,41002,41003", "application/vnd.orcid+json"),
    ]
    page = owner_client.get(response["Location"]).content.decode()
    assert "Mariana López Hernández" in page
    assert "Groundwater depletion under urban growth" in page
    expert.refresh_from_db()
    assert expert.user.name == "María Experta"
    assert expert.orcid == ""
    assert not expert.portfolio.exists()


def test_confirming_writes_only_the_ticked_items_and_matching_reads_the_works(
    owner_client: Client, expert: ExpertProfile, orcid_api: list
) -> None:
    _read(owner_client, HYDROLOGIST)
    # 0 orcid, 1 name, 2 current position, 3 past position, 4-5 education, 6-8 works
    response = owner_client.post(
        reverse("prefill:review", args=["orcid"]), {"accepted": ["0", "2", "3", "4", "6", "7"]}
    )
    assert response.status_code == 302
    expert = ExpertProfile.objects.get(pk=expert.pk)
    assert expert.orcid == HYDROLOGIST
    assert expert.user.name == "María Experta"  # the name was not ticked
    assert (expert.current_position, expert.employer) == (
        "Associate Professor",
        "University of Waterloo",
    )
    assert list(expert.education.values_list("degree", "institution", "year")) == [
        ("doctorate", "University of Waterloo", 2015)
    ]
    assert sorted(expert.portfolio.values_list("kind", "title", "year")) == [
        ("other", "Ingeniera de proyectos — Comisión Nacional del Agua", 2008),
        ("publication", "Groundwater depletion under urban growth", 2019),
        ("publication", "Modelación de la recarga de acuíferos en el Valle de México", 2021),
    ]
    assert expert.changed_at is not None
    passages = [text for _kind, text in expert_passages(expert)]
    assert any("We quantify groundwater storage loss" in text for text in passages)
    assert any("Modelling aquifer recharge in the Valley of Mexico" in text for text in passages)
    # The proposals are used up: the review page is gone.
    assert owner_client.get(reverse("prefill:review", args=["orcid"])).status_code == 302


def test_importing_twice_does_not_repeat_rows(
    owner_client: Client, expert: ExpertProfile, orcid_api: list
) -> None:
    for _attempt in range(2):
        _read(owner_client, HYDROLOGIST)
        owner_client.post(reverse("prefill:review", args=["orcid"]), {"accepted": ["4", "6"]})
    assert expert.education.count() == 1
    assert expert.portfolio.count() == 1


def test_accepting_nothing_writes_nothing(
    owner_client: Client, expert: ExpertProfile, orcid_api: list
) -> None:
    _read(owner_client, HYDROLOGIST)
    response = owner_client.post(reverse("prefill:review", args=["orcid"]), {})
    assert response.status_code == 302
    expert.refresh_from_db()
    assert expert.changed_at is None
    assert not expert.portfolio.exists()


def test_unknown_orcid_id_gets_a_clear_message(
    owner_client: Client, expert: ExpertProfile, orcid_api: list
) -> None:
    response = _read(owner_client, "0000-0003-0000-0003")  # valid checksum, no record
    assert response.status_code == 400
    assert "ORCID no tiene un registro público con ese iD" in response.content.decode()


def test_malformed_orcid_id_is_refused_without_asking_orcid(
    owner_client: Client, expert: ExpertProfile, orcid_api: list
) -> None:
    response = _read(owner_client, "0000-0002-1825-0098")
    assert response.status_code == 400
    assert "dígito verificador" in response.content.decode()
    assert orcid_api == []


def test_orcid_that_does_not_answer_in_time_gets_a_clear_message(
    owner_client: Client, expert: ExpertProfile, orcid_api: list
) -> None:
    response = _read(owner_client, SLOW_ORCID)
    assert response.status_code == 400
    assert "ORCID no respondió a tiempo" in response.content.decode()


def test_unreachable_orcid_gets_a_clear_message(
    owner_client: Client, expert: ExpertProfile, settings
) -> None:
    settings.PREFILL_ORCID_API_URL = "http://127.0.0.1:9/v3.0"
    response = _read(owner_client, HYDROLOGIST)
    assert response.status_code == 400
    assert "No pudimos conectar con ORCID" in response.content.decode()


def test_anonymous_visitor_is_sent_to_sign_in(anonymous: Client) -> None:
    response = anonymous.get(reverse("prefill:orcid"))
    assert response.status_code == 302
    assert "/login" in response["Location"] or "entrar" in response["Location"]


def test_review_of_an_unknown_source_is_not_found(
    owner_client: Client, expert: ExpertProfile
) -> None:
    assert owner_client.get(reverse("prefill:review", args=["linkedin"])).status_code == 404


def test_proposals_belong_to_the_session_that_read_them(
    owner_client: Client, expert: ExpertProfile, other_expert: ExpertProfile, orcid_api: list
) -> None:
    _read(owner_client, HYDROLOGIST)
    other = Client()
    other.force_login(other_expert.user)
    response = other.post(reverse("prefill:review", args=["orcid"]), {"accepted": ["1"]})
    assert response.status_code == 302
    other_expert.refresh_from_db()
    assert other_expert.user.name == "Pedro Otro"
