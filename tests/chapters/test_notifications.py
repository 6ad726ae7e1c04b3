"""Chapters speak through the notifications outbox: announcements (preferences, unsubscribe,
rate limit), answers to requests, invitations, seats freed from the waiting list, reminders."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from chapters import events, services
from chapters.models import Announcement
from notifications.models import EmailDelivery, Notification
from notifications.services.preferences import unsubscribe
from notifications.unsubscribe import token_for_user
from tests.factories.chapters import EventFactory, MembershipFactory, RegistrationFactory
from tests.factories.profiles import ExpertProfileFactory, UserFactory
from tests.factories.projects import PublishedProjectFactory

pytestmark = pytest.mark.django_db


def _deliveries(kind: str) -> list[str]:
    return sorted(EmailDelivery.objects.filter(kind=kind).values_list("to_email", flat=True))


@override_settings(CHAPTERS_ANNOUNCEMENTS_PER_WEEK=2)
def test_announcement_reaches_members_through_the_outbox_once_and_obeys_unsubscribe(
    chapter, coordinator, chapter_member
):
    quiet = MembershipFactory(chapter=chapter, user=UserFactory(email="quiet@example.org")).user
    MembershipFactory(chapter=chapter, state="requested")  # not a member yet: not told
    unsubscribe(token=token_for_user(user_id=quiet.pk, topic="chapter_announcement"))

    announcement = services.announcement_send(
        chapter=chapter, subject="Cena de fin de año", body="Nos vemos el 12.", by=coordinator
    )
    events.announcement_sent.send(sender=Announcement, announcement_id=announcement.pk)

    notices = Notification.objects.filter(kind="chapter_announcement")
    assert sorted(n.recipient.email for n in notices) == sorted([chapter_member.email, quiet.email])
    assert _deliveries("chapter_announcement") == [chapter_member.email]
    assert notices.first().payload["subject"] == "Cena de fin de año"


@override_settings(CHAPTERS_ANNOUNCEMENTS_PER_WEEK=2)
def test_the_announcement_past_the_weekly_limit_is_refused_with_a_clear_message(
    chapter, coordinator, chapter_member
):
    with time_machine.travel("2027-01-01 10:00Z", tick=False):
        services.announcement_send(chapter=chapter, subject="Uno", body="1", by=coordinator)
    with time_machine.travel("2027-01-05 10:00Z", tick=False):
        services.announcement_send(chapter=chapter, subject="Dos", body="2", by=coordinator)
        with pytest.raises(ValidationError) as refused:
            services.announcement_send(chapter=chapter, subject="Tres", body="3", by=coordinator)
    with time_machine.travel("2027-01-08 11:00Z", tick=False):
        services.announcement_send(chapter=chapter, subject="Cuatro", body="4", by=coordinator)

    assert refused.value.messages == [
        "Este capítulo ya envió 2 anuncios en los últimos 7 días: es el máximo. "
        "Inténtalo más adelante."
    ]
    subjects = Notification.objects.filter(kind="chapter_announcement").order_by("pk")
    assert [n.payload["subject"] for n in subjects] == ["Uno", "Dos", "Cuatro"]


def test_a_freed_seat_promotes_the_first_waiting_person_who_is_notified(chapter):
    event = EventFactory(chapter=chapter, capacity=1, title_es="Reunión anual")
    seat = RegistrationFactory(event=event)
    first = ExpertProfileFactory(user__email="primera@example.org").user
    second = ExpertProfileFactory(user__email="segunda@example.org").user
    services.event_register(event=event, user=first)
    services.event_register(event=event, user=second)

    services.registration_cancel(registration=seat, by=seat.user)

    notice = Notification.objects.get(kind="event_seat_promoted")
    assert (notice.recipient, notice.payload["event_title"]) == (first, "Reunión anual")
    assert _deliveries("event_seat_promoted") == ["primera@example.org"]
    assert event.registrations.get(user=second).state == "waitlisted"


def test_approving_and_declining_requests_tell_the_person(chapter, coordinator):
    approved, declined = ExpertProfileFactory().user, ExpertProfileFactory().user
    services.membership_approve(
        membership=services.chapter_join(chapter=chapter, user=approved), by=coordinator
    )
    services.membership_decline(
        membership=services.chapter_join(chapter=chapter, user=declined),
        by=coordinator,
        reason="Solo para residentes de Houston",
    )

    answers = {
        n.recipient: n.payload for n in Notification.objects.filter(kind="chapter_request_answered")
    }
    assert answers[approved]["approved"] is True
    assert (answers[declined]["approved"], answers[declined]["reason"]) == (
        False,
        "Solo para residentes de Houston",
    )


def test_an_invitation_emails_the_signed_link_to_an_address_without_an_account(
    chapter, coordinator
):
    invitation = services.invitation_create(
        chapter=chapter, email="nueva@example.org", by=coordinator
    )

    delivery = EmailDelivery.objects.get(kind="chapter_invitation")
    assert delivery.to_email == "nueva@example.org"
    token = delivery.payload["url"].rstrip("/").rsplit("/", 1)[-1]
    assert services.invitation_from_token(token) == invitation


def test_registered_people_are_reminded_once_a_day_before():
    event = EventFactory(starts_at=timezone.now() + datetime.timedelta(hours=30))
    seated = RegistrationFactory(event=event).user
    RegistrationFactory(event=event, state="waitlisted")

    assert services.event_reminders_send() == 0
    later = timezone.now() + datetime.timedelta(hours=7)
    assert services.event_reminders_send(now=later) == 1
    assert services.event_reminders_send(now=later) == 0

    reminders = Notification.objects.filter(kind="event_reminder")
    assert [n.recipient for n in reminders] == [seated]


def test_a_shared_need_shows_on_the_chapter_page_and_its_members_are_told(
    chapter, coordinator, chapter_member, client
):
    project = PublishedProjectFactory(title="Cadena de frío del aguacate")
    client.force_login(coordinator)

    response = client.post(reverse("chapters:share", args=[chapter.slug]), {"project": project.pk})
    services.project_share(chapter=chapter, project=project, by=coordinator)  # twice: once

    assert response.status_code == 302
    page = client.get(reverse("chapters:detail", args=[chapter.slug])).content.decode()
    assert "Cadena de frío del aguacate" in page
    notices = Notification.objects.filter(kind="chapter_project_shared")
    assert [n.recipient for n in notices] == [chapter_member]
