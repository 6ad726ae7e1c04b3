"""Members of an institution: invitations by e-mail, accepting them, roles, removal.

Personas from tests/conftest.py: institution_admin, teammate (a liaison), stranger (a liaison of
another institution); plus the invitee (a person with an account, invited by e-mail)."""

import datetime
import re

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from notifications import emails
from notifications.models import EmailDelivery
from profiles import events
from profiles.models import AuditEntry, Membership, MembershipInvitation
from profiles.services.institutions import (
    membership_change_role,
    membership_invitation_accept,
    membership_invitation_revoke,
    membership_invite,
    membership_remove,
)
from tests.factories.profiles import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitee():
    return UserFactory(email="Colega@Example.org", name="Colega Nueva", language="en")


def members_url(institution):
    return reverse("profiles:institution_members", args=[institution.slug])


def invitation_email():
    """The invitation e-mail as the notifications outbox will send it."""
    return emails.build_message(EmailDelivery.objects.get(kind="membership_invitation"))


def accept_path(message):
    return re.search(r"https?://[^/\s]+(/instituciones/unirse/[^\s/]+/)", message.body)[1]


# --- Members page -----------------------------------------------------------------------------


def test_institution_admin_sees_members_with_management_controls(
    client, institution, institution_admin, teammate
):
    client.force_login(institution_admin)

    response = client.get(members_url(institution))

    html = response.content.decode()
    assert response.status_code == 200
    assert teammate.email in html
    assert institution_admin.email in html
    assert "Invitar a un colega" in html
    assert (
        reverse(
            "profiles:membership_remove", args=[institution.slug, teammate.memberships.get().pk]
        )
        in html
    )


def test_teammate_sees_members_but_no_management_controls(
    client, institution, institution_admin, teammate
):
    client.force_login(teammate)

    response = client.get(members_url(institution))

    html = response.content.decode()
    assert response.status_code == 200
    assert institution_admin.email in html
    assert "Invitar a un colega" not in html
    assert "Cambiar rol" not in html
    assert "Solo los administradores de la institución pueden invitar" in html


def test_stranger_cannot_see_or_manage_members(client, institution, institution_admin, stranger):
    client.force_login(stranger)
    membership = institution_admin.memberships.get()

    page = client.get(members_url(institution))
    invite = client.post(members_url(institution), {"email": "x@example.org", "role": "admin"})
    remove = client.post(
        reverse("profiles:membership_remove", args=[institution.slug, membership.pk])
    )
    role = client.post(
        reverse("profiles:membership_change_role", args=[institution.slug, membership.pk]),
        {"role": "liaison"},
    )

    assert [page.status_code, invite.status_code, remove.status_code, role.status_code] == [
        404,
        404,
        404,
        404,
    ]
    assert not MembershipInvitation.objects.exists()
    membership.refresh_from_db()
    assert membership.role == "admin"


def test_members_page_query_count_does_not_grow_with_members(
    client, institution, institution_admin, django_assert_max_num_queries
):
    for n in range(3):
        MembershipFactory(institution=institution)
        MembershipInvitation.objects.create(institution=institution, email=f"i{n}@example.org")
    client.force_login(institution_admin)
    with django_assert_max_num_queries(15) as few:
        client.get(members_url(institution))
    for n in range(20):
        MembershipFactory(institution=institution)
        MembershipInvitation.objects.create(institution=institution, email=f"j{n}@example.org")

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(members_url(institution))

    html = response.content.decode()
    assert html.count('data-testid="member-row"') == 24
    assert html.count('data-testid="invitation-row"') == 23


# --- Inviting ---------------------------------------------------------------------------------


def test_institution_admin_invites_by_email_and_the_invitee_gets_the_accept_link(
    client, institution, institution_admin, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(institution_admin)
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs["invitation_id"])

    events.membership_invited.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                members_url(institution), {"email": " nuevo@example.org ", "role": "liaison"}
            )
    finally:
        events.membership_invited.disconnect(receiver)

    invitation = MembershipInvitation.objects.get()
    assert response.status_code == 302
    assert (invitation.email, invitation.role, invitation.invited_by) == (
        "nuevo@example.org",
        "liaison",
        institution_admin,
    )
    assert received == [invitation.pk]
    message = invitation_email()
    assert message.to == ["nuevo@example.org"]
    assert institution.name in message.subject
    assert accept_path(message) == reverse("profiles:membership_accept", args=[invitation.token])
    assert "con el rol de enlace" in message.body
    assert message.alternatives[0][1] == "text/html"
    assert AuditEntry.objects.filter(action="membership.invite", actor=institution_admin).exists()


def test_invitation_email_uses_the_invitees_language_when_known(
    institution, institution_admin, invitee, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        membership_invite(institution=institution, by=institution_admin, email="colega@example.org")

    html, _mime = invitation_email().alternatives[0]
    assert '<html lang="en">' in html


def test_invitation_email_to_an_unknown_address_uses_the_default_language(
    institution, institution_admin, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        membership_invite(
            institution=institution, by=institution_admin, email="alguien@example.org"
        )

    message = invitation_email()
    html, _mime = message.alternatives[0]
    assert '<html lang="es">' in html
    assert institution.name in message.body


def test_inviting_twice_is_refused_with_a_clear_message(client, institution, institution_admin):
    client.force_login(institution_admin)
    client.post(members_url(institution), {"email": "dos@example.org", "role": "liaison"})

    response = client.post(members_url(institution), {"email": "DOS@example.org", "role": "admin"})

    assert response.status_code == 200
    assert "Ya hay una invitación abierta para DOS@example.org" in response.content.decode()
    assert MembershipInvitation.objects.count() == 1


def test_inviting_an_existing_member_is_refused(client, institution, institution_admin, teammate):
    client.force_login(institution_admin)

    response = client.post(
        members_url(institution), {"email": teammate.email.upper(), "role": "admin"}
    )

    assert response.status_code == 200
    assert f"ya es miembro de {institution.name}" in response.content.decode()
    assert not MembershipInvitation.objects.exists()


def test_an_expired_invitation_can_be_replaced(institution, institution_admin):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=31)):
        old = membership_invite(
            institution=institution, by=institution_admin, email="tarde@example.org"
        )

    new = membership_invite(
        institution=institution, by=institution_admin, email="tarde@example.org"
    )

    old.refresh_from_db()
    assert old.revoked_at is not None
    assert new.is_open


def test_teammate_cannot_invite(client, institution, teammate):
    client.force_login(teammate)

    response = client.post(members_url(institution), {"email": "x@example.org", "role": "admin"})

    assert response.status_code == 403
    assert not MembershipInvitation.objects.exists()
    with pytest.raises(PermissionDenied):
        membership_invite(institution=institution, by=teammate, email="x@example.org")


def test_institution_admin_revokes_an_open_invitation(client, institution, institution_admin):
    invitation = membership_invite(
        institution=institution, by=institution_admin, email="r@example.org"
    )
    client.force_login(institution_admin)

    response = client.post(
        reverse("profiles:membership_invitation_revoke", args=[institution.slug, invitation.pk])
    )

    invitation.refresh_from_db()
    assert response.status_code == 302
    assert invitation.revoked_at is not None
    assert AuditEntry.objects.filter(action="membership.revoke_invitation").exists()
    with pytest.raises(ValidationError):
        membership_invitation_revoke(invitation=invitation, by=institution_admin)


def test_teammate_cannot_revoke_invitations(client, institution, institution_admin, teammate):
    invitation = membership_invite(
        institution=institution, by=institution_admin, email="r@example.org"
    )
    client.force_login(teammate)

    response = client.post(
        reverse("profiles:membership_invitation_revoke", args=[institution.slug, invitation.pk])
    )

    invitation.refresh_from_db()
    assert response.status_code == 403
    assert invitation.is_open


# --- Accepting --------------------------------------------------------------------------------


def test_invitee_accepts_through_the_emailed_link(
    client, institution, institution_admin, invitee, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        membership_invite(
            institution=institution, by=institution_admin, email="colega@example.org", role="admin"
        )
    path = accept_path(invitation_email())
    client.force_login(invitee)

    page = client.get(path)
    response = client.post(path)

    assert page.status_code == 200
    assert "Aceptar la invitación" in page.content.decode() or "Accept" in page.content.decode()
    assert response.status_code == 302
    assert response["Location"] == reverse("profiles:institution_detail", args=[institution.slug])
    membership = Membership.objects.get(user=invitee)
    assert (membership.institution, membership.role) == (institution, "admin")
    assert MembershipInvitation.objects.get().accepted_at is not None
    assert AuditEntry.objects.filter(action="membership.accept", actor=invitee).exists()


def test_accepting_twice_is_harmless(institution, institution_admin, invitee):
    invitation = membership_invite(
        institution=institution, by=institution_admin, email="colega@example.org"
    )

    first = membership_invitation_accept(invitation=invitation, user=invitee)
    second = membership_invitation_accept(invitation=invitation, user=invitee)

    assert first == second
    assert Membership.objects.filter(user=invitee).count() == 1


def test_accepting_with_the_wrong_account_is_refused_with_a_clear_message(
    client, institution, institution_admin, stranger, stranger_institution
):
    invitation = membership_invite(
        institution=institution, by=institution_admin, email="colega@example.org"
    )
    client.force_login(stranger)
    url = reverse("profiles:membership_accept", args=[invitation.token])

    page = client.get(url)
    response = client.post(url)

    html = response.content.decode()
    assert "entraste con otra cuenta" in page.content.decode()
    assert "Aceptar la invitación" not in page.content.decode()
    assert response.status_code == 403
    assert "c***@example.org" in html
    assert "colega@example.org" not in html
    assert list(stranger.memberships.values_list("institution", flat=True)) == [
        stranger_institution.pk
    ]
    assert MembershipInvitation.objects.get().is_open


def test_an_unverified_matching_address_is_not_enough(institution, institution_admin):
    user = UserFactory(email="colega@example.org", verified=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    invitation = membership_invite(
        institution=institution, by=institution_admin, email="colega@example.org"
    )

    with pytest.raises(PermissionDenied):
        membership_invitation_accept(invitation=invitation, user=user)


def test_a_revoked_invitation_cannot_be_accepted(client, institution, institution_admin, invitee):
    invitation = membership_invite(
        institution=institution, by=institution_admin, email="colega@example.org"
    )
    membership_invitation_revoke(invitation=invitation, by=institution_admin)
    client.force_login(invitee)

    response = client.post(reverse("profiles:membership_accept", args=[invitation.token]))

    assert response.status_code == 403
    assert "revocada" in response.content.decode() or "revoked" in response.content.decode()
    assert not Membership.objects.filter(user=invitee).exists()


def test_accept_page_requires_login_and_unknown_tokens_are_404(
    client, anonymous, institution, institution_admin, stranger
):
    invitation = membership_invite(
        institution=institution, by=institution_admin, email="colega@example.org"
    )
    url = reverse("profiles:membership_accept", args=[invitation.token])

    as_anonymous = anonymous.get(url)
    client.force_login(stranger)
    unknown = client.get(reverse("profiles:membership_accept", args=["no-such-token"]))

    assert as_anonymous.status_code == 302
    assert reverse("account_login") in as_anonymous["Location"]
    assert unknown.status_code == 404


# --- Removing members and changing roles ------------------------------------------------------


def test_institution_admin_removes_a_teammate(client, institution, institution_admin, teammate):
    membership = teammate.memberships.get()
    client.force_login(institution_admin)

    response = client.post(
        reverse("profiles:membership_remove", args=[institution.slug, membership.pk])
    )

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    entry = AuditEntry.objects.get(action="membership.remove")
    assert entry.actor == institution_admin
    assert entry.note == f"user #{teammate.pk} (liaison)"


def test_teammate_cannot_remove_others_or_change_roles(
    client, institution, institution_admin, teammate
):
    admin_membership = institution_admin.memberships.get()
    client.force_login(teammate)

    remove = client.post(
        reverse("profiles:membership_remove", args=[institution.slug, admin_membership.pk])
    )
    promote = client.post(
        reverse(
            "profiles:membership_change_role",
            args=[institution.slug, teammate.memberships.get().pk],
        ),
        {"role": "admin"},
    )

    assert remove.status_code == 403
    assert promote.status_code == 403
    assert Membership.objects.filter(pk=admin_membership.pk).exists()
    assert teammate.memberships.get().role == "liaison"


def test_teammate_can_leave_the_institution(client, institution, teammate):
    client.force_login(teammate)

    response = client.post(
        reverse(
            "profiles:membership_remove", args=[institution.slug, teammate.memberships.get().pk]
        )
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("profiles:institution_mine")
    assert not teammate.memberships.exists()


def test_the_last_admin_cannot_be_removed_or_demoted(
    client, institution, institution_admin, teammate
):
    membership = institution_admin.memberships.get()
    client.force_login(institution_admin)

    leave = client.post(
        reverse("profiles:membership_remove", args=[institution.slug, membership.pk]),
        follow=True,
    )
    demote = client.post(
        reverse("profiles:membership_change_role", args=[institution.slug, membership.pk]),
        {"role": "liaison"},
        follow=True,
    )

    assert "necesita al menos un administrador" in leave.content.decode()
    assert "necesita al menos un administrador" in demote.content.decode()
    membership.refresh_from_db()
    assert membership.role == "admin"
    with pytest.raises(ValidationError):
        membership_remove(membership=membership, by=institution_admin)


def test_an_admin_can_step_down_once_there_is_another_admin(
    institution, institution_admin, teammate
):
    membership_change_role(
        membership=teammate.memberships.get(), by=institution_admin, role="admin"
    )

    membership_change_role(
        membership=institution_admin.memberships.get(), by=institution_admin, role="liaison"
    )

    assert teammate.memberships.get().role == "admin"
    assert institution_admin.memberships.get().role == "liaison"
    assert AuditEntry.objects.filter(action="membership.change_role").count() == 2
