"""Withdrawing a request to join (the 'Retirar mi solicitud' button) says so; it is not
leaving a chapter the person never was in."""

import pytest
from django.urls import reverse

from chapters.models import ChapterMembership
from tests.factories.chapters import MembershipFactory

pytestmark = pytest.mark.django_db


def test_withdrawing_a_request_is_confirmed_as_a_withdrawal(client, chapter, expert_owner):
    request = MembershipFactory(chapter=chapter, user=expert_owner, state="requested")
    client.force_login(expert_owner)

    response = client.post(reverse("chapters:leave", args=[chapter.slug]), follow=True)

    assert [str(m) for m in response.context["messages"]] == ["Retiraste tu solicitud."]
    assert ChapterMembership.objects.get(pk=request.pk).state == "left"


def test_leaving_as_a_member_still_says_you_left(client, chapter, chapter_member):
    client.force_login(chapter_member)

    response = client.post(reverse("chapters:leave", args=[chapter.slug]), follow=True)

    assert [str(m) for m in response.context["messages"]] == ["Saliste del capítulo."]
