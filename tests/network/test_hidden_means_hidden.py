"""Hidden means hidden (issue 18): right after a profile is hidden (or its account suspended),
with no Celery worker running, it appears in no page, suggestion list, directory, API response
or search result for anyone but its owner; staff see it only in the admin.

The matrix: every surface that shows experts × every persona (and two API keys). Before hiding,
the same surfaces show the profile (so the test proves the filter, not an empty page)."""

from collections.abc import Callable

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from matching.models import Match
from notifications import emails
from notifications.models import EmailDelivery, Notification
from notifications.services import kinds
from partners.models import ApiScope
from partners.services import api_key_issue
from profiles.models import ExpertProfile, User
from profiles.services.account import account_suspend
from profiles.services.experts import profile_reindex, profile_update
from tests.factories.matching import MatchFactory
from tests.factories.notifications import NotificationPreferenceFactory
from tests.factories.projects import InterestFactory, InvitationFactory, PublishedProjectFactory

pytestmark = pytest.mark.django_db

NAME = "María Experta"
PEOPLE = (
    "liaison",
    "teammate",
    "institution_admin",
    "stranger",
    "other_expert",
    "staff",
    "anonymous",
)


@pytest.fixture
def scene(expert, institution, liaison, teammate, institution_admin):
    """The expert, public and searchable, suggested for one project of the institution (a new
    suggestion), invited to another (a decided one), and interested in the first."""
    ExpertProfile.objects.filter(pk=expert.pk).update(visibility="public", city="Uruapan")
    expert.refresh_from_db()
    profile_reindex(profile=expert)
    suggested = PublishedProjectFactory(institution=institution, title="Cadena del aguacate")
    invited = PublishedProjectFactory(institution=institution, title="Riego de precisión")
    MatchFactory(project=suggested, expert=expert)
    MatchFactory(project=invited, expert=expert, state="invited")
    InterestFactory(project=suggested, expert=expert)
    InvitationFactory(project=invited, expert=expert, invited_by=liaison)
    return {"expert": expert, "projects": [suggested, invited]}


def _client(request: pytest.FixtureRequest, person: str) -> Client:
    if person == "anonymous":
        return request.getfixturevalue("anonymous")
    user = request.getfixturevalue(person)
    user = user.user if isinstance(user, ExpertProfile) else user
    client = Client()
    client.force_login(user)
    return client


def _site_urls(scene: dict) -> list[str]:
    expert = scene["expert"]
    urls = [
        reverse("profiles:expert_detail", args=[expert.pk]),
        reverse("profiles:directory"),
        reverse("profiles:directory") + "?q=Mar%C3%ADa",
        reverse("profiles:directory") + "?q=Uruapan",
        reverse("projects:dashboard"),
    ]
    for project in scene["projects"]:
        urls += [
            reverse("projects:detail", args=[project.pk]),
            reverse("matching:project_suggestions", args=[project.pk]),
            reverse("projects:invite", args=[project.pk]) + f"?expert={expert.pk}",
        ]
    return urls


@pytest.fixture
def api_clients(institution, institution_admin, staff) -> dict[str, APIClient]:
    """A key of the institution (sees what members see) and a partner's (what the public sees)."""
    own = api_key_issue(
        by=institution_admin,
        institution=institution,
        name="CRM",
        scopes=list(ApiScope.values),
    )
    partner = api_key_issue(
        by=staff,
        name="Registro",
        scopes=[ApiScope.PROJECTS_READ, ApiScope.EXPERTS_READ],
        partner_name="Registro nacional",
    )
    clients = {}
    for name, issued in (("institution_key", own), ("partner_key", partner)):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {issued.plaintext}")
        clients[name] = client
    return clients


def _api_urls(scene: dict) -> list[str]:
    expert = scene["expert"]
    urls = [
        reverse("api-expert-list"),
        reverse("api-expert-list") + "?q=Mar%C3%ADa",
        reverse("api-expert-detail", args=[expert.pk]),
        reverse("api-own-invitation-list"),
    ]
    urls += [reverse("api-own-project-matches", args=[p.pk]) for p in scene["projects"]]
    return urls


def _shows(response, expert: ExpertProfile) -> bool:
    body = response.content.decode()
    return response.status_code == 200 and (NAME in body or f"/expertos/{expert.pk}/" in body)


def _hide(expert: ExpertProfile, staff: User) -> None:
    profile_update(profile=expert, data={"visibility": "hidden"}, by=expert.user)


def _suspend(expert: ExpertProfile, staff: User) -> None:
    account_suspend(user=expert.user, by=staff, reason="Perfil falso denunciado.")


@pytest.mark.parametrize("leave", [_hide, _suspend], ids=["hidden", "suspended"])
def test_a_hidden_or_suspended_profile_appears_nowhere_but_to_its_owner(
    request, scene, api_clients, staff, leave: Callable[[ExpertProfile, User], None]
):
    expert = scene["expert"]
    liaison_client = _client(request, "liaison")
    # Before: the institution, the public and both keys find the profile.
    suggestions = reverse("matching:project_suggestions", args=[scene["projects"][0].pk])
    assert _shows(liaison_client.get(suggestions), expert)
    assert _shows(
        liaison_client.get(reverse("projects:detail", args=[scene["projects"][1].pk])), expert
    )
    assert _shows(_client(request, "anonymous").get(_site_urls(scene)[0]), expert)
    for client in api_clients.values():
        assert _shows(client.get(reverse("api-expert-list")), expert)

    leave(expert, staff)  # no worker runs in this test: everything below is read-time

    seen = []
    for person in PEOPLE:
        client = _client(request, person)
        for url in _site_urls(scene):
            if _shows(client.get(url), expert):
                seen.append((person, url))
    for name, client in api_clients.items():
        for url in _api_urls(scene):
            if _shows(client.get(url), expert):
                seen.append((name, url))
    assert seen == []

    # Staff still see it in the admin.
    admin_client = _client(request, "staff")
    admin_url = reverse("admin:profiles_expertprofile_change", args=[expert.pk])
    assert NAME in admin_client.get(admin_url).content.decode()


def test_the_owner_still_sees_their_hidden_profile(request, scene, staff):
    expert = scene["expert"]
    _hide(expert, staff)
    client = Client()
    client.force_login(expert.user)

    assert _shows(client.get(reverse("profiles:expert_detail", args=[expert.pk])), expert)
    assert NAME in client.get(reverse("profiles:me")).content.decode()


def test_hiding_withdraws_pending_suggestions_in_the_same_transaction(scene, staff):
    expert = scene["expert"]

    _hide(expert, staff)

    # The new suggestion is gone; the decided one (an invitation) stays as a record.
    assert list(Match.objects.filter(expert=expert).values_list("state", flat=True)) == ["invited"]


class Abort(Exception):
    pass


def test_a_rolled_back_hide_withdraws_nothing(scene, staff):
    expert = scene["expert"]

    def hide_then_fail() -> None:
        with transaction.atomic():
            _hide(expert, staff)
            assert Match.objects.filter(expert=expert).count() == 1
            raise Abort

    with pytest.raises(Abort):
        hide_then_fail()

    assert Match.objects.filter(expert=expert).count() == 2
    assert ExpertProfile.objects.get(pk=expert.pk).visibility == "public"


def test_a_notice_of_new_suggestions_does_not_name_a_hidden_expert(scene, liaison, staff):
    expert = scene["expert"]
    _hide(expert, staff)

    kinds.experts_suggested(project_id=scene["projects"][0].pk, expert_ids=[expert.pk])

    notices = Notification.objects.filter(recipient=liaison, kind="suggested_experts")
    assert all(NAME not in str(n.payload) for n in notices)


def test_a_hidden_expert_cannot_express_interest(client, scene, other_expert, institution):
    project = PublishedProjectFactory(institution=institution)
    profile_update(profile=other_expert, data={"visibility": "hidden"}, by=other_expert.user)
    client.force_login(other_expert.user)

    response = client.get(reverse("projects:detail", args=[project.pk]))

    assert "Tu perfil está oculto: hazlo visible para mostrar interés." in response.content.decode()


# --- The search document holds only what every audience may see -------------------------------


def test_no_audience_can_search_on_the_members_only_city(scene, api_clients):
    for client in api_clients.values():
        found = client.get(reverse("api-expert-list"), {"q": "Uruapan"}).json()["results"]
        by_name = client.get(reverse("api-expert-list"), {"q": "María"}).json()["results"]

        assert found == []
        assert [e["id"] for e in by_name] == [scene["expert"].pk]


def test_an_e_mail_sent_after_hiding_no_longer_names_the_expert(scene, liaison, staff):
    expert = scene["expert"]
    NotificationPreferenceFactory(user=liaison, kind="suggested_experts", frequency="immediately")
    kinds.experts_suggested(project_id=scene["projects"][0].pk, expert_ids=[expert.pk])
    delivery = EmailDelivery.objects.get(recipient=liaison, kind="suggested_experts")
    assert NAME in emails.build_message(delivery).body

    _hide(expert, staff)

    message = emails.build_message(delivery)
    assert NAME not in message.body
    assert NAME not in message.alternatives[0][0]
