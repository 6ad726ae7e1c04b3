"""The chapter directory, a chapter's page, the event list and an event's page are kept whole
for visitors who are not signed in (issue 20): every write that changes what they show, announced
or not (rows saved or deleted one by one), shows at the next request, and so does an event ending;
never for a signed-in reader."""

import datetime
import re
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chapters import services
from chapters.models import Chapter, Event
from tests.factories.chapters import (
    ChapterFactory,
    EventFactory,
    MembershipFactory,
    RegistrationFactory,
)
from tests.factories.profiles import UserFactory
from tests.factories.projects import PublishedProjectFactory

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("chapters:list")
EVENTS = reverse("chapters:event_list")


def fetch(url: str, client: Client | None = None, **headers: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = (client or Client()).get(url, **headers)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def page(url: str) -> str:
    return fetch(url)[1]


def tokens(html: str) -> set[str]:
    return set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)) | set(
        re.findall(r'"X-CSRFToken": "([^"]+)"', html)
    )


@pytest.fixture
def houston(chapter: Chapter) -> Chapter:
    return chapter


@pytest.fixture
def meetup(houston: Chapter) -> Event:
    return EventFactory(chapter=houston, title_es="Encuentro de otoño", capacity=30)


@pytest.fixture
def announced(django_capture_on_commit_callbacks: Any) -> Callable[[], Any]:
    """Runs the commit hooks of the service calls inside (the test's transaction never commits):
    the domain events' data versions are bumped as in production."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def urls(houston: Chapter, meetup: Event) -> list[str]:
    detail = reverse("chapters:detail", args=[houston.slug])
    return [DIRECTORY, detail, EVENTS, reverse("chapters:event_detail", args=[meetup.pk])]


def test_the_next_visitor_gets_each_page_without_a_query_with_their_own_token(houston, meetup):
    for i in range(6):  # more rows than one: the cached hit still runs no query
        MembershipFactory(chapter=ChapterFactory(slug=f"otro-{i}"))
        EventFactory(chapter=houston)
    for url in urls(houston, meetup):
        first, html = fetch(url)
        again, html_again = fetch(url)

        assert "Houston" in html_again
        assert again == 0 < first  # the page and its data versions: one cache round trip
        assert tokens(html_again)
        assert tokens(html).isdisjoint(tokens(html_again))


def test_a_chapter_renamed_without_a_service_shows_on_every_page_at_once(houston, meetup):
    for url in urls(houston, meetup):
        page(url)

    houston.name_es = "Capítulo Gran Houston"
    houston.save()

    for url in urls(houston, meetup):
        assert "Capítulo Gran Houston" in page(url), url


def test_members_and_registrations_written_without_a_service_show_at_once(houston, meetup):
    detail = reverse("chapters:detail", args=[houston.slug])
    event_url = reverse("chapters:event_detail", args=[meetup.pk])
    assert "0 miembros" in page(DIRECTORY)
    assert "0 de 30 lugares" in page(event_url)

    member = MembershipFactory(chapter=houston)  # an admin's edit, say: no domain event
    RegistrationFactory(event=meetup)

    assert "1 miembro<" in page(DIRECTORY)
    assert "1 miembro<" in page(detail)
    for url in (EVENTS, detail, event_url):
        assert "1 de 30 lugares" in page(url), url

    member.delete()

    assert "0 miembros" in page(DIRECTORY)


def test_members_joining_leaving_and_coordinating_show_at_once(houston, staff, announced):
    houston.join_policy = "open"
    houston.save()
    detail = reverse("chapters:detail", args=[houston.slug])
    person = UserFactory(name="Nadia Nueva")
    assert "0 miembros" in page(DIRECTORY)
    assert "0 miembros" in page(detail)

    with announced():
        membership = services.chapter_join(chapter=houston, user=person)
    assert "1 miembro<" in page(DIRECTORY)
    assert "1 miembro<" in page(detail)

    with announced():
        services.membership_set_role(membership=membership, role="coordinator", by=staff)
    assert "Nadia Nueva" in page(detail)

    with announced():
        services.membership_leave(membership=membership, by=person)
    assert "0 miembros" in page(DIRECTORY)
    detail_html = page(detail)
    assert "0 miembros" in detail_html
    assert "Nadia Nueva" not in detail_html


def test_an_event_published_edited_or_filling_up_shows_at_once(
    houston, meetup, coordinator, announced
):
    detail = reverse("chapters:detail", args=[houston.slug])
    event_url = reverse("chapters:event_detail", args=[meetup.pk])
    draft = EventFactory(chapter=houston, title_es="Taller de invierno", status="draft")
    for url in (EVENTS, detail, event_url):
        assert "Taller de invierno" not in page(url)
        assert "0 de 30 lugares" in page(url)

    with announced():
        services.event_publish(event=draft, by=coordinator)
    with announced():
        registration = services.event_register(event=meetup, user=UserFactory())
    for url in (EVENTS, detail):
        assert "Taller de invierno" in page(url)
    for url in (EVENTS, detail, event_url):
        assert "1 de 30 lugares" in page(url)

    with announced():
        services.registration_cancel(registration=registration, by=registration.user)
    meetup.title_es = "Encuentro de primavera"
    meetup.save()
    for url in (EVENTS, detail, event_url):
        html = page(url)
        assert "0 de 30 lugares" in html
        assert "Encuentro de primavera" in html


def test_an_event_that_ends_leaves_the_kept_lists(houston, meetup):
    detail = reverse("chapters:detail", args=[houston.slug])
    later = EventFactory(chapter=houston, title_es="Encuentro de invierno")
    later.starts_at = meetup.starts_at + datetime.timedelta(days=5)
    later.ends_at = later.starts_at + datetime.timedelta(hours=2)
    later.save()
    for url in (EVENTS, detail):
        assert "Encuentro de otoño" in page(url)

    with time_machine.travel(meetup.ends_at + datetime.timedelta(minutes=1)):
        for url in (EVENTS, detail):
            html = page(url)
            assert "Encuentro de otoño" not in html
            assert "Encuentro de invierno" in html


def test_a_need_shared_with_the_chapter_shows_on_its_page_at_once(houston, coordinator, announced):
    detail = reverse("chapters:detail", args=[houston.slug])
    project = PublishedProjectFactory(title="Riego por goteo")
    assert "Riego por goteo" not in page(detail)

    with announced():
        services.project_share(chapter=houston, project=project, by=coordinator)

    assert "Riego por goteo" in page(detail)


def test_a_signed_in_reader_never_gets_the_anonymous_copy(houston, meetup, chapter_member):
    reader = Client()
    reader.force_login(chapter_member)
    for url in urls(houston, meetup):
        page(url)
        page(url)

        assert 'data-testid="logout"' in fetch(url, reader)[1]
    assert 'data-testid="membership-state"' in fetch(urls(houston, meetup)[1], reader)[1]
    assert 'data-testid="register"' in fetch(urls(houston, meetup)[3], reader)[1]


def test_another_language_gets_its_own_copy(houston, meetup):
    detail = reverse("chapters:detail", args=[houston.slug])
    for url in (DIRECTORY, detail):
        fetch(url, HTTP_ACCEPT_LANGUAGE="es")

        english = fetch(url, HTTP_ACCEPT_LANGUAGE="en")[1]
        spanish = fetch(url, HTTP_ACCEPT_LANGUAGE="es")[1]

        assert "Houston Chapter" in english
        assert "Houston Chapter" not in spanish
        assert "Capítulo Houston" in spanish
