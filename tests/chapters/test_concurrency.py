"""The last seat under concurrency: two real threads, two connections, one seat."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection

from chapters import events, services
from chapters.models import EventRegistration
from tests.factories.chapters import EventFactory, RegistrationFactory
from tests.factories.profiles import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _race(*calls: Callable[[], object]) -> list[str]:
    """Each call in its own thread (own connection and transaction), released together."""
    barrier = threading.Barrier(len(calls))
    results = [""] * len(calls)

    def run(index: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=10)
            call()
            results[index] = "ok"
        except Exception as error:
            results[index] = f"unexpected: {error!r}"
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_people_taking_the_last_seat_one_gets_it_and_the_other_waits():
    event = EventFactory(capacity=2)
    RegistrationFactory(event=event)
    first, second = UserFactory(), UserFactory()

    results = _race(
        lambda: services.event_register(event=event, user=first),
        lambda: services.event_register(event=event, user=second),
    )

    assert results == ["ok", "ok"]
    states = sorted(
        EventRegistration.objects.filter(user__in=[first, second]).values_list("state", flat=True)
    )
    assert states == ["registered", "waitlisted"]
    assert EventRegistration.objects.registered().filter(event=event).count() == 2


def test_two_cancellations_at_once_promote_each_waiting_person_exactly_once():
    event = EventFactory(capacity=2)
    seated = [RegistrationFactory(event=event), RegistrationFactory(event=event)]
    waiting = [
        services.event_register(event=event, user=UserFactory()),
        services.event_register(event=event, user=UserFactory()),
        services.event_register(event=event, user=UserFactory()),
    ]
    promoted: list[int] = []

    def heard(sender: object, registration_id: int, **kwargs: object) -> None:
        promoted.append(registration_id)

    events.registration_promoted.connect(heard, dispatch_uid="test-promoted")
    try:
        results = _race(
            lambda: services.registration_cancel(registration=seated[0], by=seated[0].user),
            lambda: services.registration_cancel(registration=seated[1], by=seated[1].user),
        )
    finally:
        events.registration_promoted.disconnect(dispatch_uid="test-promoted")

    assert results == ["ok", "ok"]
    assert sorted(promoted) == [waiting[0].pk, waiting[1].pk]
    states = [EventRegistration.objects.get(pk=r.pk).state for r in waiting]
    assert states == ["registered", "registered", "waitlisted"]
