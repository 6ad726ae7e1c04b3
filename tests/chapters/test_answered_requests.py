"""A request to join answered in another tab (or by the other coordinator) is not a missing
page: approving or declining it again says it was already answered and changes nothing; a
request of another chapter is still a 404."""

import pytest
from django.urls import reverse

from chapters import services
from chapters.models import ChapterMembership
from tests.factories.chapters import ChapterFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_approving_or_declining_an_answered_request_says_so_and_keeps_the_answer(
    client, chapter, coordinator
):
    request = MembershipFactory(chapter=chapter, state="requested")
    services.membership_approve(membership=request, by=coordinator)
    client.force_login(coordinator)
    args = [chapter.slug, request.pk]

    approved_again = client.post(reverse("chapters:request_approve", args=args), follow=True)
    decline_page = client.get(reverse("chapters:request_decline", args=args), follow=True)
    declined = client.post(reverse("chapters:request_decline", args=args), {"reason": "No"})

    for response in (approved_again, decline_page):
        assert response.redirect_chain == [(reverse("chapters:requests", args=[chapter.slug]), 302)]
        assert [str(m) for m in response.context["messages"]] == [
            "Esta solicitud ya fue respondida."
        ]
    assert declined.status_code == 302
    assert ChapterMembership.objects.get(pk=request.pk).state == "active"


def test_a_request_of_another_chapter_is_still_not_found(client, chapter, coordinator):
    elsewhere = MembershipFactory(chapter=ChapterFactory(), state="requested")
    client.force_login(coordinator)
    args = [chapter.slug, elsewhere.pk]

    approve = client.post(reverse("chapters:request_approve", args=args))
    decline = client.get(reverse("chapters:request_decline", args=args))

    assert (approve.status_code, decline.status_code) == (404, 404)
    assert ChapterMembership.objects.get(pk=elsewhere.pk).state == "requested"


def test_the_requests_page_pages_so_every_request_can_be_answered(client, chapter, coordinator):
    requests = [MembershipFactory(chapter=chapter, state="requested") for _ in range(31)]
    client.force_login(coordinator)
    url = reverse("chapters:requests", args=[chapter.slug])
    last = reverse("chapters:request_approve", args=[chapter.slug, requests[-1].pk])

    first_page = client.get(url).content.decode()
    second_page = client.get(url, {"page": 2}).content.decode()

    assert first_page.count('data-testid="request"') == 30
    assert last not in first_page
    assert 'rel="next"' in first_page
    assert last in second_page
