"""Contact details (the expert's e-mail, LinkedIn and website; the liaison's name and e-mail)
are absent from every page before acceptance and present, for both sides, after it."""

import pytest
from django.urls import reverse

from projects import services
from tests.factories.projects import InterestFactory, InvitationFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db

EXPERT_CONTACT = [
    "maria.experta@example.org",
    "https://www.linkedin.com/in/maria-experta",
    "https://maria.example.org",
]
LIAISON_CONTACT = ["Luis Enlace", "luis.enlace@umich.example"]


@pytest.fixture
def project(institution, owner):
    return PublishedProjectFactory(institution=institution, created_by=owner)


def _html(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _institution_pages(project, engagement=None):
    pages = [
        reverse("projects:detail", args=[project.pk]),
        reverse("projects:dashboard"),
        reverse("projects:invite", args=[project.pk]),
    ]
    if engagement is not None:
        pages.append(reverse("projects:engagement_detail", args=[engagement.pk]))
    return pages


def _expert_pages(project, engagement=None):
    pages = [
        reverse("projects:detail", args=[project.pk]),
        reverse("projects:dashboard"),
        reverse("projects:list"),
    ]
    if engagement is not None:
        pages.append(reverse("projects:engagement_detail", args=[engagement.pk]))
    return pages


def _assert_hidden(client, user, urls, secrets):
    for url in urls:
        html = _html(client, user, url)
        for secret in secrets:
            assert secret not in html, (url, secret)


def _assert_shown(client, user, url, secrets):
    html = _html(client, user, url)
    for secret in secrets:
        assert secret in html, (url, secret)


def test_a_pending_interest_reveals_no_contact_details_to_either_side(
    client, project, expert, owner
):
    interest = InterestFactory(project=project, expert=expert)
    decline_page = reverse("projects:interest_decline", args=[interest.pk])

    _assert_hidden(client, owner, [*_institution_pages(project), decline_page], EXPERT_CONTACT)
    _assert_hidden(client, expert.user, _expert_pages(project), LIAISON_CONTACT)


def test_a_pending_invitation_reveals_no_contact_details_to_either_side(
    client, project, expert, owner
):
    invitation = InvitationFactory(project=project, expert=expert, invited_by=owner)
    decline_page = reverse("projects:invitation_decline", args=[invitation.pk])

    _assert_hidden(client, owner, _institution_pages(project), EXPERT_CONTACT)
    _assert_hidden(client, expert.user, [*_expert_pages(project), decline_page], LIAISON_CONTACT)


def test_a_declined_interest_reveals_nothing_either(client, project, expert, owner):
    interest = InterestFactory(project=project, expert=expert)
    services.interest_decline(interest=interest, by=owner, reason="filled")

    _assert_hidden(client, owner, _institution_pages(project), EXPERT_CONTACT)
    _assert_hidden(client, expert.user, _expert_pages(project), LIAISON_CONTACT)


def test_after_the_institution_accepts_both_sides_see_each_others_contacts(
    client, project, expert, owner
):
    interest = InterestFactory(project=project, expert=expert)
    engagement = services.interest_accept(interest=interest, by=owner)

    for url in _institution_pages(project, engagement):
        if "invitar" not in url:
            _assert_shown(client, owner, url, EXPERT_CONTACT)
    for url in _expert_pages(project, engagement):
        if url != reverse("projects:list"):
            _assert_shown(client, expert.user, url, LIAISON_CONTACT)


def test_after_the_expert_accepts_an_invitation_both_sides_see_contacts(
    client, project, expert, owner, teammate
):
    invitation = InvitationFactory(project=project, expert=expert, invited_by=owner)
    engagement = services.invitation_accept(invitation=invitation, by=expert.user)
    url = reverse("projects:engagement_detail", args=[engagement.pk])

    _assert_shown(client, expert.user, url, LIAISON_CONTACT)
    _assert_shown(client, owner, url, EXPERT_CONTACT)
    _assert_shown(client, teammate, url, EXPERT_CONTACT)


def test_other_experts_never_see_contacts_of_someone_elses_engagement(
    client, project, expert, owner
):
    from tests.factories.profiles import ExpertProfileFactory

    interest = InterestFactory(project=project, expert=expert)
    services.interest_accept(interest=interest, by=owner)
    other = ExpertProfileFactory()

    _assert_hidden(
        client,
        other.user,
        [reverse("projects:detail", args=[project.pk]), reverse("projects:dashboard")],
        EXPERT_CONTACT + LIAISON_CONTACT,
    )
