"""Demo chapters (chapters.demo.seed_chapters): the issue's shape, once."""

import pytest

from chapters.demo import seed_chapters
from chapters.models import Chapter, ChapterMembership, Event
from tests.factories.profiles import ExpertProfileFactory

pytestmark = pytest.mark.django_db


def test_seed_creates_regions_chapters_nodes_and_a_full_annual_meeting_once():
    # A few experts stand in for the demo's (seed_experts is slow and tested on its own).
    ExpertProfileFactory.create_batch(6, country="US", city="Houston")
    ExpertProfileFactory.create_batch(6, country="ES", city="Madrid")

    seed_chapters()
    counts = {
        kind: Chapter.objects.filter(kind=kind).count()
        for kind in ("regional", "abroad", "state_node")
    }
    memberships = ChapterMembership.objects.count()
    seed_chapters()

    assert counts == {"regional": 2, "abroad": 8, "state_node": 9}
    assert ChapterMembership.objects.count() == memberships > 0
    assert ChapterMembership.objects.filter(role="coordinator").exists()
    assert Event.objects.count() == 6
    meeting = Event.objects.with_counts().get(kind="annual_meeting")
    assert (meeting.registered_count, meeting.waitlisted_count) == (meeting.capacity, 3)
