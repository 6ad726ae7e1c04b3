"""'Chapters for you' does not suggest a chapter whose coordinators removed the person: joining
it again is refused ('La coordinación te retiró de este capítulo')."""

import pytest

from chapters.selectors.chapters import chapter_list_suggested
from tests.factories.chapters import ChapterFactory, MembershipFactory
from tests.factories.profiles import ExpertProfileFactory

pytestmark = pytest.mark.django_db


def test_a_chapter_that_removed_the_person_is_not_suggested_to_them():
    profile = ExpertProfileFactory(country="US", city="Houston")
    houston = ChapterFactory(name_es="Houston", country="US", city="Houston")
    dallas = ChapterFactory(name_es="Dallas", country="US", city="Dallas")
    MembershipFactory(chapter=houston, user=profile.user, state="removed")

    assert chapter_list_suggested(user=profile.user) == [dallas]
