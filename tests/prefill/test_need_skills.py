"""Skills and fields proposed from a need's text, for the project form's chips."""

import pytest
from django.test import Client
from django.urls import reverse

from profiles.models import FieldOfScience, Skill, User

URL = reverse("prefill:need_skills")
NEED = (
    "Buscamos una persona experta en hidrogeología para modelar el acuífero del valle, con "
    "manejo de sistemas de información geográfica. Deseable: programación en Python."
)


def _skill(slug: str) -> dict:
    skill = Skill.objects.get(slug=slug)
    return {"id": skill.pk, "label": skill.name_es}


@pytest.fixture
def liaison_client(client: Client, liaison: User) -> Client:
    client.force_login(liaison)
    return client


def test_liaison_gets_required_and_nice_skills_and_their_fields(liaison_client: Client) -> None:
    response = liaison_client.post(URL, {"text": NEED})
    assert response.status_code == 200
    data = response.json()
    assert data["required"] == [_skill("hydrology"), _skill("gis")]
    assert data["nice"] == [_skill("python")]
    expected_fields = [
        Skill.objects.get(slug=slug).field_id for slug in ("hydrology", "gis", "python")
    ]
    assert [f["id"] for f in data["fields"]] == list(dict.fromkeys(expected_fields))
    assert data["fields"][0]["label"] == str(FieldOfScience.objects.get(pk=expected_fields[0]))
    assert data["labels"]["nice"] == "deseable"


def test_english_text_is_read_too_and_labels_follow_the_language(liaison: User) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(liaison)
    text = "We need a data engineer for ETL pipelines. Nice to have: experience with Tableau."
    response = client.post(URL, {"text": text}, HTTP_ACCEPT_LANGUAGE="en")
    data = response.json()
    assert [s["id"] for s in data["required"]] == [_skill("data-engineering")["id"]]
    assert [s["id"] for s in data["nice"]] == [_skill("data-visualization")["id"]]


def test_text_without_skills_proposes_nothing(liaison_client: Client) -> None:
    data = liaison_client.post(URL, {"text": "Hola, buenos días a todas y todos."}).json()
    assert (data["required"], data["nice"], data["fields"]) == ([], [], [])


def test_too_long_text_is_refused_with_a_field_error(liaison_client: Client, settings) -> None:
    response = liaison_client.post(URL, {"text": "agua " * 2000})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["text"]


def test_calls_beyond_the_rate_are_refused(liaison_client: Client, settings) -> None:
    settings.PREFILL_NEED_RATE = "2/minute"
    statuses = [liaison_client.post(URL, {"text": NEED}).status_code for _call in range(3)]
    assert statuses == [200, 200, 429]


def test_anonymous_visitor_is_refused(anonymous: Client) -> None:
    assert anonymous.post(URL, {"text": NEED}).status_code == 403


def test_expert_without_an_institution_is_refused(client: Client, expert_owner: User) -> None:
    client.force_login(expert_owner)
    assert client.post(URL, {"text": NEED}).status_code == 403


def test_only_post_is_allowed(liaison_client: Client) -> None:
    assert liaison_client.get(URL).status_code == 405


def test_csrf_is_required(liaison: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(liaison)
    assert client.post(URL, {"text": NEED}).status_code == 403


def test_project_form_loads_the_chips_script_without_inline_code(liaison_client: Client) -> None:
    page = liaison_client.get(reverse("projects:create")).content.decode()
    assert f'data-skills-from-text="{URL}"' in page
    assert "js/need-skills.js" in page
    assert 'name="required_skills"' in page  # the form itself is unchanged
