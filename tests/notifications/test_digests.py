"""Daily and weekly digests, with time controlled by time-machine: one digest per person and
period holding every pending notice, at 8:00 in their own time zone, in their language, grouped
by kind; none when nothing happened; none for kinds set to "never"."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.utils import timezone

from notifications import services
from notifications.models import EmailDelivery, Notification
from tests.factories.profiles import ExpertProfileFactory, UserFactory
from tests.notifications.conftest import html_of, render

pytestmark = pytest.mark.django_db

MEXICO = zoneinfo.ZoneInfo("America/Mexico_City")
MADRID = zoneinfo.ZoneInfo("Europe/Madrid")
# A Monday.
MONDAY = datetime.date(2026, 3, 2)


def at(day: datetime.date, hour: int, minute: int = 0, zone=MEXICO) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=zone)


def notify(user, kind: str, title: str) -> Notification:
    notice = services.notification_create(
        recipient=user,
        kind=kind,
        key=f"{kind}:{title}",
        payload={
            "project_title": title,
            "institution_name": "ITM",
            "expert_name": "Rosa",
            "count": 2,
            "experts": [],
            "projects": [],
            "url": f"/proyectos/{abs(hash(title)) % 1000}/",
        },
    )
    assert notice is not None
    return notice


def run_every_quarter_hour(traveller, start: datetime.datetime, end: datetime.datetime) -> list:
    """Call the beat's digest job every 15 minutes from `start` to `end`; return what each run
    wrote as (local time of the run, delivery) pairs."""
    written = []
    moment = start
    while moment <= end:
        traveller.move_to(moment)
        before = set(EmailDelivery.objects.values_list("pk", flat=True))
        services.digests_send()
        for delivery in EmailDelivery.objects.exclude(pk__in=before):
            written.append((moment, delivery))
        moment += datetime.timedelta(minutes=15)
    return written


def test_a_day_of_notices_makes_one_daily_digest_at_eight_local_and_none_the_next_day():
    liaison = UserFactory.create(name="Lia Enlace", language="es")  # no expert profile: Mexico City
    quiet = UserFactory.create()
    refuses = UserFactory.create()
    services.preferences_update(user=refuses, frequencies={"suggested_experts": "never"})

    with time_machine.travel(at(MONDAY, 10), tick=False) as traveller:
        first = notify(liaison, "suggested_experts", "Laboratorio de agua")
        traveller.move_to(at(MONDAY, 15))
        second = notify(liaison, "suggested_experts", "Cadena de frío")
        notify(refuses, "suggested_experts", "Cadena de frío")
        traveller.move_to(at(MONDAY, 23, 40))
        third = notify(liaison, "suggested_experts", "Huertos urbanos")

        written = run_every_quarter_hour(
            traveller, at(MONDAY, 23, 45), at(MONDAY + datetime.timedelta(days=2), 23, 45)
        )

    assert len(written) == 1
    moment, digest = written[0]
    assert moment == at(MONDAY + datetime.timedelta(days=1), 8)
    assert (digest.kind, digest.recipient, digest.state) == ("digest_daily", liaison, "pending")
    assert set(digest.digest_items.all()) == {first, second, third}
    assert not EmailDelivery.objects.filter(recipient__in=[quiet, refuses]).exists()
    assert not Notification.objects.filter(digest__isnull=True, recipient=liaison).exists()


def test_notices_after_the_digest_hour_wait_for_the_next_day():
    liaison = UserFactory.create()
    with time_machine.travel(at(MONDAY, 7, 50), tick=False) as traveller:
        early = notify(liaison, "suggested_experts", "Antes")
        traveller.move_to(at(MONDAY, 8, 5))
        services.digests_send()
        traveller.move_to(at(MONDAY, 8, 30))
        late = notify(liaison, "suggested_experts", "Después")
        services.digests_send()
        traveller.move_to(at(MONDAY, 8, 50))
        services.digests_send()
        traveller.move_to(at(MONDAY + datetime.timedelta(days=1), 8, 5))
        services.digests_send()

    digests = list(EmailDelivery.objects.filter(recipient=liaison).order_by("created_at"))
    assert [list(d.digest_items.all()) for d in digests] == [[early], [late]]


def test_a_week_of_notices_makes_one_weekly_digest_on_monday_at_eight_in_the_experts_zone():
    expert = ExpertProfileFactory.create(timezone="Europe/Madrid", user__language="en").user
    services.preferences_update(user=expert, frequencies={"invitation_received": "weekly"})

    tuesday = MONDAY + datetime.timedelta(days=1)
    with time_machine.travel(at(tuesday, 9, zone=MADRID), tick=False) as traveller:
        items = [notify(expert, "suggested_projects", "Uno")]
        traveller.move_to(at(tuesday + datetime.timedelta(days=2), 18, zone=MADRID))
        items.append(notify(expert, "invitation_received", "Dos"))
        traveller.move_to(at(tuesday + datetime.timedelta(days=5), 22, zone=MADRID))
        items.append(notify(expert, "suggested_projects", "Tres"))

        written = run_every_quarter_hour(
            traveller,
            at(tuesday + datetime.timedelta(days=5), 22, 15, zone=MADRID),
            at(MONDAY + datetime.timedelta(days=14), 23, 45, zone=MADRID),
        )

    assert len(written) == 1
    moment, digest = written[0]
    assert moment == at(MONDAY + datetime.timedelta(days=7), 8, zone=MADRID)
    assert digest.kind == "digest_weekly"
    assert set(digest.digest_items.all()) == set(items)

    message = render(digest, "en")
    html = html_of(message)
    assert message.subject == "[Puentes] Your weekly digest: 3 notices on Puentes"
    assert message.body.index("Projects suggested for you") < message.body.index("Invitations")
    for title in ("2 new projects suggested for you", "ITM invites you to “Dos”"):
        assert title in message.body
    assert "2 new projects suggested for you" in html
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe in message.body
    assert f'href="{unsubscribe}"' in html


def test_the_daily_digest_in_spanish_lists_every_item_with_its_link():
    liaison = UserFactory.create(language="es")
    with time_machine.travel(at(MONDAY, 12), tick=False) as traveller:
        notify(liaison, "suggested_experts", "Laboratorio de agua")
        notify(liaison, "suggested_experts", "Cadena de frío")
        traveller.move_to(at(MONDAY + datetime.timedelta(days=1), 8, 1))
        services.digests_send()
    digest = EmailDelivery.objects.get(recipient=liaison)

    message = render(digest, "es")
    html = html_of(message)
    assert message.subject == "[Puentes] Tu resumen diario: 2 avisos en Puentes"
    assert "Personas expertas sugeridas" in message.body
    for item in digest.digest_items.all():
        assert (
            f"2 personas expertas sugeridas para «{item.payload['project_title']}»" in message.body
        )
        assert f"http://127.0.0.1:8000{item.url}" in message.body
        assert f'href="http://127.0.0.1:8000{item.url}"' in html


def test_two_overlapping_runs_write_one_digest():
    liaison = UserFactory.create()
    with time_machine.travel(at(MONDAY, 12), tick=False) as traveller:
        notify(liaison, "suggested_experts", "Uno")
        traveller.move_to(at(MONDAY + datetime.timedelta(days=1), 8, 1))
        now = timezone.now()
        first = services.digest_create(user_id=liaison.pk, frequency="daily", period="p", now=now)
        second = services.digest_create(user_id=liaison.pk, frequency="daily", period="p", now=now)

    assert first is not None
    assert second is None
    assert EmailDelivery.objects.filter(recipient=liaison).count() == 1


def test_switching_a_kind_to_never_drops_it_from_the_pending_digest():
    liaison = UserFactory.create()
    with time_machine.travel(at(MONDAY, 12), tick=False) as traveller:
        notify(liaison, "suggested_experts", "Uno")
        services.preferences_update(user=liaison, frequencies={"suggested_experts": "never"})
        traveller.move_to(at(MONDAY + datetime.timedelta(days=1), 8, 1))
        assert services.digests_send() == 0

    assert not EmailDelivery.objects.exists()
    assert Notification.objects.get(recipient=liaison).email_frequency == "never"


def test_notices_already_read_in_the_site_are_not_mailed_again():
    liaison = UserFactory.create()
    with time_machine.travel(at(MONDAY, 12), tick=False) as traveller:
        notice = notify(liaison, "suggested_experts", "Uno")
        services.notification_mark_read(notification=notice, by=liaison)
        traveller.move_to(at(MONDAY + datetime.timedelta(days=1), 8, 1))
        assert services.digests_send() == 0

    assert not EmailDelivery.objects.exists()
