"""Invite from where people are: names link to profiles, a profile offers "Invitar a un
proyecto" with a picker of my projects, and nobody types a profile number."""

import pytest
from django.urls import reverse

from projects.models import Invitation
from tests.factories.matching import MatchFactory
from tests.factories.projects import PublishedProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(institution, liaison):
    return PublishedProjectFactory(institution=institution, created_by=liaison, title="Riego")


def test_a_liaison_sees_invitar_a_un_proyecto_on_an_expert_profile(client, liaison, expert):
    client.force_login(liaison)

    page = client.get(reverse("profiles:expert_detail", args=[expert.pk])).content.decode()

    assert "Invitar a un proyecto" in page
    assert reverse("projects:invite_expert", args=[expert.pk]) in page


def test_an_expert_only_account_is_not_offered_to_invite(client, other_expert, expert):
    other_expert.user.role = "expert"
    other_expert.user.save()
    client.force_login(other_expert.user)

    page = client.get(reverse("profiles:expert_detail", args=[expert.pk])).content.decode()

    assert "Invitar a un proyecto" not in page


def test_the_picker_lists_only_my_projects_that_take_invitations_and_invites(
    client, liaison, expert, published, institution
):
    draft = PublishedProjectFactory(institution=institution, status="draft", title="Borrador")
    foreign = PublishedProjectFactory(title="Ajeno")
    client.force_login(liaison)

    page = client.get(reverse("projects:invite_expert", args=[expert.pk])).content.decode()
    assert published.title in page
    assert draft.title not in page
    assert foreign.title not in page
    assert "Número de perfil" not in page

    response = client.post(
        reverse("projects:invite_expert", args=[expert.pk]),
        {"project": published.pk, "message": "¿Colaboramos?"},
    )

    assert response["Location"] == reverse("projects:detail", args=[published.pk])
    invitation = Invitation.objects.get()
    assert (invitation.project, invitation.expert, invitation.invited_by) == (
        published,
        expert,
        liaison,
    )


def test_the_picker_refuses_a_project_of_another_institution(client, liaison, expert, published):
    foreign = PublishedProjectFactory(title="Ajeno")
    client.force_login(liaison)

    response = client.post(
        reverse("projects:invite_expert", args=[expert.pk]),
        {"project": foreign.pk, "message": "Hola"},
    )

    assert response.status_code == 400
    assert "Elige uno de tus proyectos publicados." in response.content.decode()
    assert not Invitation.objects.exists()


def test_the_picker_says_why_when_no_project_can_take_an_invitation(client, liaison, expert):
    client.force_login(liaison)

    page = client.get(reverse("projects:invite_expert", args=[expert.pk])).content.decode()

    assert 'data-testid="no-project"' in page


def test_a_hidden_profile_cannot_be_invited_from_the_picker(client, liaison, expert):
    expert.visibility = "hidden"
    expert.save()
    client.force_login(liaison)

    assert client.get(reverse("projects:invite_expert", args=[expert.pk])).status_code == 404


def test_the_invite_page_names_the_person_and_never_asks_for_a_number(
    client, liaison, expert, published
):
    client.force_login(liaison)
    url = reverse("projects:invite", args=[published.pk])

    named = client.get(url + f"?expert={expert.pk}").content.decode()
    empty = client.get(url).content.decode()

    assert expert.display_name in named
    assert reverse("profiles:expert_detail", args=[expert.pk]) in named
    assert 'type="hidden" name="expert"' in named
    assert 'data-testid="choose-expert"' in empty
    for page in (named, empty):
        assert "Número de perfil" not in page
        assert 'type="number" name="expert"' not in page


def test_suggested_names_link_to_their_profiles(client, liaison, expert, published):
    MatchFactory(project=published, expert=expert)
    client.force_login(liaison)

    page = client.get(reverse("matching:project_suggestions", args=[published.pk])).content.decode()

    assert reverse("profiles:expert_detail", args=[expert.pk]) in page
    assert reverse("projects:invite_expert", args=[expert.pk]) in page


def test_the_picker_reads_in_a_fixed_number_of_queries(
    client, liaison, expert, institution, django_assert_max_num_queries
):
    client.force_login(liaison)
    url = reverse("projects:invite_expert", args=[expert.pk])
    PublishedProjectFactory.create_batch(2, institution=institution)
    with django_assert_max_num_queries(14):
        client.get(url)

    PublishedProjectFactory.create_batch(20, institution=institution)
    with django_assert_max_num_queries(14):
        page = client.get(url).content.decode()
    picker = page[
        page.index('id="id_project"') : page.index("</select>", page.index('id="id_project"'))
    ]
    assert picker.count("<option") == 22
