import factory
from django.utils import timezone

from conversations.models import AbuseReport, Message, Thread
from tests.factories.projects import EngagementFactory


class ThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thread

    engagement = factory.SubFactory(EngagementFactory)


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SelfAttribute("thread.engagement.expert.user")
    body = factory.Sequence(lambda n: f"Mensaje número {n}")
    created_at = factory.LazyFunction(timezone.now)


class AbuseReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AbuseReport

    thread = factory.SubFactory(ThreadFactory)
    reported_by = factory.SelfAttribute("thread.engagement.expert.user")
    reason = "Mensajes ofensivos"
