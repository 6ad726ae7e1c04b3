"""Chapters' events become webhooks: `event.published` and `chapter.member_joined`, with no
personal data, members-only ones only to verified institutions."""

import pytest

from chapters import services as chapter_services
from partners.services import webhook_subscription_create
from tests.factories.chapters import ChapterFactory, EventFactory
from tests.factories.profiles import ExpertProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscribed(institution, institution_admin, receiver, allow_loopback, eager_tasks):
    return webhook_subscription_create(
        by=institution_admin,
        institution=institution,
        url=receiver.url,
        events=["event.published", "chapter.member_joined"],
    )


def test_publishing_an_event_sends_event_published_without_the_online_link(
    subscribed, receiver, chapter, coordinator, django_capture_on_commit_callbacks
):
    event = EventFactory(chapter=chapter, status="draft", title_es="Reunión anual")

    with django_capture_on_commit_callbacks(execute=True):
        chapter_services.event_publish(event=event, by=coordinator)

    (request,) = receiver.requests
    assert request.headers["Puentes-Event"] == "event.published"
    data = request.json["data"]
    assert (data["event"]["id"], data["event"]["title_es"], data["chapter"]["slug"]) == (
        event.pk,
        "Reunión anual",
        chapter.slug,
    )
    assert event.online_url not in request.body.decode()


def test_joining_a_chapter_sends_member_joined_with_a_count_and_no_person(
    subscribed, receiver, django_capture_on_commit_callbacks
):
    chapter = ChapterFactory(join_policy="open")
    person = ExpertProfileFactory(user__name="Julia Reservada", user__email="julia@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        chapter_services.chapter_join(chapter=chapter, user=person.user)

    (request,) = receiver.requests
    assert request.headers["Puentes-Event"] == "chapter.member_joined"
    assert request.json["data"]["member_count"] == 1
    body = request.body.decode()
    assert "Julia" not in body
    assert "julia@example.org" not in body
