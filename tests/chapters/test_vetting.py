"""Vetted membership: an unapproved profile appears in no directory, suggestion or roster,
except for the people approving it (staff, chapter coordinators)."""

import pytest
from django.urls import reverse

from chapters import services
from profiles.models import AuditEntry, ExpertProfile
from tests.factories.chapters import MembershipFactory
from tests.factories.profiles import ExpertProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def vetted(settings):
    settings.NETWORK_MEMBERSHIP = "vetted"


@pytest.fixture
def newcomer(chapter):
    profile = ExpertProfileFactory(user__name="Nadia Nueva", approved_at=None)
    MembershipFactory(chapter=chapter, user=profile.user)
    return profile


def _names(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_an_unapproved_profile_is_listed_nowhere_but_for_its_approvers(
    vetted, newcomer, chapter, coordinator, chapter_member, staff, client_as
):
    member = client_as(chapter_member)
    roster = reverse("chapters:roster", args=[chapter.slug])

    assert "Nadia Nueva" not in _names(member.get(reverse("profiles:directory")))
    assert "Nadia Nueva" not in _names(member.get(roster))
    assert member.get(reverse("profiles:expert_detail", args=[newcomer.pk])).status_code == 404
    assert newcomer not in ExpertProfile.objects.available()  # what matching suggests from
    assert member.get(reverse("chapters:profiles_pending")).status_code == 404

    assert "Nadia Nueva" in _names(client_as(coordinator).get(roster))
    for approver in (coordinator, staff):
        assert "Nadia Nueva" in _names(
            client_as(approver).get(reverse("chapters:profiles_pending"))
        )


def test_approving_lists_the_profile_and_rejecting_keeps_the_reason(
    vetted, newcomer, coordinator, chapter_member, client_as
):
    other = ExpertProfileFactory(approved_at=None)
    approver = client_as(coordinator)

    approver.post(reverse("chapters:profile_decide", args=[newcomer.pk, "aprobar"]))
    approver.post(
        reverse("chapters:profile_decide", args=[other.pk, "rechazar"]),
        {"reason": "No es de la diáspora"},
    )

    newcomer.refresh_from_db()
    other.refresh_from_db()
    assert (newcomer.approved_by, other.approved_at, other.rejection_reason) == (
        coordinator,
        None,
        "No es de la diáspora",
    )
    assert "Nadia Nueva" in _names(client_as(chapter_member).get(reverse("profiles:directory")))
    assert list(
        AuditEntry.objects.filter(action__startswith="profile.")
        .values_list("action", flat=True)
        .order_by("pk")
    ) == [
        "profile.approve",
        "profile.reject",
    ]


def test_in_an_open_network_nothing_waits_and_the_queue_does_not_exist(
    newcomer, chapter_member, coordinator, client_as
):
    assert "Nadia Nueva" in _names(client_as(chapter_member).get(reverse("profiles:directory")))
    assert client_as(coordinator).get(reverse("chapters:profiles_pending")).status_code == 404


def test_in_an_invitation_only_network_accepting_an_invitation_approves(
    settings, chapter, coordinator
):
    settings.NETWORK_MEMBERSHIP = "invitation"
    invited = ExpertProfileFactory(user__email="invitada@example.org", approved_at=None)
    invitation = services.invitation_create(
        chapter=chapter, email=invited.user.email, by=coordinator
    )

    services.invitation_accept(invitation=invitation, user=invited.user)

    invited.refresh_from_db()
    assert invited.approved_by == coordinator
    assert invited in ExpertProfile.objects.listed()


def test_deciding_on_a_profile_approved_in_another_tab_says_so_and_keeps_it_approved(
    vetted, newcomer, coordinator, staff, client_as
):
    client_as(staff).post(reverse("chapters:profile_decide", args=[newcomer.pk, "aprobar"]))
    stale = client_as(coordinator)

    answers = [
        stale.post(reverse("chapters:profile_decide", args=[newcomer.pk, decision]), data)
        for decision, data in (("aprobar", {}), ("rechazar", {"reason": "Tarde"}))
    ]

    assert [a.status_code for a in answers] == [302, 302]
    followed = stale.get(reverse("chapters:profiles_pending"))
    assert [str(m) for m in followed.context["messages"]] == ["Este perfil ya estaba aprobado."] * 2
    newcomer.refresh_from_db()
    assert (newcomer.approved_at is not None, newcomer.rejection_reason) == (True, "")
