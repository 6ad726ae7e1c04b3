"""The notification centre and the header's bell: each person sees only their own notices,
newest first, unread ones highlighted; marking read works one by one or all at once; lists
cost a constant number of queries however many notices there are."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications import selectors
from notifications.models import Notification, NotificationPreference
from profiles.models import User
from tests.factories.notifications import NotificationFactory
from tests.factories.profiles import UserFactory

pytestmark = pytest.mark.django_db


def notice(
    user: User, n: int, *, kind: str = "project_approved", read: bool = False
) -> Notification:
    return NotificationFactory.create(
        recipient=user,
        kind=kind,
        key=f"test:{kind}:{n}",
        payload={
            "project_title": f"Proyecto {n}",
            "institution_name": "ITM",
            "url": f"/proyectos/{n}/",
        },
        created_at=timezone.now() - datetime.timedelta(minutes=100 - n),
        read_at=timezone.now() if read else None,
    )


def test_the_list_needs_a_login(client):
    response = client.get(reverse("notifications:list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_list_shows_my_notices_newest_first_with_unread_ones_marked(client, liaison, stranger):
    notice(liaison, 1, read=True)
    notice(liaison, 2)
    notice(stranger, 3)
    client.force_login(liaison)

    response = client.get(reverse("notifications:list"))

    assert response.status_code == 200
    content = response.content.decode()
    assert content.index("«Proyecto 2» ya está publicado") < content.index(
        "«Proyecto 1» ya está publicado"
    )
    assert "Proyecto 3" not in content
    assert content.count('data-unread="true"') == 1
    assert "Marcar 1 aviso como leído" in content


def test_the_list_in_english_uses_the_english_titles(client, liaison):
    notice(liaison, 1)
    client.force_login(liaison)

    response = client.get(reverse("notifications:list"), HTTP_ACCEPT_LANGUAGE="en")

    assert "“Proyecto 1” is now published" in response.content.decode()


def test_an_empty_centre_says_what_will_appear_there(client, liaison):
    client.force_login(liaison)

    response = client.get(reverse("notifications:list"))

    assert "Aún no tienes avisos" in response.content.decode()


def test_the_list_is_paginated_and_costs_the_same_queries_with_more_rows(
    client, liaison, django_assert_max_num_queries
):
    client.force_login(liaison)
    for n in range(3):
        notice(liaison, n)
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("notifications:list"))
    for n in range(3, 45):
        notice(liaison, n)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("notifications:list") + "?page=2")

    content = response.content.decode()
    assert "Página 2 de 3" in content
    assert content.count('data-testid="notification"') == 20


def test_opening_a_notice_marks_it_read_and_goes_to_its_object(client, liaison):
    mine = notice(liaison, 7)
    client.force_login(liaison)

    response = client.get(reverse("notifications:open", args=[mine.pk]))

    assert response.status_code == 302
    assert response["Location"] == "/proyectos/7/"
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_nobody_opens_or_marks_someone_elses_notice(client, liaison, stranger):
    theirs = notice(stranger, 1)
    client.force_login(liaison)

    assert client.get(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("notifications:mark_read", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_one_read_needs_post_and_returns_to_the_page(client, liaison):
    mine = notice(liaison, 1)
    client.force_login(liaison)

    assert client.get(reverse("notifications:mark_read", args=[mine.pk])).status_code == 405
    response = client.post(
        reverse("notifications:mark_read", args=[mine.pk]), {"next": "/notificaciones/?page=1"}
    )

    assert response["Location"] == "/notificaciones/?page=1"
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_marking_all_read_leaves_other_peoples_notices_alone(client, liaison, stranger):
    notice(liaison, 1)
    notice(liaison, 2)
    theirs = notice(stranger, 3)
    client.force_login(liaison)

    response = client.post(reverse("notifications:mark_all_read"), follow=True)

    assert "Marcamos 2 avisos como leídos." in response.content.decode()
    assert not Notification.objects.filter(recipient=liaison, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_bell_counts_my_unread_notices_and_keeps_polling(client, liaison, stranger, settings):
    settings.NOTIFICATIONS_BELL_POLL_SECONDS = 30
    notice(liaison, 1)
    notice(liaison, 2, read=True)
    notice(stranger, 3)
    client.force_login(liaison)

    response = client.get(reverse("notifications:bell_count"), HTTP_HX_REQUEST="true")

    content = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="notification-count"' in content
    assert '>1<span class="visually-hidden"> aviso sin leer</span>' in content
    assert 'hx-trigger="every 30s"' in content


def test_the_bell_shows_no_badge_without_unread_notices(client, liaison):
    client.force_login(liaison)

    response = client.get(reverse("notifications:bell_count"))

    assert 'data-testid="notification-count"' not in response.content.decode()


def test_the_bell_tells_htmx_to_stop_polling_once_logged_out(client):
    assert client.get(reverse("notifications:bell_count")).status_code == 286
    assert client.get(reverse("notifications:bell_menu")).status_code == 286


def test_the_bell_menu_lists_the_latest_notices_unread_first_in_constant_queries(
    client, liaison, django_assert_max_num_queries
):
    client.force_login(liaison)
    notice(liaison, 1)
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("notifications:bell_menu"))
    for n in range(2, 30):
        notice(liaison, n, read=n % 2 == 0)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("notifications:bell_menu"))

    content = response.content.decode()
    assert content.count('data-testid="bell-item"') == 5
    assert "«Proyecto 29» ya está publicado" in content
    assert "«Proyecto 28»" not in content  # read, and older unread ones come first


def test_every_page_header_has_the_bell_for_members_only(client, liaison):
    assert 'data-testid="notification-bell"' not in client.get("/").content.decode()

    client.force_login(liaison)
    content = client.get("/").content.decode()

    assert 'data-testid="notification-bell"' in content
    assert reverse("notifications:bell_count") in content


def test_preferences_show_defaults_and_save_each_kind(client, liaison):
    client.force_login(liaison)

    page = client.get(reverse("notifications:preferences"))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Los correos de seguridad" in content
    assert '<option value="daily" selected>' in content  # suggested experts default

    form = dict(selectors.preference_list_for_user(user=liaison))
    form["interest_received"] = "weekly"
    response = client.post(reverse("notifications:preferences"), form, follow=True)

    assert "Guardamos tus preferencias de avisos." in response.content.decode()
    assert list(
        NotificationPreference.objects.filter(user=liaison).values_list("kind", "frequency")
    ) == [("interest_received", "weekly")]


def test_an_invalid_preference_is_refused_with_the_error(client, liaison):
    client.force_login(liaison)

    response = client.post(reverse("notifications:preferences"), {"interest_received": "hourly"})

    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_a_new_user_has_sensible_defaults():
    preferences = selectors.preference_list_for_user(user=UserFactory.create())

    assert preferences["invitation_received"] == "immediately"
    assert preferences["suggested_projects"] == "weekly"
    assert preferences["suggested_experts"] == "daily"
    assert "never" not in preferences.values()


def test_marking_a_single_notice_read_says_so_in_the_singular(client, liaison):
    notice(liaison, 1)
    client.force_login(liaison)

    response = client.post(reverse("notifications:mark_all_read"), follow=True)

    assert [str(m) for m in response.context["messages"]] == ["Marcamos 1 aviso como leído."]
