"""A chapter never loses its last coordinator silently: leaving is refused while others remain
(they could not have their requests answered), and a deleted account tells staff, who appoint
another one."""

import pytest
from django.urls import reverse

from chapters import services
from chapters.models import ChapterMembership
from notifications import emails
from notifications.models import EmailDelivery, Notification
from profiles.services.account import account_delete
from tests.factories.chapters import MembershipFactory
from tests.factories.profiles import UserFactory

pytestmark = pytest.mark.django_db


def _membership(chapter, user) -> ChapterMembership:
    return ChapterMembership.objects.get(chapter=chapter, user=user)


def test_the_last_coordinator_cannot_leave_a_chapter_with_other_members(
    chapter, coordinator, chapter_member, client
):
    client.force_login(coordinator)

    response = client.post(reverse("chapters:leave", args=[chapter.slug]), follow=True)

    assert "Eres la única persona que coordina este capítulo" in response.content.decode()
    assert _membership(chapter, coordinator).state == "active"
    assert _membership(chapter, coordinator).role == "coordinator"


def test_a_coordinator_may_leave_when_another_one_remains_or_nobody_else_is_active(
    chapter, coordinator, chapter_member
):
    MembershipFactory(chapter=chapter, role="co_coordinator")
    services.membership_leave(membership=_membership(chapter, coordinator), by=coordinator)
    alone = MembershipFactory(role="coordinator")

    services.membership_leave(membership=alone, by=alone.user)

    assert _membership(chapter, coordinator).state == "left"
    assert ChapterMembership.objects.get(pk=alone.pk).state == "left"
    assert not Notification.objects.filter(kind="chapter_coordination_vacated").exists()


def test_the_refusal_does_not_touch_a_plain_member_leaving(chapter, coordinator, chapter_member):
    services.membership_leave(membership=_membership(chapter, chapter_member), by=chapter_member)

    assert _membership(chapter, chapter_member).state == "left"


def test_deleting_the_last_coordinators_account_tells_staff_to_appoint_another(
    chapter, coordinator, staff, client
):
    MembershipFactory(chapter=chapter, state="requested")
    UserFactory(is_staff=False)  # not staff: not told

    account_delete(user=coordinator)

    assert _membership(chapter, coordinator).state == "left"
    notice = Notification.objects.get(kind="chapter_coordination_vacated")
    assert notice.recipient == staff
    assert notice.payload["requests"] == 1
    delivery = EmailDelivery.objects.get(kind="chapter_coordination_vacated")
    message = emails.build_message(delivery)
    assert chapter.name_es in message.subject
    assert "1 pendientes" in message.body
    client.force_login(staff)
    assert client.get(notice.payload["url"]).status_code == 200
