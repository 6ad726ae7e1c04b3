"""Notices about a chapter or an event name it in the reader's language: the chapter's and the
event's English names for English readers, the Spanish ones for Spanish readers."""

import pytest

from chapters.models import Chapter
from notifications.emails import render_title
from notifications.models import Notification
from notifications.services.kinds import chapters as chapter_kinds
from tests.factories.chapters import EventFactory, MembershipFactory, RegistrationFactory
from tests.factories.profiles import UserFactory

pytestmark = pytest.mark.django_db


def _title(notice: Notification, language: str) -> str:
    return render_title(kind=notice.kind, payload=notice.payload, language=language)


def test_a_chapter_notice_names_the_chapter_in_the_readers_language(chapter: Chapter) -> None:
    membership = MembershipFactory(chapter=chapter, user=UserFactory())
    chapter_kinds.chapter_request_answered(membership_id=membership.pk, approved=True)
    notice = Notification.objects.get(kind="chapter_request_answered")

    assert "Houston Chapter" in _title(notice, "en")
    assert "Capítulo Houston" in _title(notice, "es")


def test_an_event_notice_names_the_event_in_the_readers_language(chapter: Chapter) -> None:
    event = EventFactory(chapter=chapter, title_es="Cena anual", title_en="Annual dinner")
    registration = RegistrationFactory(event=event)
    chapter_kinds.event_seat_promoted(registration_id=registration.pk)
    notice = Notification.objects.get(kind="event_seat_promoted")

    assert "Annual dinner" in _title(notice, "en")
    assert "Cena anual" in _title(notice, "es")
