"""An event that has ended keeps its registrations as they were: nobody cancels a seat any
more (which would hand it to the first person waiting, told of a seat freed at an event that is
over), and its page offers neither the cancel nor the register button."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from chapters import services
from chapters.models import EventRegistration
from notifications.models import Notification
from tests.factories.chapters import EventFactory, RegistrationFactory
from tests.factories.profiles import ExpertProfileFactory

pytestmark = pytest.mark.django_db


def test_a_seat_at_an_ended_event_cannot_be_cancelled_and_nobody_waiting_is_promoted(chapter):
    event = EventFactory(chapter=chapter, capacity=1)
    seat = RegistrationFactory(event=event)
    waiting = ExpertProfileFactory().user
    services.event_register(event=event, user=waiting)

    after = event.ends_at + datetime.timedelta(days=1)
    with time_machine.travel(after), pytest.raises(ValidationError) as refused:
        services.registration_cancel(registration=seat, by=seat.user)

    assert refused.value.messages == ["Este evento ya terminó."]
    states = dict(EventRegistration.objects.filter(event=event).values_list("user", "state"))
    assert states == {seat.user_id: "registered", waiting.pk: "waitlisted"}
    assert not Notification.objects.filter(kind="event_seat_promoted").exists()


def test_the_page_of_an_ended_event_offers_neither_cancelling_nor_registering(client, chapter):
    event = EventFactory(chapter=chapter)
    seat = RegistrationFactory(event=event)
    newcomer = ExpertProfileFactory().user
    url = reverse("chapters:event_detail", args=[event.pk])

    with time_machine.travel(event.ends_at + datetime.timedelta(hours=1)):
        client.force_login(seat.user)
        registered_page = client.get(url).content.decode()
        client.force_login(newcomer)
        newcomer_page = client.get(url).content.decode()

    assert 'data-testid="cancel"' not in registered_page
    assert 'data-testid="register"' not in newcomer_page
    assert "Este evento ya terminó." in newcomer_page
