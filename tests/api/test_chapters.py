"""Partner API: chapters and events (scope `chapters:read`), and vetted mode in the expert
list. Keys see what the public sees; keys of a verified institution also members-only ones."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from profiles.models import State
from tests.api.conftest import client_with
from tests.factories.chapters import ChapterFactory, EventFactory, RegistrationFactory
from tests.factories.profiles import ExpertProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(make_key):
    return client_with(make_key(["chapters:read"])[1])


@pytest.fixture
def public_reader(make_key):
    return client_with(make_key(["chapters:read"], partner_name="Registro nacional")[1])


def test_a_key_without_the_chapters_scope_is_refused(make_key):
    client = client_with(make_key(["projects:read"])[1])

    assert client.get("/api/v1/chapters/").status_code == 403
    assert client.get("/api/v1/events/").status_code == 403
    assert client_with(None).get("/api/v1/chapters/").status_code in (401, 403)


def test_chapter_shows_member_count_and_no_members(reader, chapter, chapter_member, coordinator):
    response = reader.get(f"/api/v1/chapters/{chapter.pk}/")

    assert response.status_code == 200
    assert response.json() == {
        "id": chapter.pk,
        "slug": "houston",
        "kind": "abroad",
        "name_es": "Capítulo Houston",
        "name_en": "Houston Chapter",
        "description_es": chapter.description_es,
        "description_en": "",
        "country": "US",
        "city": "Houston",
        "state": None,
        "region": None,
        "status": "active",
        "founded_on": None,
        "visibility": "public",
        "join_policy": "approval",
        "member_count": 2,
        "web_url": f"https://puentes.example.org/capitulos/{chapter.slug}/",
    }


def test_members_only_chapters_and_events_are_for_verified_institutions(reader, public_reader):
    hidden = ChapterFactory(visibility="members")
    EventFactory(chapter=hidden)
    EventFactory(chapter=None, visibility="members")
    EventFactory(status="draft")
    shown = EventFactory()

    def ids(client, path):
        return sorted(row["id"] for row in client.get(path).json()["results"])

    assert hidden.pk in ids(reader, "/api/v1/chapters/")
    assert hidden.pk not in ids(public_reader, "/api/v1/chapters/")
    assert len(ids(reader, "/api/v1/events/")) == 3
    assert ids(public_reader, "/api/v1/events/") == [shown.pk]


def test_event_list_never_carries_attendees_or_the_online_link(reader):
    event = EventFactory(capacity=2)
    RegistrationFactory(event=event, user__name="Persona Inscrita")

    row = reader.get("/api/v1/events/").json()["results"][0]

    assert (row["registered_count"], row["is_online"]) == (1, True)
    body = str(row)
    assert event.online_url not in body
    assert "Persona Inscrita" not in body


def test_event_list_costs_the_same_queries_for_5_or_50_events(reader):
    def cost() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert reader.get("/api/v1/events/").status_code == 200
        return len(captured)

    EventFactory.create_batch(5)
    cost()  # the key's first use of the day is recorded once
    few = cost()
    EventFactory.create_batch(45)

    assert cost() == few


def test_vetted_network_keeps_unapproved_experts_out_of_the_api(settings, make_key):
    settings.NETWORK_MEMBERSHIP = "vetted"
    waiting = ExpertProfileFactory(approved_at=None, visibility="public")
    approved = ExpertProfileFactory(visibility="public")
    client = client_with(make_key(["experts:read"])[1])

    listed = [row["id"] for row in client.get("/api/v1/experts/").json()["results"]]

    assert approved.pk in listed
    assert waiting.pk not in listed
    assert client.get(f"/api/v1/experts/{waiting.pk}/").status_code == 404


def test_a_state_node_without_a_country_is_listed_with_an_empty_country(reader, chapter):
    node = ChapterFactory(
        kind="state_node", country="", city="", state=State.objects.get(code="14")
    )

    listed = reader.get("/api/v1/chapters/")
    one = reader.get(f"/api/v1/chapters/{node.pk}/")

    assert listed.status_code == 200
    assert {row["id"]: row["country"] for row in listed.json()["results"]} == {
        chapter.pk: "US",
        node.pk: "",
    }
    assert one.status_code == 200
    assert (one.json()["country"], one.json()["state"]["code"]) == ("", "14")
