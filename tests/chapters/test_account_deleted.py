"""A deleted account leaves its chapters and gives up its event seats (the next person waiting
gets the seat): no nameless member on the rosters, no seat held by nobody."""

import pytest

from chapters.models import Chapter, ChapterMembership, EventRegistration
from profiles.models import User
from profiles.services.account import account_delete
from tests.factories.chapters import EventFactory, RegistrationFactory
from tests.factories.profiles import UserFactory

pytestmark = pytest.mark.django_db


def test_a_deleted_account_leaves_its_chapters_and_frees_its_seats(
    chapter: Chapter, chapter_member: User
) -> None:
    event = EventFactory(chapter=chapter, capacity=1)
    seat = RegistrationFactory(event=event, user=chapter_member)
    waiting = RegistrationFactory(event=event, user=UserFactory(), state="waitlisted")

    account_delete(user=chapter_member)

    membership = ChapterMembership.objects.get(chapter=chapter, user=chapter_member)
    assert membership.state == "left"
    states = dict(EventRegistration.objects.values_list("pk", "state"))
    assert (states[seat.pk], states[waiting.pk]) == ("cancelled", "registered")
