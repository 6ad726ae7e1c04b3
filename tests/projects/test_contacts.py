"""Contact details (the expert's e-mail, LinkedIn and website; the liaison's name and e-mail)
are absent from every page before acceptance and present, for both sides, after it."""

import pytest
from django.urls import reverse

from projects import services
from tests.factories.projects import InterestFactory, InvitationFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def expert_contact(expert):
    """What only the expert's engagement partners may see."""
    return [expert.user.email, expert.linkedin_url, expert.website_url]


@pytest.fixture
def liaison_contact(liaison):
    """What only the liaison's engagement partners may see."""
    return [liaison.name, liaison.email]


@pytest.fixture
def project(institution, liaison):
    return PublishedProjectFactory(institution=institution, created_by=liaison)


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
    client, project, expert, liaison, expert_contact, liaison_contact
):
    interest = InterestFactory(project=project, expert=expert)
    decline_page = reverse("projects:interest_decline", args=[interest.pk])

    _assert_hidden(client, liaison, [*_institution_pages(project), decline_page], expert_contact)
    _assert_hidden(client, expert.user, _expert_pages(project), liaison_contact)


def test_a_pending_invitation_reveals_no_contact_details_to_either_side(
    client, project, expert, liaison, expert_contact, liaison_contact
):
    invitation = InvitationFactory(project=project, expert=expert, invited_by=liaison)
    decline_page = reverse("projects:invitation_decline", args=[invitation.pk])

    _assert_hidden(client, liaison, _institution_pages(project), expert_contact)
    _assert_hidden(client, expert.user, [*_expert_pages(project), decline_page], liaison_contact)


def test_a_declined_interest_reveals_nothing_either(
    client, project, expert, liaison, expert_contact, liaison_contact
):
    interest = InterestFactory(project=project, expert=expert)
    services.interest_decline(interest=interest, by=liaison, reason="filled")

    _assert_hidden(client, liaison, _institution_pages(project), expert_contact)
    _assert_hidden(client, expert.user, _expert_pages(project), liaison_contact)


def test_after_the_institution_accepts_both_sides_see_each_others_contacts(
    client, project, expert, liaison, expert_contact, liaison_contact
):
    interest = InterestFactory(project=project, expert=expert)
    engagement = services.interest_accept(interest=interest, by=liaison)

    for url in _institution_pages(project, engagement):
        if "invitar" not in url:
            _assert_shown(client, liaison, url, expert_contact)
    for url in _expert_pages(project, engagement):
        if url != reverse("projects:list"):
            _assert_shown(client, expert.user, url, liaison_contact)


def test_after_the_expert_accepts_an_invitation_both_sides_see_contacts(
    client, project, expert, liaison, institution_admin, expert_contact, liaison_contact
):
    invitation = InvitationFactory(project=project, expert=expert, invited_by=liaison)
    engagement = services.invitation_accept(invitation=invitation, by=expert.user)
    url = reverse("projects:engagement_detail", args=[engagement.pk])

    _assert_shown(client, expert.user, url, liaison_contact)
    _assert_shown(client, liaison, url, expert_contact)
    _assert_shown(client, institution_admin, url, expert_contact)


def test_other_experts_never_see_contacts_of_someone_elses_engagement(
    client, project, expert, liaison, other_expert, expert_contact, liaison_contact
):
    interest = InterestFactory(project=project, expert=expert)
    services.interest_accept(interest=interest, by=liaison)

    _assert_hidden(
        client,
        other_expert.user,
        [reverse("projects:detail", args=[project.pk]), reverse("projects:dashboard")],
        expert_contact + liaison_contact,
    )
