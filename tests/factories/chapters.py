"""Factories for chapters, memberships and events."""

import datetime

import factory
from django.utils import timezone as dj_timezone

from chapters.models import Chapter, ChapterMembership, Event, EventRegistration
from tests.factories.profiles import UserFactory


class ChapterFactory(factory.django.DjangoModelFactory):
    """An active public chapter abroad that admits members with a coordinator's approval."""

    class Meta:
        model = Chapter

    kind = "abroad"
    name_es = factory.Sequence(lambda n: f"Capítulo {n}")
    name_en = factory.Sequence(lambda n: f"Chapter {n}")
    description_es = "Personas mexicanas que viven y trabajan aquí."
    slug = factory.Sequence(lambda n: f"capitulo-{n}")
    country = "US"
    city = "Houston"
    join_policy = "approval"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChapterMembership

    chapter = factory.SubFactory(ChapterFactory)
    user = factory.SubFactory(UserFactory)
    role = "member"
    state = "active"
    joined_at = factory.LazyFunction(dj_timezone.now)


def _in_days(days: int) -> datetime.datetime:
    return dj_timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)


class EventFactory(factory.django.DjangoModelFactory):
    """A published public event of a chapter, a month away, two hours long, online."""

    class Meta:
        model = Event

    chapter = factory.SubFactory(ChapterFactory)
    kind = "meetup"
    title_es = factory.Sequence(lambda n: f"Encuentro {n}")
    title_en = factory.Sequence(lambda n: f"Meetup {n}")
    starts_at = factory.LazyFunction(lambda: _in_days(30))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + datetime.timedelta(hours=2))
    timezone = "America/Chicago"
    venue = "Centro Cultural"
    online_url = "https://meet.example.org/encuentro"
    status = "published"
    published_at = factory.LazyFunction(dj_timezone.now)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventRegistration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    state = "registered"
    queued_at = factory.LazyFunction(dj_timezone.now)
